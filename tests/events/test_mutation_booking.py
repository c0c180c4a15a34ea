"""What a sign-up is told before it is tried, places left and the public dates (issue 18:
the mutants of ``events/booking.py`` and ``events/occurrences.py`` that no test killed).

``unavailable`` gives the API's refusal from the dates' statuses (every status, with and
without a date chosen, with and without a waiting list); ``places_left`` never goes below
0 and is ``None`` without a limit or without registration on the site; only dates of
live pages without a privacy restriction are public.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from wagtail_community_matching.events.booking import places_left, register, unavailable
from wagtail_community_matching.models import Occurrence, Registration

from .factories import make_event, make_training, only_date

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(index):
    return make_training(index, capacity=2, waiting_list=False)


the_date = only_date


def refusal(event, occurrence_id, rows):
    outcome = unavailable(event, occurrence_id, rows)
    return None if outcome is None else outcome.refusal


# -- unavailable ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "waiting_list", "expected"),
    [
        ("open", False, None),
        ("open", True, None),
        ("full", False, "full"),
        ("full", True, None),  # the sign-up joins the waiting list
        ("closed", False, "closed"),
        ("closed", True, "closed"),
        ("not_yet_open", False, "not_yet_open"),
        ("not_yet_open", True, "not_yet_open"),
    ],
)
def test_the_chosen_date_s_status_decides(event, status, waiting_list, expected):
    event.waiting_list = waiting_list
    occurrence = the_date(event)
    rows = [(occurrence, status)]
    assert refusal(event, occurrence.pk, rows) == expected
    assert refusal(event, str(occurrence.pk), rows) == expected  # as a form sends it


@pytest.mark.parametrize(
    ("status", "waiting_list", "expected"),
    [
        ("full", False, "full"),
        ("full", True, None),
        ("closed", False, "closed"),
        ("not_yet_open", False, "not_yet_open"),
        ("open", False, None),
    ],
)
@pytest.mark.parametrize("chosen", [None, "", 999999])
def test_without_a_known_date_the_soonest_one_decides(
    event, status, waiting_list, expected, chosen
):
    """No date, an empty one or one that is not upcoming: when no date is offered, the
    soonest date's status is the refusal; when one is, the form explains the choice."""
    event.waiting_list = waiting_list
    occurrence = the_date(event)
    assert refusal(event, chosen, [(occurrence, status)]) == expected


def test_without_upcoming_dates_sign_ups_are_closed(event):
    assert refusal(event, None, []) == "closed"
    assert refusal(event, the_date(event).pk, []) == "closed"


def test_another_open_date_is_offered_when_the_soonest_is_full(event, index):
    soonest, later = the_date(event), the_date(event)
    rows = [(soonest, "full"), (later, "open")]
    assert refusal(event, None, rows) is None  # the form offers the open date


def test_rows_are_read_when_not_given(event):
    assert refusal(event, the_date(event).pk, None) is None  # open, 2 places


# -- places_left ----------------------------------------------------------------------------


def test_places_left_counts_down_and_never_below_zero(event):
    occurrence = the_date(event)
    assert places_left(event, occurrence) == 2
    Registration.objects.create(
        occurrence=occurrence,
        name="A",
        email="a@example.org",
        consent_text="ok",
        status="registered",
    )
    assert places_left(event, the_date(event)) == 1
    for name in ("b", "c"):  # overbooked by staff
        Registration.objects.create(
            occurrence=occurrence,
            name=name,
            email=f"{name}@example.org",
            consent_text="ok",
            status="registered",
        )
    assert places_left(event, the_date(event)) == 0


@pytest.mark.parametrize("mode", ["external", "none"])
def test_no_places_left_without_registration_on_the_site(event, mode):
    event.registration_mode = mode
    assert places_left(event, the_date(event)) is None


def test_no_places_left_without_a_limit(event):
    event.capacity = None
    assert places_left(event, the_date(event)) is None


# -- register -------------------------------------------------------------------------------


def test_a_sign_up_without_organisation_or_phone_stores_them_empty(event):
    outcome = register(
        event, the_date(event).pk, name="Persona", email="p@example.org", consent_text="ok"
    )
    stored = Registration.objects.get(pk=outcome.registration.pk)
    assert (stored.organisation, stored.phone) == ("", "")


# -- OccurrenceQuerySet.public --------------------------------------------------------------


def test_only_dates_of_live_pages_without_restriction_are_public(event, index):
    draft = make_event(
        index,
        "Bozza",
        start=timezone.now() + timedelta(days=3),
        end=timezone.now() + timedelta(days=3, hours=1),
    )
    private = make_event(
        index,
        "Riservato",
        start=timezone.now() + timedelta(days=4),
        end=timezone.now() + timedelta(days=4, hours=1),
    )
    # Not live while its dates are still stored (unpublishing removes them; a page taken
    # offline another way may keep them).
    type(draft).objects.filter(pk=draft.pk).update(live=False)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    public = set(Occurrence.objects.public().values_list("page_id", flat=True))
    assert public == {event.pk}
    assert Occurrence.objects.filter(page__in=[draft, private]).count() == 2  # they exist
