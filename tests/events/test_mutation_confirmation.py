"""Holds, confirmations, cancellations and the waiting list at their boundaries (issue 18:
the mutants of ``events/confirmation.py`` that the journey tests let through).

``release`` expires only unconfirmed holds that ran out, offers nothing once a date has
started (at its start included) or is cancelled, counts places at the time it is given,
and offers free places to the earliest on the waiting list. ``confirm`` and ``cancel``
say what happened, with the registration, at the same boundaries.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from wagtail_community_matching.events import confirmation
from wagtail_community_matching.models import Registration

from .factories import make_event, make_training, only_date

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(index):
    return make_training(index, capacity=1, waiting_list=True)


the_date = only_date


def person(event, number: int, status: str, held_until=None, **fields) -> Registration:
    return Registration.objects.create(
        occurrence=the_date(event),
        name=f"Persona {number}",
        email=f"persona{number}@example.org",
        consent_text="ok",
        status=status,
        held_until=held_until,
        **fields,
    )


def status_of(registration) -> str:
    registration.refresh_from_db()
    return registration.status


# -- release ------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["registered", "waitlisted", "cancelled"])
def test_only_unconfirmed_holds_expire(event, status):
    now = timezone.now()
    # A past hold time on a row that holds nothing (or is confirmed) changes nothing.
    person(event, 9, "registered")  # the only place is taken: nobody is offered one
    other = person(event, 1, status, held_until=now - timedelta(hours=1))
    confirmation.release(event, the_date(event), now)
    assert status_of(other) == status


def test_an_unconfirmed_hold_expires_at_its_end_not_before(event):
    now = timezone.now()
    ended = person(event, 1, "unconfirmed", held_until=now)
    running = person(event, 2, "unconfirmed", held_until=now + timedelta(seconds=1))
    confirmation.release(event, the_date(event), now)
    assert (status_of(ended), status_of(running)) == ("expired", "unconfirmed")


@pytest.mark.parametrize("delta", [timedelta(0), timedelta(minutes=1)])
def test_no_place_is_offered_once_the_date_starts(event, delta):
    waiting = person(event, 1, "waitlisted")
    offered = confirmation.release(event, the_date(event), the_date(event).start + delta)
    assert offered == [] and status_of(waiting) == "waitlisted"


def test_a_place_is_offered_a_second_before_the_start(event):
    waiting = person(event, 1, "waitlisted")
    offered = confirmation.release(
        event, the_date(event), the_date(event).start - timedelta(seconds=1)
    )
    assert [r.pk for r in offered] == [waiting.pk] and status_of(waiting) == "unconfirmed"


def test_no_place_is_offered_on_a_cancelled_date(event):
    waiting = person(event, 1, "waitlisted")
    occurrence = the_date(event)
    occurrence.status = "cancelled"
    occurrence.save()
    assert confirmation.release(event, occurrence, timezone.now()) == []
    assert status_of(waiting) == "waitlisted"


def test_places_are_counted_at_the_time_given(event):
    now = timezone.now()
    # Held at ``earlier`` (the time given), no longer at the clock's now: the place is taken.
    person(event, 1, "unconfirmed", held_until=now - timedelta(minutes=1))
    waiting = person(event, 2, "waitlisted")
    earlier = now - timedelta(hours=2)
    assert confirmation.release(event, the_date(event), earlier) == []
    assert status_of(waiting) == "waitlisted"


def test_the_earliest_on_the_waiting_list_is_offered_first(event):
    later = person(event, 1, "waitlisted")
    earlier = person(event, 2, "waitlisted")
    # The row created second signed up first (created_at decides, not the id).
    Registration.objects.filter(pk=earlier.pk).update(
        created_at=later.created_at - timedelta(minutes=5)
    )
    offered = confirmation.release(event, the_date(event), timezone.now())
    assert [r.pk for r in offered] == [earlier.pk]
    assert (status_of(earlier), status_of(later)) == ("unconfirmed", "waitlisted")


# -- confirm --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "code"),
    [
        ("registered", "already_confirmed"),
        ("cancelled", "already_cancelled"),
        ("waitlisted", "waitlisted"),
    ],
)
def test_confirm_says_why_nothing_changed_with_the_registration(event, status, code):
    person(event, 9, "registered")  # the only place is taken
    registration = person(event, 1, status)
    result = confirmation.confirm(event, registration)
    assert result.code == code
    assert result.registration.pk == registration.pk and result.registration.status == status
    assert result.message  # a sentence for the page


@pytest.mark.parametrize("delta", [timedelta(0), timedelta(minutes=1)])
def test_confirm_once_the_date_starts_is_refused(event, delta):
    registration = person(event, 1, "unconfirmed", held_until=timezone.now() + timedelta(days=1))
    result = confirmation.confirm(event, registration, the_date(event).start + delta)
    assert result.code == "started" and result.registration.pk == registration.pk
    assert status_of(registration) != "registered"


def test_confirm_on_a_cancelled_date_is_refused(event):
    registration = person(event, 1, "unconfirmed", held_until=timezone.now() + timedelta(days=1))
    occurrence = the_date(event)
    occurrence.status = "cancelled"
    occurrence.save()
    result = confirmation.confirm(event, registration)
    assert result.code == "started" and result.registration.pk == registration.pk
    assert status_of(registration) == "unconfirmed"


def test_confirm_a_second_before_the_start(event):
    registration = person(event, 1, "unconfirmed", held_until=timezone.now() + timedelta(days=1))
    result = confirmation.confirm(event, registration, the_date(event).start - timedelta(seconds=1))
    assert result.code == "confirmed" and status_of(registration) == "registered"


def test_an_expired_hold_is_confirmed_only_while_a_place_is_free(event):
    now = timezone.now()
    expired = person(event, 1, "expired")
    # Held at ``earlier`` (the time given), no longer at the clock's now: the place is taken.
    person(event, 2, "unconfirmed", held_until=now - timedelta(minutes=1))
    earlier = now - timedelta(hours=2)
    result = confirmation.confirm(event, expired, earlier)
    assert result.code == "expired" and result.registration.pk == expired.pk
    assert status_of(expired) == "expired"
    result = confirmation.confirm(event, expired, now)  # the other hold ran out
    assert result.code == "confirmed" and status_of(expired) == "registered"


# -- cancel ---------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["cancelled", "expired"])
def test_cancel_twice_or_after_expiry_changes_nothing(event, status):
    registration = person(event, 1, status)
    result = confirmation.cancel(event, registration)
    assert result.code == "already_cancelled" and result.registration.pk == registration.pk
    assert status_of(registration) == status


@pytest.mark.parametrize("delta", [timedelta(0), timedelta(minutes=1)])
def test_cancel_once_the_date_starts_is_refused(event, delta):
    registration = person(event, 1, "registered")
    result = confirmation.cancel(event, registration, the_date(event).start + delta)
    assert result.code == "started" and result.registration.pk == registration.pk
    assert status_of(registration) == "registered"


# -- release_all (the release_event_places command) -----------------------------------------


def test_release_all_offers_the_places_of_every_date_and_counts_them(index):
    start = (timezone.now() + timedelta(days=5)).replace(microsecond=0)
    now = timezone.now()
    events = [
        make_event(
            index,
            f"Formazione {number}",
            start=start + timedelta(days=number),
            end=start + timedelta(days=number, hours=2),
            registration_mode="built_in",
            capacity=1,
            waiting_list=True,
        )
        for number in range(2)
    ]
    # Rows enough that a registration's id is never its date's id.
    ran_out, waiting = [], []
    for number, event in enumerate(events):
        for filler in range(3):
            person(event, 100 * number + filler, "cancelled")
        ran_out.append(person(event, 100 * number + 10, "unconfirmed", held_until=now))
        waiting.append(person(event, 100 * number + 11, "waitlisted"))
    assert confirmation.release_all(now) == 2
    assert [status_of(r) for r in ran_out] == ["expired", "expired"]
    assert [status_of(r) for r in waiting] == ["unconfirmed", "unconfirmed"]
    assert confirmation.release_all(now) == 0  # nothing left to release


@pytest.mark.parametrize("before_start", [timedelta(0), timedelta(seconds=1)])
@pytest.mark.parametrize("run", ["release_all", "release_waiting"])
def test_both_releases_touch_a_date_only_until_it_starts(event, run, before_start):
    now = the_date(event).start - before_start
    ran_out = person(event, 1, "unconfirmed", held_until=now - timedelta(hours=1))
    waiting = person(event, 2, "waitlisted")
    offered = (
        confirmation.release_all(now)
        if run == "release_all"
        else confirmation.release_waiting(event, now)
    )
    if before_start:
        assert (offered, status_of(ran_out), status_of(waiting)) == (1, "expired", "unconfirmed")
    else:  # started: left as it was
        assert (offered, status_of(ran_out), status_of(waiting)) == (0, "unconfirmed", "waitlisted")
