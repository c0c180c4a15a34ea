"""Event pages, recurrence into occurrences, the events index and the upcoming-events block."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from wagtail_community_matching.checks import check_settings
from wagtail_community_matching.events import recurrence
from wagtail_community_matching.models import Occurrence, Registration
from wagtail_community_matching.pages.models import EventPage

from .factories import local, make_event, make_venue, republish, soon

pytestmark = pytest.mark.django_db


def starts(page):
    return [o.start for o in Occurrence.objects.filter(page=page).order_by("start")]


# -- Recurrence ---------------------------------------------------------------------------


def test_monthly_rule_with_exception_keeps_local_time_across_dst(index):
    page = make_event(
        index,
        "Supervisione",
        start="2027-02-09 18:00",
        end="2027-02-09 20:00",
        recurrence_rule="freq=monthly;byday=2tu;count=4",
        recurrence_exceptions="2027-03-09\n",
    )
    assert page.recurrence_rule == "FREQ=MONTHLY;BYDAY=2TU;COUNT=4"
    occurrences = list(Occurrence.objects.filter(page=page))
    assert [o.local_start.strftime("%Y-%m-%d %H:%M") for o in occurrences] == [
        "2027-02-09 18:00",
        "2027-04-13 18:00",
        "2027-05-11 18:00",
    ]
    # 18:00 in Rome is 17:00 UTC in winter and 16:00 UTC in summer.
    assert [o.start.astimezone(UTC).hour for o in occurrences] == [17, 16, 16]
    assert all(o.end - o.start == timedelta(hours=2) for o in occurrences)


def test_horizon_setting_limits_open_ended_rules(index, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"EVENT_RECURRENCE_HORIZON_DAYS": 30}
    page = make_event(index, "Ogni giorno", start=soon(1), recurrence_rule="FREQ=DAILY")
    count = Occurrence.objects.filter(page=page).count()
    assert 29 <= count <= 31


def test_until_date_includes_that_day():
    occurrences = recurrence.expand(
        datetime(2027, 1, 1, 18), "FREQ=WEEKLY;UNTIL=20270115", [], datetime(2030, 1, 1)
    )
    assert occurrences[-1] == datetime(2027, 1, 15, 18)


def test_nonexistent_local_time_moves_forward_like_rfc_5545():
    moved = recurrence.localize(datetime(2027, 3, 28, 2, 30), "Europe/Rome")
    assert moved.strftime("%H:%M %Z") == "03:30 CEST"
    assert not recurrence.exists_in_zone(datetime(2027, 3, 28, 2, 30), "Europe/Rome")
    assert recurrence.exists_in_zone(datetime(2027, 10, 31, 2, 30), "Europe/Rome")


@pytest.mark.parametrize(
    ("rule", "code"),
    [
        ("FREQ=HOURLY", "invalid_rule_frequency"),
        ("COUNT=3", "invalid_rule_frequency"),
        ("FREQ=WEEKLY;BYDAY=XX", "invalid_rule"),
        ("FREQ=WEEKLY;UNTIL=20271231T000000Z", "invalid_rule"),
        ("DTSTART:20270101\nRRULE:FREQ=DAILY", "invalid_rule"),
    ],
)
def test_bad_rules_are_rejected_with_a_message(rule, code):
    with pytest.raises(ValidationError) as error:
        recurrence.validate_rule(rule)
    assert error.value.code == code


# -- Publication and occurrences -----------------------------------------------------------


def test_publish_change_unpublish_and_delete_keep_occurrences_in_step(index):
    page = make_event(index, start=soon(10), recurrence_rule="FREQ=WEEKLY;COUNT=3")
    assert len(starts(page)) == 3
    first = Occurrence.objects.filter(page=page).order_by("start").first()
    Registration.objects.create(
        occurrence=first, name="A", email="a@example.org", consent_text="ok"
    )

    page = republish(page, recurrence_rule="FREQ=WEEKLY;COUNT=2")
    assert len(starts(page)) == 2
    assert Registration.objects.get().occurrence_id == first.pk  # same date kept

    page = republish(page, start=page.start + timedelta(hours=1), end=page.end + timedelta(hours=1))
    moved = Occurrence.objects.get(pk=first.pk)
    assert moved.start == page.start  # a moved date keeps its registrants
    assert Occurrence.objects.filter(page=page).count() == 2

    page.unpublish()
    assert list(Occurrence.objects.filter(page=page)) == [moved]  # kept for its registrant
    page.delete()
    assert not Occurrence.objects.exists()


def test_removed_date_with_registrants_is_marked_cancelled(index):
    page = make_event(index, start=soon(3), recurrence_rule="FREQ=DAILY;COUNT=3")
    last = Occurrence.objects.filter(page=page).order_by("start").last()
    Registration.objects.create(occurrence=last, name="B", email="b@example.org", consent_text="x")
    page = republish(page, recurrence_exceptions=last.local_start.date().isoformat())
    last.refresh_from_db()
    assert last.is_cancelled
    assert Occurrence.objects.filter(page=page, status="scheduled").count() == 2


def test_drafts_do_not_change_occurrences(index):
    page = make_event(index, start=soon(5))
    before = starts(page)
    page.start = page.start + timedelta(days=1)
    page.end = page.end + timedelta(days=1)
    page.save_revision()
    assert starts(page) == before


def test_sequence_bumps_only_on_schedule_changes_and_survives_revisions(index):
    page = make_event(index, start=soon(5))
    assert page.ical_sequence == 0
    page = republish(page, summary="Solo il testo cambia")
    assert page.ical_sequence == 0
    old_revision = page.latest_revision
    page = republish(page, start=page.start + timedelta(hours=1), end=page.end + timedelta(hours=1))
    assert page.ical_sequence == 1
    page = republish(page, status="cancelled")
    assert page.ical_sequence == 2
    old_revision.publish()  # restoring an old revision changes the schedule again
    page = EventPage.objects.get(pk=page.pk)
    assert page.ical_sequence == 3
    assert Occurrence.objects.get(page=page).status == "scheduled"


# -- Validation ---------------------------------------------------------------------------


def event(**fields):
    values = {
        "title": "T",
        "slug": "t",
        "start": soon(2),
        "end": soon(2, 12),
        "timezone": "Europe/Rome",
        "venue": make_venue(),
    }
    values.update(fields)
    return EventPage(**values)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"end": soon(2, 9)}, "end"),
        ({"attendance_mode": "online", "venue": None}, "online_url"),
        (
            {"attendance_mode": "hybrid", "venue": None, "online_url": "https://m.example/x"},
            "venue",
        ),
        ({"venue": None}, "venue"),
        ({"registration_mode": "external"}, "registration_url"),
        ({"online_url_public": False, "online_url": "https://m.example/x"}, "online_url_public"),
        ({"capacity": 0, "registration_mode": "built_in"}, "capacity"),
        ({"recurrence_rule": "FREQ=SECONDLY"}, "recurrence_rule"),
        ({"recurrence_exceptions": "2027-01-01\n1 gennaio"}, "recurrence_exceptions"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"registration_opens": soon(1), "registration_closes": soon(0)}, "registration_closes"),
    ],
)
def test_validation_names_the_field(fields, field):
    with pytest.raises(ValidationError) as error:
        event(**fields).full_clean(exclude=["path", "depth"])
    assert field in error.value.message_dict, error.value.message_dict


def test_all_day_event_is_stored_from_midnight_to_midnight(index):
    page = make_event(
        index, "Convegno", start="2027-06-10 15:00", end="2027-06-11 09:00", all_day=True
    )
    occurrence = Occurrence.objects.get(page=page)
    assert occurrence.local_start.strftime("%Y-%m-%d %H:%M") == "2027-06-10 00:00"
    assert occurrence.local_end.strftime("%Y-%m-%d %H:%M") == "2027-06-12 00:00"
    assert occurrence.last_day == date(2027, 6, 11)


# -- Admin form: wall times in the event's zone ---------------------------------------------


def admin_form(index, data):
    form_class = EventPage.get_edit_handler().get_form_class()
    return form_class(data, instance=EventPage(), for_user=None, parent_page=index)


def form_data(**overrides):
    venue = make_venue()
    data = {
        "title": "Formazione",
        "slug": "formazione",
        "kind": "training",
        "status": "scheduled",
        "start": "2027-03-28 10:00",
        "end": "2027-03-28 13:00",
        "timezone": "America/New_York",
        "attendance_mode": "in_person",
        "venue": venue.pk,
        "registration_mode": "none",
        "online_url_public": "on",
        "waiting_list": "on",
        "date_changes-count": "0",
    }
    data.update(overrides)
    return data


def test_admin_form_reads_times_in_the_event_zone(index, settings):
    settings.TIME_ZONE = "UTC"
    with timezone.override("UTC"):
        form = admin_form(index, form_data())
        assert form.is_valid(), form.errors
    start = form.cleaned_data["start"]
    assert start.tzinfo.key == "America/New_York"
    assert start.astimezone(UTC) == datetime(2027, 3, 28, 14, 0, tzinfo=UTC)  # EDT is UTC-4

    form = admin_form(index, form_data(timezone="Europe/Rome", start="2027-03-28 02:30"))
    assert not form.is_valid()
    assert "Europe/Rome" in form.errors["start"][0] and "02:30" in form.errors["start"][0]


def test_admin_form_shows_stored_times_in_the_event_zone(index):
    page = make_event(
        index,
        start=local("2027-07-01 09:00", "Asia/Tokyo"),
        timezone="Asia/Tokyo",
        end=local("2027-07-01 11:00", "Asia/Tokyo"),
    )
    form_class = EventPage.get_edit_handler().get_form_class()
    with timezone.override("Europe/Rome"):
        form = form_class(instance=page, for_user=None, parent_page=index)
    assert form.initial["start"] == datetime(2027, 7, 1, 9, 0)


# -- Settings -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, -5, "365", True, 1.5, 100000])
def test_horizon_setting_is_checked(value):
    with override_settings(WAGTAIL_COMMUNITY_MATCHING={"EVENT_RECURRENCE_HORIZON_DAYS": value}):
        ids = [error.id for error in check_settings()]
    assert "wagtail_community_matching.E040" in ids


def test_default_horizon_passes_the_checks():
    with override_settings(WAGTAIL_COMMUNITY_MATCHING={"EVENT_RECURRENCE_HORIZON_DAYS": 90}):
        assert check_settings() == []


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"latitude": "45.46"}, "longitude", "half_coordinates"),
        ({"longitude": "9.19"}, "latitude", "half_coordinates"),
        ({"country": "it"}, "country", "invalid"),
        ({"country": "I1"}, "country", "invalid"),
    ],
)
def test_venue_validation_names_the_field(fields, field, code):
    from wagtail_community_matching.models import Venue

    venue = Venue(name="Sala", city="Milano", **fields)
    with pytest.raises(ValidationError) as raised:
        venue.full_clean()
    assert [e.code for e in raised.value.error_dict[field]] == [code]


def test_venue_with_both_coordinates_or_none_is_valid():
    from wagtail_community_matching.models import Venue

    Venue(name="Sala", city="Milano").full_clean()
    Venue(name="Sala", city="Milano", latitude="45.46", longitude="9.19").full_clean()
