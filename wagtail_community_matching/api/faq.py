"""``/faq/``: the FAQ pages and their questions, with a text search."""

from __future__ import annotations

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from wagtail_community_matching.api.errors import ApiError, ErrorOut
from wagtail_community_matching.api.filters import LocaleQuery, locale_of
from wagtail_community_matching.api.pages import PageSummaryOut, live_page, live_pages, page_summary
from wagtail_community_matching.faq.models import FAQPageMixin

router = Router(tags=["faq"])

MAX_QUERY_LENGTH = 200


class FAQQuestionOut(Schema):
    question: str
    answer_html: str
    #: Stable fragment of the question on the page (``html_url#anchor``).
    anchor: str
    section: str


class FAQPageOut(PageSummaryOut):
    q: str
    count: int
    items: list[FAQQuestionOut]


@router.get(
    "/faq/",
    response={200: list[PageSummaryOut], 422: ErrorOut},
    summary="List FAQ pages",
    operation_id="list_faq_pages",
)
def list_faq_pages(request, query: Query[LocaleQuery]):
    """The live, public FAQ pages, optionally of one language."""
    locale = query.locale
    return [page_summary(request, page) for page in live_pages(FAQPageMixin, locale_of(locale))]


def _matches(words: list[str], question: dict) -> bool:
    text = f"{question['question']} {strip_tags(question['answer_html'])}".casefold()
    return all(word in text for word in words)


@router.get(
    "/faq/{page_id}/",
    response={200: FAQPageOut, 404: ErrorOut, 422: ErrorOut},
    summary="Get the questions of an FAQ page",
    operation_id="get_faq_page",
)
def get_faq_page(
    request,
    page_id: int,
    q: str = Query("", description="Only questions whose question or answer has every word."),
):
    """The questions shown on an FAQ page, in page order; ``q`` narrows them as the
    page's filter box does."""
    if len(q) > MAX_QUERY_LENGTH:
        raise ApiError.invalid(
            "q",
            _("The search text is too long (at most %(max)s characters).")
            % {"max": MAX_QUERY_LENGTH},
            "too_long",
        )
    page = live_page(page_id)
    if not isinstance(page, FAQPageMixin):
        raise ApiError.not_found(_("There is no published FAQ page %(id)s.") % {"id": page_id})
    questions = matching_questions(page, q)
    return {**page_summary(request, page), "q": q, "count": len(questions), "items": questions}


def matching_questions(page, q: str) -> list[dict]:
    """The questions of FAQ ``page`` whose question or answer has every word of ``q``
    (all of them for an empty ``q``), in page order."""
    words = q.casefold().split()
    if not words:
        return page.questions
    return [question for question in page.questions if _matches(words, question)]
