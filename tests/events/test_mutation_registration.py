"""Registration windows and places at their boundaries (issue 18: the bugs mutation testing
found).

Sign-ups close when a date starts (a minute before: open; at the start and during it:
closed), a cancelled date or a postponed event is closed, and only confirmed sign-ups and
unconfirmed ones still held take a place: waiting, cancelled and expired ones do not, so a
cancellation frees its place.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail import VERSION as WAGTAIL_VERSION

from wagtail_community_matching.events.booking import register, unavailable
from wagtail_community_matching.events.confirmation import cancel, release_all
from wagtail_community_matching.events.links import CONFIRM, action_url
from wagtail_community_matching.events.occurrences import holding_a_place
from wagtail_community_matching.models import Occurrence, Registration

from ..conftest import it
from .factories import make_event, republish, soon

pytestmark = pytest.mark.django_db

#: Queries of ``release_all`` for one date with a run-out hold and one person waiting: 9,
#: plus the 4 of Wagtail 8's reference index, which updates a saved registration at once
#: (Wagtail 7 does it when the transaction commits).
RELEASE_QUERIES = 9 + (4 if WAGTAIL_VERSION >= (8, 0) else 0)


@pytest.fixture
def event(index):
    return make_event(
        index,
        "Formazione",
        start=soon(20),
        end=soon(20, 16),
        registration_mode="built_in",
        capacity=3,
        waiting_list=True,
    )


def the_date(event) -> Occurrence:
    return Occurrence.objects.get(page=event)


def sign(event, number: int):
    return register(
        event,
        the_date(event).pk,
        name=f"Persona {number}",
        email=f"persona{number}@example.org",
        consent_text="ok",
    )


# -- When sign-ups are open ----------------------------------------------------------------


def test_sign_ups_close_when_the_date_starts_not_when_it_ends(event):
    occurrence = the_date(event)
    start = occurrence.start
    assert event.registration_status(occurrence, 0, now=start - timedelta(minutes=1)) == "open"
    assert event.registration_status(occurrence, 0, now=start) == "closed"
    assert event.registration_status(occurrence, 0, now=start + timedelta(hours=1)) == "closed"
    assert occurrence.end > start + timedelta(hours=1)  # still under way, and closed


def test_an_earlier_closing_time_wins_and_a_later_one_never_extends(event):
    start = the_date(event).start
    closes = start - timedelta(days=2)
    event = republish(event, registration_closes=closes)
    occurrence = the_date(event)
    assert event.registration_status(occurrence, 0, now=closes - timedelta(seconds=1)) == "open"
    assert event.registration_status(occurrence, 0, now=closes) == "closed"
    event = republish(event, registration_closes=start + timedelta(days=1))
    assert event.registration_status(occurrence, 0, now=start - timedelta(seconds=1)) == "open"
    assert event.registration_status(occurrence, 0, now=start) == "closed"


def test_sign_ups_open_exactly_at_the_opening_time(event):
    opens = timezone.now() + timedelta(days=3)
    event = republish(event, registration_opens=opens)
    occurrence = the_date(event)
    before = event.registration_status(occurrence, 0, now=opens - timedelta(seconds=1))
    assert before == "not_yet_open"
    assert event.registration_status(occurrence, 0, now=opens) == "open"


@pytest.mark.parametrize("status", ["cancelled", "postponed"])
def test_a_cancelled_or_postponed_event_is_closed(event, status):
    event = republish(event, status=status)
    assert event.registration_status(the_date(event), 0) == "closed"
    outcome = sign(event, 1)
    assert outcome.registration is None and outcome.refusal == "closed"


@pytest.mark.parametrize("status", ["scheduled", "rescheduled"])
def test_a_scheduled_or_rescheduled_event_is_open(event, status):
    event = republish(event, status=status)
    assert event.registration_status(the_date(event), 0) == "open"
    assert sign(event, 1).registration is not None


def test_a_cancelled_single_date_is_closed_while_the_event_is_scheduled(event):
    Occurrence.objects.filter(page=event).update(status="cancelled")
    occurrence = the_date(event)
    assert event.status == "scheduled" and occurrence.is_cancelled
    assert event.registration_status(occurrence, 0) == "closed"
    outcome = sign(event, 1)
    assert outcome.registration is None and outcome.refusal == "closed"
    assert not Registration.objects.exists()


def test_without_registration_there_is_no_status(event):
    event = republish(event, registration_mode="none")
    assert event.registration_status(the_date(event), 0) == ""


# -- Places ---------------------------------------------------------------------------------


def test_full_exactly_at_capacity(event):
    occurrence = the_date(event)
    assert event.registration_status(occurrence, 2) == "open"
    assert event.registration_status(occurrence, 3) == "full"
    assert event.registration_status(occurrence, 4) == "full"


def add(occurrence, number: int, status: str, held_until=None) -> Registration:
    return Registration.objects.create(
        occurrence=occurrence,
        name=f"P{number}",
        email=f"p{number}@example.org",
        status=status,
        held_until=held_until,
        consent_text="ok",
    )


def test_only_confirmed_and_held_sign_ups_take_places(event):
    occurrence = the_date(event)
    now = timezone.now()
    add(occurrence, 1, "registered")
    add(occurrence, 2, "unconfirmed", held_until=now + timedelta(hours=1))
    add(occurrence, 3, "unconfirmed", held_until=now - timedelta(seconds=1))  # ran out
    add(occurrence, 4, "waitlisted")
    add(occurrence, 5, "cancelled")
    add(occurrence, 6, "expired")
    assert occurrence.registered_count(now) == 2
    annotated = Occurrence.objects.filter(pk=occurrence.pk).with_registered_count(now).get()
    assert annotated.registered == 2
    assert event.registration_status(occurrence, now=now) == "open"  # 2 of 3 places


def test_a_hold_runs_out_exactly_at_its_end(event):
    occurrence = the_date(event)
    end = timezone.now() + timedelta(hours=2)
    add(occurrence, 1, "unconfirmed", held_until=end)
    taking = Registration.objects.filter(holding_a_place("", end - timedelta(seconds=1)))
    assert taking.count() == 1
    assert not Registration.objects.filter(holding_a_place("", end)).exists()
    assert Registration.objects.filter(holding_a_place(now=end - timedelta(seconds=1))).exists()
    assert occurrence.registered_count(end) == 0


statuses = st.lists(
    st.sampled_from(
        ["registered", "unconfirmed-held", "unconfirmed-out", "waitlisted", "cancelled", "expired"]
    ),
    max_size=8,
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(statuses)
def test_places_taken_are_the_confirmed_and_the_held(event, kinds):
    """Property: the count, the annotation and the query agree with the rule."""
    occurrence = the_date(event)
    Registration.objects.filter(occurrence=occurrence).delete()
    now = timezone.now()
    for number, kind in enumerate(kinds):
        status, _, held = kind.partition("-")
        until = {"held": now + timedelta(hours=1), "out": now - timedelta(minutes=1)}.get(held)
        add(occurrence, number, status, held_until=until)
    expected = sum(1 for kind in kinds if kind in ("registered", "unconfirmed-held"))
    occurrence = Occurrence.objects.get(pk=occurrence.pk)
    assert occurrence.registered_count(now) == expected
    annotated = Occurrence.objects.filter(pk=occurrence.pk).with_registered_count(now).get()
    assert annotated.registered == expected
    status = event.registration_status(occurrence, now=now)
    assert status == ("full" if expected >= event.capacity else "open")


def test_a_cancellation_frees_its_place_without_a_waiting_list(event):
    event = republish(event, capacity=1, waiting_list=False)
    first = sign(event, 1).registration
    assert sign(event, 2).refusal == "full"
    assert cancel(event, first).code == "cancelled"
    second = sign(event, 2)
    assert second.refusal == "" and second.registration.status == "unconfirmed"


def test_waiting_sign_ups_never_fill_the_date(event):
    event = republish(event, capacity=1, waiting_list=True)
    assert sign(event, 1).registration.status == "unconfirmed"
    waiting = [sign(event, n).registration.status for n in range(2, 5)]
    assert waiting == ["waitlisted"] * 3
    assert the_date(event).registered_count() == 1


def weekly_supervision(index, **fields):
    """A supervision on two weekly dates with sign-up on the site."""
    return make_event(
        index,
        "Supervisione",
        start=soon(3, 18),
        end=soon(3, 20),
        recurrence_rule="FREQ=WEEKLY;COUNT=2",
        registration_mode="built_in",
        **fields,
    )


# -- What the sign-up page offers for one date ----------------------------------------------


def test_a_full_date_is_refused_while_another_date_stays_open(index):
    page = weekly_supervision(index, capacity=1, waiting_list=False)
    first, second = Occurrence.objects.filter(page=page).order_by("start")
    add(first, 1, "registered")
    for chosen in (first.pk, str(first.pk)):
        refused = unavailable(page, chosen)
        assert refused is not None and refused.refusal == "full"
    assert unavailable(page, second.pk) is None
    assert unavailable(page, str(second.pk)) is None
    assert unavailable(page, None) is None  # no date chosen yet: the open one is offered
    assert unavailable(page, "") is None


# -- The scheduled release of run-out holds -----------------------------------------------------


def test_releasing_every_date_reads_each_event_page_with_its_date(event):
    """``release_event_places`` costs the same few queries per date (no extra page query)."""
    occurrence = the_date(event)
    now = timezone.now()
    add(occurrence, 1, "unconfirmed", held_until=now - timedelta(minutes=1))
    waiting = add(occurrence, 2, "waitlisted")
    with CaptureQueriesContext(connection) as queries:
        assert release_all(now) == 1
    assert len(queries) == RELEASE_QUERIES, [q["sql"] for q in queries]
    assert Registration.objects.get(pk=waiting.pk).status == "unconfirmed"


# -- What a sign-up is refused for ----------------------------------------------------------


@pytest.mark.parametrize("mode", ["none", "external"])
def test_without_built_in_registration_every_sign_up_is_closed(event, mode):
    occurrence = the_date(event)
    event = republish(event, registration_mode=mode, registration_url="https://forms.example/x")
    outcome = register(event, occurrence.pk, name="P", email="p@example.org", consent_text="ok")
    assert outcome.registration is None and outcome.refusal == "closed"
    assert outcome.message == it("Registration for this date is closed.")
    assert not Registration.objects.exists()


def test_a_date_of_another_event_is_an_unknown_date(event, index):
    other = make_event(index, "Altro", start=soon(25), registration_mode="built_in", capacity=5)
    theirs = the_date(other)
    for chosen in (theirs.pk, theirs.pk + 1000):
        outcome = register(event, chosen, name="P", email="p@example.org", consent_text="ok")
        assert outcome.registration is None and outcome.refusal == "unknown_date"
        assert outcome.message == it("Choose one of the dates offered.")
    assert not Registration.objects.exists()


def test_the_chosen_date_decides_not_the_next_one(index):
    """The first date of a weekly event is cancelled: the second stays open to sign-ups."""
    page = weekly_supervision(index, capacity=2)
    first, second = Occurrence.objects.filter(page=page).order_by("start")
    Occurrence.objects.filter(pk=first.pk).update(status="cancelled")
    outcome = register(page, second.pk, name="P", email="p@example.org", consent_text="ok")
    assert outcome.refusal == "" and outcome.registration.occurrence_id == second.pk
    refused = register(page, first.pk, name="Q", email="q@example.org", consent_text="ok")
    assert refused.refusal == "closed"


def test_the_links_keep_a_slug_that_ends_in_a_capital_x(index, client):
    page = make_event(
        index, "Corso X", slug="corso-X", start=soon(20), registration_mode="built_in", capacity=3
    )
    registration = register(
        page, the_date(page).pk, name="P", email="p@example.org", consent_text="ok"
    ).registration
    url = action_url(registration, page, CONFIRM)
    parts = urlsplit(url)
    assert parts.path == page.url + page.reverse_subpage("register_confirm")
    assert parts.path.endswith("/corso-X/" + page.reverse_subpage("register_confirm"))
    assert client.get(f"{parts.path}?{parts.query}").status_code == 200


def test_a_sign_up_passes_its_count_of_places_to_the_status(event):
    """The places taken are counted once by ``release()`` (the free places to offer) and
    once for the sign-up, which passes its count on to the status (no third count)."""
    occurrence = the_date(event)
    add(occurrence, 1, "registered")
    with CaptureQueriesContext(connection) as queries:
        outcome = sign(event, 2)
    assert outcome.registration.status == "unconfirmed"
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 2, counts


# -- What a sign-up stores ----------------------------------------------------------------------


def test_a_sign_up_remembers_the_language_of_its_page(event):
    with translation.override("en"):
        assert sign(event, 1).registration.language == "en"
    with translation.override(None):  # no active language: none stored
        assert sign(event, 2).registration.language == ""


def test_a_waiting_sign_up_holds_nothing(event):
    event = republish(event, capacity=1, waiting_list=True)
    held = sign(event, 1).registration
    waiting = sign(event, 2).registration
    assert held.status == "unconfirmed" and held.held_until is not None
    assert waiting.status == "waitlisted" and waiting.held_until is None


def test_the_same_address_sent_twice_at_once_is_a_duplicate(event, monkeypatch):
    """The database's unique constraint refuses the second of two simultaneous sign-ups."""

    def taken(self, *args, **kwargs):
        raise IntegrityError("UNIQUE constraint failed: occurrence, email_key")

    monkeypatch.setattr(Registration, "save", taken)
    outcome = sign(event, 1)
    assert outcome.registration is None and outcome.refusal == "duplicate"
    assert outcome.message == it("This email address is already registered for this date.")


def test_an_unsaved_date_has_no_places_taken(event):
    """A preview's date (not stored) is open, even with one place."""
    event = republish(event, capacity=1)
    stored = the_date(event)
    preview = Occurrence.for_event(event, stored.start, stored.end)
    assert preview.pk is None and preview.registered_count() == 0
    assert event.registration_status(preview, now=stored.start - timedelta(days=1)) == "open"
