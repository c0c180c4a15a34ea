"""Rich text rendering in bulk."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString, mark_safe
from wagtail.rich_text import expand_db_html

#: Joins the sources expanded together. NUL never occurs in stored rich text
#: (PostgreSQL text cannot even hold it), so splitting on it is exact.
_SEPARATOR = "\x00"


def expand_many(sources: Sequence[str]) -> list[SafeString]:
    """Front-end HTML of many rich text sources, looking up their links together.

    ``expand_db_html`` on each source would fetch the pages and documents linked
    from each one separately, a few queries per source. Expanding the sources
    joined lets Wagtail's link handlers fetch everything in one go, so the number
    of queries does not grow with the number of sources.
    """
    sources = [source or "" for source in sources]
    if not sources:
        return []
    if not any(_SEPARATOR in source for source in sources):
        parts = expand_db_html(_SEPARATOR.join(sources)).split(_SEPARATOR)
        if len(parts) == len(sources):
            return [mark_safe(part) for part in parts]  # noqa: S308 - Wagtail's rich text output
    return [mark_safe(expand_db_html(source)) for source in sources]  # noqa: S308
