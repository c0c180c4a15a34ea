"""schema.org structured data (JSON-LD) for the package's pages.

Build the data with a ``*_jsonld`` function and print it with
:func:`jsonld_script` (or the ``cm_jsonld_script`` template filter), which
escapes it so that no value can close the ``<script>`` element.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Protocol

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

SCHEMA_CONTEXT = "https://schema.org"

# The same escapes as django.utils.html.json_script: "<", ">" and "&" written as
# JSON unicode escapes cannot start "</script>" or "<!--", and parse back unchanged.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def jsonld_script(data: dict[str, Any]) -> SafeString:
    """``<script type="application/ld+json">`` holding ``data``, escaped for HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text),  # noqa: S308 - escaped above
    )


# -- FAQ ----------------------------------------------------------------------------------


class FAQQuestionLike(Protocol):
    question: str
    answer_html: str
    anchor: str


def faq_page_jsonld(
    questions: Iterable[FAQQuestionLike],
    *,
    name: str = "",
    url: str = "",
    language: str = "",
) -> dict[str, Any]:
    """A schema.org ``FAQPage`` with one ``Question`` / ``acceptedAnswer`` per question.

    ``questions`` are the questions shown on the page, in order (objects with
    ``question``, ``answer_html`` and ``anchor``, such as
    :class:`~wagtail_community_matching.faq_questions.FAQQuestion`). Answers are
    given as HTML text, as schema.org allows. ``url`` is the page's full URL; each
    question then gets its own ``url`` with its anchor.
    """
    data: dict[str, Any] = {"@context": SCHEMA_CONTEXT, "@type": "FAQPage"}
    if name:
        data["name"] = name
    if url:
        data["url"] = url
    if language:
        data["inLanguage"] = language
    entities = []
    for item in questions:
        entity: dict[str, Any] = {
            "@type": "Question",
            "name": item.question,
            "acceptedAnswer": {"@type": "Answer", "text": str(item.answer_html)},
        }
        if url and item.anchor:
            entity["url"] = f"{url}#{item.anchor}"
        entities.append(entity)
    data["mainEntity"] = entities
    return data
