"""The pages and dates both APIs serve: live and public only (issue 18: mutation testing).

``live_page`` and ``live_pages`` find every page the JSON API serves; ``occurrences`` every
date of both APIs. A draft, a page behind a view restriction (or under one), a page of
another type or language, and an id out of range are never served.
"""

from __future__ import annotations

import pytest
from wagtail.models import Locale, PageViewRestriction

from wagtail_community_matching.api.filters import occurrences
from wagtail_community_matching.api.pages import MAX_PAGE_ID, live_page, live_pages
from wagtail_community_matching.events.pages import EventPageMixin
from wagtail_community_matching.faq.models import FAQPageMixin

from ..api_helpers import api_get
from ..events.factories import make_event, make_index, soon

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    index = make_index()
    return {
        "index": index,
        "public": make_event(index, "Pubblico", start=soon(5)),
        "draft": make_event(index, "Bozza", start=soon(6), publish=False),
        "private": make_event(index, "Riservato", start=soon(7)),
    }


@pytest.fixture
def restricted(events):
    PageViewRestriction.objects.create(page=events["private"], restriction_type="login")
    return events


def test_live_page_serves_only_live_public_pages(restricted):
    assert live_page(restricted["public"].pk) == restricted["public"]
    assert isinstance(live_page(restricted["public"].pk), EventPageMixin)  # specific
    assert live_page(restricted["draft"].pk) is None
    assert live_page(restricted["private"].pk) is None


@pytest.mark.parametrize("page_id", [0, -1, MAX_PAGE_ID + 1, 10**20])
def test_live_page_ids_out_of_range_are_none(events, page_id):
    assert live_page(page_id) is None


def test_the_largest_page_id_is_looked_up():
    assert live_page(MAX_PAGE_ID) is None  # no such page, but a valid id: no error


def test_a_restriction_on_a_parent_hides_its_children(restricted):
    PageViewRestriction.objects.create(page=restricted["index"], restriction_type="login")
    assert live_page(restricted["public"].pk) is None
    assert list(live_pages(EventPageMixin)) == []


def test_live_pages_by_type_and_locale(restricted):
    pages = list(live_pages(EventPageMixin))
    assert pages == [restricted["public"].page_ptr]
    default = Locale.get_default()
    assert list(live_pages(EventPageMixin, default)) == pages
    other = Locale.objects.create(language_code="en")
    assert list(live_pages(EventPageMixin, other)) == []
    assert list(live_pages(FAQPageMixin)) == []


def test_occurrences_hold_only_live_public_events(restricted):
    titles = {o.page.title for o in occurrences({})}
    assert titles == {"Pubblico"}
    ids = [restricted[name].pk for name in ("public", "draft", "private")]
    assert [o.page_id for o in occurrences({"event": str(ids[1])})] == []
    assert [o.page_id for o in occurrences({"event": str(ids[2])})] == []
    assert [o.page_id for o in occurrences({"event": str(ids[0])})] == [ids[0]]


def test_both_apis_answer_404_for_hidden_dates(client, restricted):
    for name in ("draft", "private"):
        page = restricted[name]
        assert api_get(client, f"events/{page.pk}/").status_code == 404
    from wagtail_community_matching.models import Occurrence

    hidden = Occurrence.objects.filter(page=restricted["private"]).get()
    response = client.get(f"/api/v2/event_occurrences/{hidden.pk}/")
    assert response.status_code == 404
    shown = Occurrence.objects.filter(page=restricted["public"]).get()
    assert client.get(f"/api/v2/event_occurrences/{shown.pk}/").status_code == 200
