"""Headless events: api_fields of the pages and the API v2 occurrences endpoint."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from .event_factories import make_event, make_index, make_programme, soon

pytestmark = pytest.mark.django_db

URL = "/api/v2/event_occurrences/"


@pytest.fixture
def index():
    return make_index()


@pytest.fixture
def programme(index):
    return make_programme(index)


def titles(response):
    assert response.status_code == 200, response.content
    return [item["event"]["title"] for item in response.json()["items"]]


def test_occurrences_endpoint_lists_upcoming_with_their_event(client, programme):
    response = client.get(URL)
    assert titles(response) == ["Incontro", "Formazione", "Webinar"]
    item = response.json()["items"][1]
    assert item["kind"] == "training"
    assert item["timezone"] == "Europe/Rome"
    assert item["venue"]["city"] == "Parma"
    assert item["event"]["registration_status"] == "open"
    assert item["event"]["html_url"].endswith("/it/eventi/formazione/")
    assert titles(client.get(URL + "?past=true")) == ["Passato"]
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
def test_occurrences_endpoint_filters(client, programme, query, expected):
    Locale.objects.get_or_create(language_code="en")  # an unknown language is a 400
    assert titles(client.get(f"{URL}?{query}")) == expected


def test_occurrences_endpoint_date_range_and_event(client, programme):
    day_of = programme["training"].local_start().date()
    assert titles(client.get(f"{URL}?from={day_of}&to={day_of}")) == ["Formazione"]
    assert titles(client.get(f"{URL}?event={programme['webinar'].pk}")) == ["Webinar"]


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
def test_bad_queries_answer_400_with_a_message(client, programme, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert response.json()["message"]


def test_unpublished_and_private_events_are_not_served(client, programme):
    from wagtail.models import PageViewRestriction

    programme["meeting"].unpublish()
    PageViewRestriction.objects.create(page=programme["webinar"], restriction_type="login")
    assert titles(client.get(URL)) == ["Formazione"]


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


def test_index_page_api_fields(client, index, programme):
    data = client.get(f"/api/v2/pages/{index.pk}/").json()
    assert [o["event"]["title"] for o in data["upcoming_occurrences"]] == [
        "Incontro",
        "Formazione",
        "Webinar",
    ]
    event = client.get(f"/api/v2/pages/{programme['webinar'].pk}/").json()
    assert event["kind"] == "webinar"
    assert event["attendance_mode"] == "online"
    assert event["public_online_url"] == "https://meet.example/w"
    assert event["venue"] is None
    assert event["registration_status"] == ""
    assert event["upcoming_occurrences"][0]["local_start"].endswith("+01:00") or event[
        "upcoming_occurrences"
    ][0]["local_start"].endswith("+02:00")


def test_api_v3_serves_event_fields(client, programme):
    from django.conf import settings

    if not settings.WAGTAIL_8:
        pytest.skip("Wagtail API v3 exists from Wagtail 8")
    response = client.get(f"/api/v3/pages/{programme['training'].pk}/")
    assert response.status_code == 200, response.content
    assert response.json()["kind"] == "training"
