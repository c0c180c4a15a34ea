"""The events part of the demo command: idempotent, --events N, --flush."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from wagtail_community_matching.models import Occurrence, Registration, Venue
from wagtail_community_matching.pages.models import EventIndexPage, EventPage

pytestmark = pytest.mark.django_db


def load(*args):
    call_command("load_community_matching_demo", "--no-superuser", *args, stdout=StringIO())
    return (
        EventPage.objects.count(),
        Occurrence.objects.count(),
        Venue.objects.count(),
        Registration.objects.count(),
    )


def test_demo_events_are_idempotent_and_cover_the_programme(client):
    first = load()
    assert load() == first
    pages, _occurrences, venues, registrations = first
    assert pages == 14 and venues == 5 and registrations == 3

    it = EventPage.objects.filter(locale__language_code="it")
    assert it.filter(status="cancelled").count() == 1
    assert it.exclude(recurrence_rule="").count() == 1
    assert {p.venue.city for p in it if p.venue} >= {"Milano", "Parma", "Bologna", "Roma"}
    milan = it.get(slug="primo-incontro-collettivo-milano")
    assert milan.local_start().strftime("%m-%d %H:%M") == "06-10 10:00"
    assert milan.registration_status() == "open"

    index = EventIndexPage.objects.get(locale__language_code="it")
    upcoming = client.get(index.url)
    past = client.get(index.url + "past/")
    assert len(upcoming.context["occurrences"]) >= 4
    assert len(past.context["occurrences"]) >= 2
    english = client.get("/en/events/")
    assert english.status_code == 200
    assert "First collective meeting of the network" in english.content.decode()


@pytest.mark.slow
def test_benchmark_events_and_flush():
    pages, occurrences, *_ = load("--events", "4")
    assert pages == 18
    assert EventPage.objects.filter(slug__startswith="evento-di-prova-").count() == 4
    assert load("--flush") == (14, occurrences - 4, 5, 3)
    with pytest.raises(CommandError):
        load("--events", "-1")
