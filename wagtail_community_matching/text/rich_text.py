"""Rich text rendering in bulk."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from django.utils.safestring import SafeString, mark_safe
from wagtail.rich_text import features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

#: Joins the sources expanded together. NUL never occurs in stored rich text
#: (PostgreSQL text cannot even hold it), so splitting on it is exact.
_SEPARATOR = "\x00"

BulkRule = Callable[[list[dict]], list[str]]


def _once_per_target(rule: BulkRule) -> BulkRule:
    """Wrap a link or embed handler so that identical tags are expanded once.

    Wagtail's page link handler looks up the linked page's translation for every
    link, a query each time; many answers linking to the same page would cost a
    query per answer. Expanding each distinct tag once and reusing the result
    keeps the count tied to the distinct targets, not to the number of links.
    """

    def bulk_rule(attrs_list: list[dict]) -> list[str]:
        keys = [tuple(sorted(attrs.items())) for attrs in attrs_list]
        distinct = list(dict.fromkeys(keys))
        expanded = dict(zip(distinct, rule([dict(key) for key in distinct]), strict=True))
        return [expanded[key] for key in keys]

    return bulk_rule


@cache
def _bulk_rewriter() -> MultiRuleRewriter:
    """Wagtail's front-end rewriter (``wagtail.rich_text.get_rewriter``), deduplicating."""
    link_rules = features.get_link_types()
    embed_rules = features.get_embed_types()
    return MultiRuleRewriter(
        [
            LinkRewriter(
                bulk_rules={
                    kind: _once_per_target(handler.expand_db_attributes_many)
                    for kind, handler in link_rules.items()
                }
            ),
            EmbedRewriter(
                bulk_rules={
                    kind: _once_per_target(handler.expand_db_attributes_many)
                    for kind, handler in embed_rules.items()
                }
            ),
        ]
    )


def expand_many(sources: Sequence[str]) -> list[SafeString]:
    """Front-end HTML of many rich text sources, looking up their links together.

    Same output as Wagtail's ``expand_db_html`` on each source, but the links and
    embeds of all the sources are expanded in one pass, each distinct one once:
    the number of queries depends on the distinct pages and documents linked,
    not on the number of sources.
    """
    sources = [source or "" for source in sources]
    if not sources:
        return []
    rewrite = _bulk_rewriter()
    if not any(_SEPARATOR in source for source in sources):
        parts = rewrite(_SEPARATOR.join(sources)).split(_SEPARATOR)
        if len(parts) == len(sources):
            return [mark_safe(part) for part in parts]  # noqa: S308 - Wagtail's rich text output
    return [mark_safe(rewrite(source)) for source in sources]  # noqa: S308
