"""Recurring events with capacity: availability per date on the page and in the sign-up form
(issue 13, item 4)."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail_community_matching.events.booking import register
from wagtail_community_matching.models import Occurrence

from ..conftest import it
from .factories import make_event

pytestmark = pytest.mark.django_db


def weekly(index, *, count: int = 3, capacity: int = 2, **fields):
    """A weekly event of ``count`` dates from next week, ``capacity`` places each."""
    day = (timezone.now() + timedelta(days=7)).date().isoformat()
    return make_event(
        index,
        "Supervisione",
        start=f"{day} 18:00",
        end=f"{day} 20:00",
        recurrence_rule=f"FREQ=WEEKLY;COUNT={count}",
        registration_mode="built_in",
        capacity=capacity,
        **fields,
    )


def sign_up(event, occurrence, number: int):
    outcome = register(
        event,
        occurrence.pk,
        name=f"Persona {number}",
        email=f"persona{number}@example.org",
        consent_text="Sì",
    )
    assert outcome.registration is not None, outcome.refusal
    return outcome.registration


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def dates_section(html: str) -> str:
    return text(html.split('id="cm-event-dates-heading"', 1)[1].split("</section>", 1)[0])


def registration_section(html: str) -> str:
    return html.split('id="cm-registration-heading"', 1)[1].split("</section>", 1)[0]


def places(count: int) -> str:
    from django.utils import translation

    with translation.override("it"):
        return translation.ngettext("%(count)s place left", "%(count)s places left", count) % {
            "count": count
        }


@pytest.fixture
def full_first_date(index):
    """The issue's case: 3 dates, 2 places each, waiting list on, 3 sign-ups for the first."""
    event = weekly(index, waiting_list=True)
    first, second, third = Occurrence.objects.filter(page=event).order_by("start")
    for number in range(3):
        sign_up(event, first, number)
    return event, (first, second, third)


def test_event_page_shows_each_dates_availability_and_offers_the_open_ones(client, full_first_date):
    event, (first, second, third) = full_first_date
    html = client.get(event.url).content.decode()
    dates = dates_section(html)
    assert dates.count(it("full: waiting list")) == 1
    assert dates.count(places(2)) == 2
    # The first date is the full one; the next two still have places.
    assert dates.index(it("full: waiting list")) < dates.index(places(2))
    registration = registration_section(html)
    assert it("Registration open") in text(registration)
    assert it("Join the waiting list") not in registration
    assert f">{it('Register')}</a>" in registration


def test_places_left_counts_unconfirmed_holds_and_frees_expired_ones(client, index):
    event = weekly(index, count=1, capacity=80)
    (only,) = Occurrence.objects.filter(page=event)
    sign_up(event, only, 1)
    held = sign_up(event, only, 2)
    html = client.get(event.url).content.decode()
    assert places(78) in text(registration_section(html))
    assert "80" not in text(registration_section(html))  # never the capacity as if free
    held.held_until = timezone.now() - timedelta(minutes=1)  # the hold ran out
    held.save(update_fields=["held_until"])
    html = client.get(event.url).content.decode()
    assert places(79) in text(registration_section(html))


def test_every_date_full_offers_the_waiting_list(client, index):
    event = weekly(index, count=2, capacity=1, waiting_list=True)
    for number, occurrence in enumerate(Occurrence.objects.filter(page=event)):
        sign_up(event, occurrence, number)
    html = client.get(event.url).content.decode()
    registration = registration_section(html)
    assert f">{it('Join the waiting list')}</a>" in registration
    form = client.get(event.url + "register/").content.decode()
    waiting = re.escape(it("Join the waiting list"))
    assert re.search(r"<button[^>]*data-cm-submit[^>]*>" + waiting, form)


def test_form_preselects_the_first_date_with_places_and_words_its_button(client, full_first_date):
    event, (first, second, third) = full_first_date
    html = client.get(event.url + "register/").content.decode()
    options = {int(pk): attrs for pk, attrs in re.findall(r'<option value="(\d+)"([^>]*)>', html)}
    assert list(options) == [first.pk, second.pk, third.pk]
    assert 'data-waiting-list="true"' in options[first.pk]
    assert "selected" not in options[first.pk]
    assert "selected" in options[second.pk]
    assert 'data-waiting-list="true"' not in options[second.pk]
    labels = re.findall(r"<option [^>]*>([^<]*)</option>", html)
    assert unescape(labels[0]).endswith(it("%(date)s (full: waiting list)") % {"date": ""})
    assert places(2) in unescape(labels[1])
    button = re.search(r"<button[^>]*data-cm-submit[^>]*>([^<]*)</button>", html)
    assert button.group(1) == it("Register")
    assert "js/event-registration.js" in html
    assert "<script>" not in html  # no inline script: the CSP forbids them

    # Sent back with an error for the full date: the button says what sending does.
    response = client.post(event.url + "register/", {"occurrence": first.pk, "name": ""})
    assert response.status_code == 400
    html = response.content.decode()
    button = re.search(r"<button[^>]*data-cm-submit[^>]*>([^<]*)</button>", html)
    assert button.group(1) == it("Join the waiting list")


def test_a_single_date_event_words_its_button_by_that_date(client, index):
    event = weekly(index, count=1, capacity=1, waiting_list=True)
    html = client.get(event.url + "register/").content.decode()
    assert re.search(r"data-cm-submit[^>]*>" + re.escape(it("Register")) + "<", html)
    (only,) = Occurrence.objects.filter(page=event)
    sign_up(event, only, 1)
    html = client.get(event.url + "register/").content.decode()
    assert re.search(r"data-cm-submit[^>]*>" + re.escape(it("Join the waiting list")) + "<", html)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_do_not_grow_with_the_number_of_dates(client, index):
    few = weekly(index, count=2, slug="poche")
    many = weekly(index, count=8, slug="molte")
    for event in (few, many):
        for number, occurrence in enumerate(Occurrence.objects.filter(page=event)):
            sign_up(event, occurrence, number)
    _queries(client, few.url)  # warm caches (site root, settings)
    assert _queries(client, few.url) == _queries(client, many.url)
    assert _queries(client, few.url + "register/") == _queries(client, many.url + "register/")
