"""Questions ready to show: what the FAQ templates, JSON-LD and API all read.

Every public view of an FAQ (HTML disclosure list, table of contents, JSON-LD,
API) is built from the same :class:`FAQSection` / :class:`FAQQuestion` lists, so
they always hold the same questions. Building them costs a constant number of
queries whatever the number of questions: chosen snippets are fetched in bulk by
the StreamField, their translations in one query, and every answer's links in
one batch (:func:`~wagtail_community_matching.text.rich_text.expand_many`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from django.apps import apps
from django.utils.safestring import SafeString

from wagtail_community_matching.text.anchors import anchor_error, slug_anchor, unique_anchor
from wagtail_community_matching.text.rich_text import expand_many


@dataclass(frozen=True)
class FAQQuestion:
    """One question as shown on a page."""

    question: str
    answer_html: SafeString
    anchor: str
    section: str = ""
    #: The ``FAQ`` snippet the question comes from, ``None`` for an inline question.
    snippet: Any = None

    def as_dict(self) -> dict[str, str]:
        """The question as the API returns it."""
        return {
            "question": self.question,
            "answer_html": str(self.answer_html),
            "anchor": self.anchor,
            "section": self.section,
        }


@dataclass(frozen=True)
class FAQSection:
    """A group of questions under an optional heading."""

    heading: str
    anchor: str
    questions: list[FAQQuestion] = field(default_factory=list)


def _faq_model():
    return apps.get_model("wagtail_community_matching", "FAQ")


def localize_snippets(snippets: list, locale_id: int | None) -> dict[int, Any]:
    """Map each snippet's pk to its translation in ``locale_id`` (itself when it has none).

    One query, and none when every snippet is already in that locale.
    """
    result = {snippet.pk: snippet for snippet in snippets}
    foreign = [snippet for snippet in snippets if snippet.locale_id != locale_id]
    if locale_id is None or not foreign:
        return result
    keys = {snippet.translation_key for snippet in foreign}
    translations = {
        faq.translation_key: faq
        for faq in _faq_model().objects.filter(translation_key__in=keys, locale_id=locale_id)
    }
    for snippet in foreign:
        result[snippet.pk] = translations.get(snippet.translation_key, snippet)
    return result


class _Item(NamedTuple):
    question: str
    source: str  # the answer as stored (rich text with link placeholders)
    anchor: str
    snippet: Any


def _raw_items(items) -> list[_Item]:
    """The items of a questions stream that have a question, chosen snippets as they are."""
    result = []
    for child in items or []:
        value = child.value
        if child.block_type == "question":
            answer = value.get("answer")
            source = getattr(answer, "source", answer) or ""
            result.append(
                _Item(value.get("question") or "", source, value.get("anchor") or "", None)
            )
        elif child.block_type == "faq" and value is not None:
            result.append(_Item(value.question, value.answer, value.anchor, value))
    return [item for item in result if item.question]


def _localized(item: _Item, localized: dict) -> _Item:
    if item.snippet is None:
        return item
    snippet = localized.get(item.snippet.pk, item.snippet)
    return _Item(snippet.question, snippet.answer, snippet.anchor, snippet)


def _build(groups: list[tuple[str, str, list[_Item]]], locale_id: int | None) -> list[FAQSection]:
    """Turn ``(heading, anchor, raw items)`` groups into sections with unique anchors."""
    snippets = [item.snippet for _h, _a, items in groups for item in items if item.snippet]
    localized = localize_snippets(snippets, locale_id) if snippets else {}
    groups = [
        (heading, anchor, [_localized(item, localized) for item in items])
        for heading, anchor, items in groups
    ]
    answers = iter(expand_many([item.source for _h, _a, items in groups for item in items]))

    # Typed anchors first, in page order; then those made from the text.
    taken: set[str] = set()

    def claim(anchor: str) -> str | None:
        if not anchor or anchor_error(anchor):
            return None
        anchor = unique_anchor(anchor, taken)
        taken.add(anchor)
        return anchor

    claimed = [
        (claim(anchor) if heading or anchor else "", [claim(item.anchor) for item in items])
        for heading, anchor, items in groups
    ]
    sections = []
    for (heading, _anchor, items), (section_anchor, anchors) in zip(groups, claimed, strict=True):
        if section_anchor is None:
            section_anchor = unique_anchor(slug_anchor(heading, "section"), taken)
            taken.add(section_anchor)
        questions = []
        for item, anchor in zip(items, anchors, strict=True):
            if anchor is None:
                anchor = unique_anchor(slug_anchor(item.question), taken)
                taken.add(anchor)
            questions.append(
                FAQQuestion(item.question, next(answers), anchor, heading, item.snippet)
            )
        if questions:
            sections.append(FAQSection(heading, section_anchor, questions))
    return sections


def collect_sections(sections, *, locale_id: int | None = None) -> list[FAQSection]:
    """The non-empty sections of an ``FAQSectionsBlock`` value, ready to show.

    Chosen snippets are replaced by their translation in ``locale_id`` when one
    exists. Anchors are unique across the result: a repeated or invalid stored
    anchor gets a suffix or is made again from the text, so the HTML stays valid
    even when a snippet was edited after the page was published.
    """
    groups = [
        (
            child.value.get("heading") or "",
            child.value.get("anchor") or "",
            _raw_items(child.value.get("questions")),
        )
        for child in sections or []
        if child.block_type == "section"
    ]
    return _build(groups, locale_id)


def collect_questions(
    items, *, locale_id: int | None = None, section: str = ""
) -> list[FAQQuestion]:
    """The questions of an ``FAQItemsBlock`` value, ready to show (see ``collect_sections``)."""
    built = _build([("", "", _raw_items(items))], locale_id)
    questions = built[0].questions if built else []
    return [replace(question, section=section) for question in questions]
