"""The events index (listing, filters, pagination, query counts) and the upcoming-events block."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape

from wagtail_community_matching.models import Occurrence
from wagtail_community_matching.pages.models import NetworkPage

from ..conftest import it
from ..factories import add_child, make_site_root
from .factories import make_event, make_venue, soon

pytestmark = pytest.mark.django_db


# -- Index --------------------------------------------------------------------------------


@pytest.fixture
def programme(index):
    parma = make_venue(name="Centro Giovani", city="Parma", region="Emilia-Romagna")
    milano = make_venue()
    return {
        "past": make_event(index, "Passato", start=soon(-20), venue=milano),
        "training": make_event(
            index, "Formazione Parma", start=soon(20), venue=parma, kind="training"
        ),
        "meeting": make_event(index, "Incontro Milano", start=soon(5), venue=milano),
        "webinar": make_event(
            index,
            "Webinar",
            start=soon(10),
            attendance_mode="online",
            online_url="https://meet.example/w",
            kind="webinar",
        ),
    }


def titles(response):
    return [o.event.title for o in response.context["occurrences"]]


def test_index_lists_upcoming_soonest_first_and_past_on_its_own_url(client, index, programme):
    response = client.get(index.url)
    assert titles(response) == ["Incontro Milano", "Webinar", "Formazione Parma"]
    response = client.get(index.url + "past/")
    assert response.status_code == 200
    assert titles(response) == ["Passato"]
    assert f'aria-current="page">{it("Past events")}' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=training", ["Formazione Parma"]),
        ("city=Parma", ["Formazione Parma"]),
        ("mode=online", ["Webinar"]),
        ("mode=in_person&city=Milano", ["Incontro Milano"]),
    ],
)
def test_index_filters(client, index, programme, query, expected):
    assert titles(client.get(f"{index.url}?{query}")) == expected


def test_index_date_range(client, index, programme):
    day = programme["webinar"].local_start().date()
    response = client.get(f"{index.url}?from={day}&to={day}")
    assert titles(response) == ["Webinar"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2027-02-30", "from"),
        ("to=yesterday", "to"),
        ("from=0001-01-01", "from"),
        ("from=9999-12-31", "from"),
        ("from=2027-05-02&to=2027-05-01", "to"),
        ("city=Atlantide", "city"),
        ("kind=party", "kind"),
        ("from=%FF%FE", "from"),
    ],
)
def test_bad_filters_get_a_message_never_a_500(client, index, programme, query, field):
    response = client.get(f"{index.url}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    form = response.context["filter_form"]
    assert form.errors[field]
    assert (
        f'<ul class="cm-field__errors" id="id_{field}_error"><li>{escape(form.errors[field][0])}'
        in html
    )
    assert 'aria-invalid="true"' in html
    assert 'role="alert"' in html
    assert (
        titles(response)
        == ["Incontro Milano", "Webinar", "Formazione Parma"][: len(titles(response))]
    )


def test_filter_messages_are_clear(client, index, programme):
    from wagtail_community_matching.events.forms import EventFilterForm

    with translation.override("en"):
        form = EventFilterForm({"from": "2027-02-30", "to": "0001-01-01"})
        assert not form.is_valid()
        assert form.errors["from"] == ["Enter a valid date, such as 2026-06-10."]
        assert form.errors["to"] == ["Enter a date between the years 1900 and 2999."]
        form = EventFilterForm({"from": "2027-05-02", "to": "2027-05-01"})
        assert not form.is_valid()
        assert form.errors["to"] == ["The end date must be on or after the start date."]


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999999999999999", "2.5"])
def test_bad_page_numbers_never_500(client, index, programme, page):
    assert client.get(f"{index.url}?page={page}").status_code == 200
    assert client.get(f"{index.url}past/?page={page}").status_code == 200


def test_index_paginates(client, index, programme):
    index.events_per_page = 2
    index.save_revision().publish()
    first = client.get(index.url)
    second = client.get(index.url + "?page=2&kind=")
    assert titles(first) == ["Incontro Milano", "Webinar"]
    assert titles(second) == ["Formazione Parma"]
    assert 'href="?kind=&amp;page=1"' in second.content.decode()


def test_unpublished_and_private_events_are_not_listed(client, index, programme):
    from wagtail.models import PageViewRestriction

    programme["meeting"].unpublish()
    PageViewRestriction.objects.create(
        page=programme["webinar"], restriction_type="password", password="x"
    )
    assert titles(client.get(index.url)) == ["Formazione Parma"]


def count_queries(client, url):
    client.get(url)  # warm caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_index_query_count_is_the_same_at_10_and_500_occurrences(client, index, settings):
    """Reported figure: queries for the index at 10 and at 500 occurrences."""
    settings.WAGTAIL_COMMUNITY_MATCHING = {"EVENT_RECURRENCE_HORIZON_DAYS": 600}
    make_event(
        index,
        "Serie A",
        start=soon(1),
        recurrence_rule="FREQ=DAILY;COUNT=10",
        registration_mode="built_in",
        capacity=5,
    )
    small = count_queries(client, index.url + "?page=1")
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
    large = count_queries(client, index.url + "?page=1")
    print(f"\nevents index queries: {small} at 10 occurrences, {large} at 500 occurrences")
    assert small == large
    assert count_queries(client, index.url + "past/") <= large


def test_index_feed_and_block_query_counts_are_constant(client, index):
    home = index.get_parent().specific
    home.body = json.dumps(
        [
            {
                "type": "upcoming_events",
                "value": {"heading": "Prossimi", "count": 12, "kind": "", "index": None},
            }
        ]
    )
    home.save_revision().publish()
    make_event(index, "Uno", start=soon(1), recurrence_rule="FREQ=DAILY;COUNT=3")
    feed_small, block_small = (
        count_queries(client, index.url + "ical/"),
        count_queries(client, "/it/"),
    )
    for number in range(3):
        make_event(
            index,
            f"Altro {number}",
            start=soon(2, 12 + number),
            recurrence_rule="FREQ=DAILY;COUNT=20",
        )
    assert count_queries(client, index.url + "ical/") == feed_small
    assert count_queries(client, "/it/") == block_small


# -- Upcoming events block ------------------------------------------------------------------


def test_upcoming_events_block_shows_next_events_of_a_kind(client, index, programme):
    home = index.get_parent().specific
    home.body = json.dumps(
        [
            {
                "type": "upcoming_events",
                "value": {"heading": "Prossimi eventi", "count": 2, "kind": "", "index": index.pk},
            },
            {
                "type": "upcoming_events",
                "value": {"heading": "Formazioni", "count": 3, "kind": "training", "index": None},
            },
        ]
    )
    home.save_revision().publish()
    html = client.get(home.url).content.decode()
    first, second = html.split('id="cm-upcoming-formazioni"')
    assert "Incontro Milano" in first and "Webinar" in first
    assert "Formazione Parma" not in first  # only the next two
    assert "Formazione Parma" in second and "Webinar" not in second
    assert f'href="{index.url}"' in first


def test_block_in_other_page_and_empty_state(client):
    home = make_site_root(NetworkPage, title="Casa", slug="casa")
    page = add_child(home, NetworkPage, title="Info")
    page.body = json.dumps(
        [
            {
                "type": "upcoming_events",
                "value": {"heading": "", "count": 3, "kind": "", "index": None},
            }
        ]
    )
    page.save_revision().publish()
    assert it("No upcoming events at the moment.") in client.get(page.url).content.decode()
