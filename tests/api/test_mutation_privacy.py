"""The pages and dates both APIs serve: live and public only (issue 18: mutation testing).

``live_page`` and ``live_pages`` find every page the JSON API serves; ``occurrences`` every
date of both APIs. A draft, a page behind a view restriction (or under one), a page of
another type or language, and an id out of range are never served.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction

from wagtail_community_matching.api.filters import CITY_MAX_LENGTH, FilterError, occurrences
from wagtail_community_matching.api.pages import MAX_PAGE_ID, live_page, live_pages
from wagtail_community_matching.events.pages import EventPageMixin
from wagtail_community_matching.events.venues import Venue
from wagtail_community_matching.faq.models import FAQPageMixin

from ..api_helpers import api_get
from ..conftest import it
from ..events.factories import make_event, make_index, make_programme, soon

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


def queries(function, *args) -> tuple[object, int]:
    with CaptureQueriesContext(connection) as captured:
        result = function(*args)
    return result, len(captured)


def test_the_largest_page_id_is_looked_up():
    result, count = queries(live_page, MAX_PAGE_ID)
    assert result is None and count > 0  # a valid id: looked up (no such page), no error
    assert queries(live_page, MAX_PAGE_ID + 1) == (None, 0)


def test_the_first_page_id_is_looked_up():
    root = Page.objects.get(pk=1)  # the tree's root: live, without restrictions
    result, count = queries(live_page, 1)
    assert result == root and count > 0
    assert queries(live_page, 0) == (None, 0)


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


# -- The dates' filters (``occurrences``, both APIs) ------------------------------------------


@pytest.fixture
def programme():
    return make_programme(make_index())


def titles(params) -> list[str]:
    return [o.page.title for o in occurrences(params)]


def refused(params) -> FilterError:
    with pytest.raises(FilterError) as caught:
        list(occurrences(params))
    return caught.value


@pytest.mark.parametrize("value", ["", "false", "FALSE", "False"])
def test_upcoming_dates_unless_past_is_true(programme, value):
    assert titles({"past": value}) == ["Incontro", "Formazione", "Webinar"]


@pytest.mark.parametrize("value", ["true", "TRUE", "True"])
def test_past_true_in_any_case_gives_the_finished_dates(programme, value):
    make_event(programme["past"].get_parent(), "Ancora prima", start=soon(-20))
    assert titles({"past": value}) == ["Passato", "Ancora prima"]


@pytest.mark.parametrize("value", ["yes", "1", "no", "truer", " true"])
def test_other_past_values_are_refused_by_name(programme, value):
    error = refused({"past": value})
    assert (error.name, error.message, error.code) == (
        "past",
        it("past must be true or false."),
        "invalid",
    )


def test_date_bounds_are_inclusive_and_each_works_alone(programme):
    day = programme["training"].local_start().date()
    before, after = day - timedelta(days=1), day + timedelta(days=1)
    assert titles({"from": day.isoformat(), "to": day.isoformat()}) == ["Formazione"]
    assert titles({"from": day.isoformat()}) == ["Formazione", "Webinar"]
    assert titles({"from": after.isoformat()}) == ["Webinar"]
    assert titles({"to": day.isoformat()}) == ["Incontro", "Formazione"]
    assert titles({"to": before.isoformat()}) == ["Incontro"]
    error = refused({"from": day.isoformat(), "to": before.isoformat()})
    assert (error.name, error.message) == ("to", it("to must be on or after from."))


def test_kind_mode_city_locale_and_event_each_narrow_the_dates(programme):
    assert titles({"kind": "training"}) == ["Formazione"]
    assert titles({"mode": "online"}) == ["Webinar"]
    assert titles({"mode": "in_person"}) == ["Incontro", "Formazione"]
    assert titles({"city": "PARMA"}) == ["Formazione"]
    assert titles({"locale": "it"}) == ["Incontro", "Formazione", "Webinar"]
    Locale.objects.create(language_code="en")
    assert titles({"locale": "en"}) == []
    assert titles({"event": str(programme["webinar"].pk)}) == ["Webinar"]
    assert titles({"event": "9" * 18}) == []  # the longest id accepted: no such page


def test_a_venue_city_of_the_longest_length_is_found(programme):
    longest = "Borgo " + "a" * (CITY_MAX_LENGTH - 6)
    Venue.objects.filter(city="Parma").update(city=longest)
    assert titles({"city": longest.upper()}) == ["Formazione"]
    # Text beyond the longest city is not compared.
    assert titles({"city": longest + "x"}) == ["Formazione"]
    assert titles({"city": longest[:-1]}) == []


@pytest.mark.parametrize("value", ["abc", "12a", "-3", "1.5", "1" * 19])
def test_an_event_that_is_not_a_page_id_is_refused(programme, value):
    error = refused({"event": value})
    assert (error.name, error.message) == ("event", it("event must be a page id."))


def test_unknown_choices_are_refused_by_name(programme):
    assert refused({"kind": "party"}).name == "kind"
    assert refused({"mode": "teleport"}).name == "mode"


def test_the_v2_endpoint_gives_the_reason_of_a_refusal(client, programme):
    response = client.get("/api/v2/event_occurrences/?past=maybe")
    assert response.status_code == 400
    assert response.json() == {"message": it("past must be true or false.")}


def test_the_json_api_names_the_missing_event_in_english(client, programme):
    response = api_get(client, "events/999999/", accept_language="en")
    assert response.status_code == 404
    assert response.json() == {
        "errors": {
            "__all__": [{"code": "not_found", "message": "There is no published event 999999."}]
        }
    }
    index = programme["past"].get_parent()
    response = api_get(client, f"events/{index.pk}/", accept_language="en")
    assert response.json()["errors"]["__all__"][0]["message"] == (
        f"There is no published event {index.pk}."
    )
