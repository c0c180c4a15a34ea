"""Finding the pages the JSON API serves: live, public, of the expected type."""

from __future__ import annotations

from ninja import Schema
from wagtail.models import Page, get_page_models

#: Page ids beyond this cannot exist (and would overflow the database's integers).
MAX_PAGE_ID = 2**31 - 1


def live_page(page_id: int):
    """The live page ``page_id`` without view restrictions (specific), or ``None``."""
    if not 1 <= page_id <= MAX_PAGE_ID:
        return None
    return Page.objects.live().public().filter(pk=page_id).specific().first()


def live_pages(page_type, locale=None):
    """Live, public pages of ``page_type`` (a mixin), in tree order, optionally of ``locale``."""

    models = [model for model in get_page_models() if issubclass(model, page_type)]
    if not models:
        return Page.objects.none()
    pages = Page.objects.live().public().type(*models).select_related("locale")
    if locale is not None:
        pages = pages.filter(locale=locale)
    return pages.order_by("path")


class PageSummaryOut(Schema):
    id: int
    locale: str
    title: str
    html_url: str | None


def page_summary(request, page) -> dict:
    """The :class:`PageSummaryOut` of ``page``."""
    return {
        "id": page.pk,
        "locale": page.locale.language_code,
        "title": page.title,
        "html_url": page.get_full_url(request),
    }
