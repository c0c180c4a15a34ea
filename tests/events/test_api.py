"""Events over the APIs: the JSON API's events endpoints (dates with filters, one event, its
registration status), the API v2 occurrences endpoint and the pages' api_fields."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from wagtail_community_matching.models import Occurrence, Registration

from ..api_helpers import api_get, error_codes
from ..conftest import it
from .factories import make_event, make_programme, soon

pytestmark = pytest.mark.django_db


# -- JSON API ------------------------------------------------------------------------------


@pytest.fixture
def programme(index):
    return make_programme(index, capacity=1, online_url_public=False, registration_mode="built_in")


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_dates_are_upcoming_soonest_first_with_their_event(client, programme):
    response = api_get(client, "events/")
    assert titles(response) == ["Incontro", "Formazione", "Webinar"]
    body = response.json()
    assert body["count"] == 3
    training = body["items"][1]
    assert training["event_id"] == programme["training"].pk
    assert training["venue"]["city"] == "Parma" and training["timezone"] == "Europe/Rome"
    assert training["registration_status"] == "open"
    assert training["ical_url"].endswith("/it/eventi/formazione/ical/")
    assert training["local_start"].endswith("+01:00") or training["local_start"].endswith("+02:00")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=training", ["Formazione"]),
        ("mode=online", ["Webinar"]),
        ("city=parma", ["Formazione"]),
        ("past=true", ["Passato"]),
        ("limit=1&offset=1", ["Formazione"]),
        ("locale=it", ["Incontro", "Formazione", "Webinar"]),
    ],
)
def test_date_filters(client, programme, query, expected):
    assert titles(api_get(client, f"events/?{query}")) == expected


def test_date_range(client, programme):
    day = programme["training"].local_start().date().isoformat()
    assert titles(api_get(client, f"events/?from={day}&to={day}")) == ["Formazione"]


@pytest.mark.parametrize(
    ("query", "name", "code"),
    [
        ("from=2027-02-30", "from", "invalid"),
        ("to=tomorrow", "to", "string_pattern_mismatch"),
        ("from=0001-01-01", "from", "invalid"),
        ("from=2027-05-02&to=2027-05-01", "to", "invalid"),
        ("kind=party", "kind", "invalid_choice"),
        ("mode=%00", "mode", "control_characters"),
        ("city=%00", "city", "control_characters"),
        ("locale=zz", "locale", "unknown_locale"),
        ("past=maybe", "past", "bool_parsing"),
        ("limit=1000", "limit", "less_than_equal"),
    ],
)
def test_bad_filters_answer_422_naming_the_parameter(client, programme, query, name, code):
    response = api_get(client, f"events/?{query}")
    # Control characters are refused (400) before any parameter is read.
    assert response.status_code == (400 if code == "control_characters" else 422), response.content
    assert error_codes(response) == {name: [code]}


def test_a_malformed_date_is_explained_in_the_request_language(client, programme):
    response = api_get(client, "events/?to=tomorrow", accept_language="it")
    assert response.json()["errors"]["to"][0]["message"] == it(
        "Enter a date written as YYYY-MM-DD."
    )


def test_event_detail_with_dates_and_registration(client, programme):
    training = programme["training"]
    body = api_get(client, f"events/{training.pk}/").json()
    assert body["title"] == "Formazione" and body["kind"] == "training"
    assert body["registration"]["mode"] == "built_in"
    assert body["registration"]["status"] == "open"
    assert body["registration"]["url"].endswith("/it/eventi/formazione/register/")
    assert [d["registration_status"] for d in body["dates"]] == ["open"]
    occurrence = Occurrence.objects.get(page=training)
    Registration.objects.create(
        occurrence=occurrence, name="A", email="a@example.org", consent_text="ok"
    )
    full = api_get(client, f"events/{training.pk}/").json()
    assert full["registration"]["status"] == "full"
    listed = api_get(client, "events/?kind=training").json()["items"][0]
    assert listed["registration_status"] == "full"


def test_private_online_link_is_not_served(client, programme):
    body = api_get(client, f"events/{programme['webinar'].pk}/").json()
    assert body["online_url"] == ""
    assert "meet.example" not in str(api_get(client, "events/").json())


@pytest.mark.parametrize("ref", ["0", "999999", "99999999999999999999"])
def test_unknown_event_is_a_404(client, programme, ref):
    response = api_get(client, f"events/{ref}/")
    assert response.status_code == 404
    assert error_codes(response) == {"__all__": ["not_found"]}


def test_non_event_page_is_a_404(client, index):
    response = api_get(client, f"events/{index.pk}/")
    assert response.status_code == 404
    assert error_codes(response) == {"__all__": ["not_found"]}


def test_unpublished_and_private_events_are_not_served(client, index, programme):
    draft = make_event(index, "Bozza", start=soon(4), publish=False)
    private = programme["meeting"]
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert titles(api_get(client, "events/")) == ["Formazione", "Webinar"]
    for page in (draft, private):
        assert api_get(client, f"events/{page.pk}/").status_code == 404


def test_list_queries_are_the_same_at_10_and_500_dates(
    client, index, settings, django_assert_num_queries
):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"EVENT_RECURRENCE_HORIZON_DAYS": 600}
    make_event(
        index,
        "Serie A",
        start=soon(1),
        recurrence_rule="FREQ=DAILY;COUNT=10",
        registration_mode="built_in",
        capacity=5,
    )
    api_get(client, "events/?limit=100")
    with django_assert_num_queries(LIST_QUERIES):
        assert len(api_get(client, "events/?limit=100").json()["items"]) == 10
    make_event(
        index,
        "Serie B",
        start=soon(1, 15),
        recurrence_rule="FREQ=DAILY;COUNT=490",
        kind="training",
        registration_mode="built_in",
        capacity=5,
    )
    assert Occurrence.objects.count() == 500
    with django_assert_num_queries(LIST_QUERIES):
        body = api_get(client, "events/?limit=100").json()
    assert body["count"] == 500 and len(body["items"]) == 100


#: The count, the page of dates (with venue and registrants), their event pages
#: (two: base and specific), and the site root of their URLs.
LIST_QUERIES = 5


# -- Wagtail API v2: occurrences endpoint and the pages' api_fields -------------------------

URL = "/api/v2/event_occurrences/"


@pytest.fixture
def v2_programme(index):
    return make_programme(index)


def v2_titles(response):
    assert response.status_code == 200, response.content
    return [item["event"]["title"] for item in response.json()["items"]]


def test_occurrences_endpoint_lists_upcoming_with_their_event(client, v2_programme):
    response = client.get(URL)
    assert v2_titles(response) == ["Incontro", "Formazione", "Webinar"]
    item = response.json()["items"][1]
    assert item["kind"] == "training"
    assert item["timezone"] == "Europe/Rome"
    assert item["venue"]["city"] == "Parma"
    assert item["event"]["registration_status"] == "open"
    assert item["event"]["html_url"].endswith("/it/eventi/formazione/")
    assert v2_titles(client.get(URL + "?past=true")) == ["Passato"]
    detail = client.get(item["meta"]["detail_url"])
    assert detail.status_code == 200 and detail.json()["event"]["title"] == "Formazione"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=training", ["Formazione"]),
        ("mode=online", ["Webinar"]),
        ("city=parma", ["Formazione"]),
        ("locale=en", []),
    ],
)
def test_occurrences_endpoint_filters(client, v2_programme, query, expected):
    Locale.objects.get_or_create(language_code="en")  # an unknown language is a 400
    assert v2_titles(client.get(f"{URL}?{query}")) == expected


def test_occurrences_endpoint_date_range_and_event(client, v2_programme):
    day_of = v2_programme["training"].local_start().date()
    assert v2_titles(client.get(f"{URL}?from={day_of}&to={day_of}")) == ["Formazione"]
    assert v2_titles(client.get(f"{URL}?event={v2_programme['webinar'].pk}")) == ["Webinar"]


@pytest.mark.parametrize(
    "query",
    [
        "from=2027-02-30",
        "to=tomorrow",
        "from=0001-01-01",
        "from=2027-05-02&to=2027-05-01",
        "kind=party",
        "mode=%00",
        "event=abc",
        "city=%00",
        "locale=it%00",
        "limit=-1",
        "unknown=1",
    ],
)
def test_bad_queries_answer_400_with_a_message(client, v2_programme, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert response.json()["message"]


def test_v2_unpublished_and_private_events_are_not_served(client, v2_programme):
    v2_programme["meeting"].unpublish()
    PageViewRestriction.objects.create(page=v2_programme["webinar"], restriction_type="login")
    assert v2_titles(client.get(URL)) == ["Formazione"]


def count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_occurrences_endpoint_query_count_is_constant(client, index):
    make_event(index, "Uno", start=soon(1), recurrence_rule="FREQ=DAILY;COUNT=3")
    small = count(client, URL + "?limit=20")
    for number in range(4):
        make_event(
            index,
            f"Serie {number}",
            start=soon(1, 11 + number),
            recurrence_rule="FREQ=DAILY;COUNT=10",
            registration_mode="built_in",
        )
    assert count(client, URL + "?limit=20") == small


def test_index_page_api_fields(client, index, v2_programme):
    data = client.get(f"/api/v2/pages/{index.pk}/").json()
    assert [o["event"]["title"] for o in data["upcoming_occurrences"]] == [
        "Incontro",
        "Formazione",
        "Webinar",
    ]
    event = client.get(f"/api/v2/pages/{v2_programme['webinar'].pk}/").json()
    assert event["kind"] == "webinar"
    assert event["attendance_mode"] == "online"
    assert event["public_online_url"] == "https://meet.example/w"
    assert event["venue"] is None
    assert event["registration_status"] == ""
    assert event["upcoming_occurrences"][0]["local_start"].endswith("+01:00") or event[
        "upcoming_occurrences"
    ][0]["local_start"].endswith("+02:00")


def test_api_v3_serves_event_fields(client, v2_programme):
    from django.conf import settings

    if not settings.WAGTAIL_8:
        pytest.skip("Wagtail API v3 exists from Wagtail 8")
    response = client.get(f"/api/v3/pages/{v2_programme['training'].pk}/")
    assert response.status_code == 200, response.content
    assert response.json()["kind"] == "training"
