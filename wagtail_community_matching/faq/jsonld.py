"""schema.org ``FAQPage`` structured data of FAQ pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from wagtail_community_matching.text.jsonld import SCHEMA_CONTEXT


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
    :class:`~wagtail_community_matching.faq.questions.FAQQuestion`). Answers are
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
