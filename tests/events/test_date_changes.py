"""Single dates of a repeating event cancelled or moved by the editor, on the page, in both
iCalendar feeds and by mail to their registrants (issue 13, items 10 and 12)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from icalendar import Calendar

from wagtail_community_matching.events.booking import register
from wagtail_community_matching.models import Occurrence, Registration

from ..conftest import it
from .factories import local, make_event, republish

pytestmark = pytest.mark.django_db

#: Tuesdays of January 2027: the 5th, 12th, 19th and 26th.
RULE = "FREQ=WEEKLY;COUNT=4"


@pytest.fixture
def series(index):
    return make_event(
        index,
        "Serie",
        start="2027-01-05 18:00",
        end="2027-01-05 20:00",
        recurrence_rule=RULE,
        registration_mode="built_in",
        capacity=5,
    )


def cancel(day: str) -> dict:
    return {"type": "cancel", "value": {"date": day}}


def move(day: str, new_date: str, start: str | None = None, end: str | None = None) -> dict:
    return {
        "type": "move",
        "value": {"date": day, "new_date": new_date, "new_start": start, "new_end": end},
    }


def change(page, *changes):
    page.date_changes = list(changes)
    page.full_clean(exclude=["path", "depth"])
    return republish(page)


def occurrence_on(page, day: str) -> Occurrence:
    return Occurrence.objects.get(page=page, original_start=local(f"{day} 18:00"))


def sign_up(page, occurrence, email):
    outcome = register(page, occurrence.pk, name="Anna", email=email, consent_text="Sì")
    assert outcome.registration is not None
    return outcome.registration


def feed(client, url) -> list:
    response = client.get(url)
    assert response.status_code == 200
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def test_cancelled_date_shows_on_the_page_in_both_feeds_and_is_told_by_mail(
    client, index, series, django_capture_on_commit_callbacks
):
    registration = sign_up(series, occurrence_on(series, "2027-01-12"), "anna@example.org")
    other = sign_up(series, occurrence_on(series, "2027-01-19"), "bruno@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        series = change(series, cancel("2027-01-12"))

    cancelled = occurrence_on(series, "2027-01-12")
    assert cancelled.status == "cancelled" and cancelled.pk == registration.occurrence_id
    assert occurrence_on(series, "2027-01-19").status == "scheduled"

    html = client.get(series.url).content.decode()
    assert '<li class="cm-event__date cm-event__date--cancelled"><del>' in html
    register_page = client.get(series.url + "register/").content.decode()
    assert f'value="{cancelled.pk}"' not in register_page  # no sign-up for it

    for url in (series.url + "ical/", index.url + "ical/"):
        master, override = feed(client, url)
        assert str(master["rrule"].to_ical().decode()) == RULE
        assert override["uid"] == master["uid"]
        assert str(override["status"]) == "CANCELLED"
        assert override.decoded("recurrence-id") == local("2027-01-12 18:00")
        assert str(override["recurrence-id"].params["TZID"]) == "Europe/Rome"

    (message,) = mail.outbox
    assert message.to == ["anna@example.org"]
    assert it("Date cancelled: %(title)s") % {"title": "Serie"} == message.subject
    assert it("Confirm your place") not in message.body
    other.refresh_from_db()
    assert other.status == "unconfirmed"


def test_moved_date_keeps_its_registrations_and_carries_its_new_time(
    client, index, series, django_capture_on_commit_callbacks
):
    registration = sign_up(series, occurrence_on(series, "2027-01-19"), "anna@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        series = change(series, move("2027-01-19", "2027-01-21", "09:30", "11:00"))

    moved = Occurrence.objects.get(pk=registration.occurrence_id)
    assert moved.start == local("2027-01-21 09:30")
    assert moved.end == local("2027-01-21 11:00")
    assert moved.original_start == local("2027-01-19 18:00")
    assert [o.local_start.day for o in series.event_occurrences.order_by("start")] == [
        5,
        12,
        21,
        26,
    ]

    html = client.get(series.url).content.decode()
    assert 'datetime="2027-01-21T09:30:00+01:00"' in html
    assert 'class="cm-event__moved"' in html

    for url in (series.url + "ical/", index.url + "ical/"):
        master, override = feed(client, url)
        assert override["uid"] == master["uid"]
        assert override.decoded("recurrence-id") == local("2027-01-19 18:00")
        assert override.decoded("dtstart") == local("2027-01-21 09:30")
        assert override.decoded("dtend") == local("2027-01-21 11:00")
        assert str(override["status"]) == "CONFIRMED"

    (message,) = mail.outbox
    assert message.subject == it("Date moved: %(title)s") % {"title": "Serie"}
    assert "09:30" in message.body
    assert it("Confirm your place") in message.body  # still unconfirmed: the link stays


def test_a_move_without_times_keeps_the_usual_times(series):
    series = change(series, move("2027-01-26", "2027-01-27"))
    moved = occurrence_on(series, "2027-01-26")
    assert moved.start == local("2027-01-27 18:00") and moved.end == local("2027-01-27 20:00")


def test_changes_survive_republishing_and_mail_only_once(
    series, django_capture_on_commit_callbacks
):
    sign_up(series, occurrence_on(series, "2027-01-12"), "anna@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        series = change(series, cancel("2027-01-12"), move("2027-01-19", "2027-01-20"))
    assert len(mail.outbox) == 1  # the cancellation
    with django_capture_on_commit_callbacks(execute=True):
        series = republish(series, title="Serie rinnovata")
    assert len(mail.outbox) == 1
    assert occurrence_on(series, "2027-01-12").status == "cancelled"
    assert occurrence_on(series, "2027-01-19").start == local("2027-01-20 18:00")
    assert Occurrence.objects.filter(page=series).count() == 4

    # Taking the change back restores the date, without a mail.
    with django_capture_on_commit_callbacks(execute=True):
        series = change(series)
    assert occurrence_on(series, "2027-01-12").status == "scheduled"
    assert occurrence_on(series, "2027-01-19").start == local("2027-01-19 18:00")
    assert len(mail.outbox) == 1


def test_registrations_of_a_past_or_ended_sign_up_are_not_told(
    series, django_capture_on_commit_callbacks
):
    registration = sign_up(series, occurrence_on(series, "2027-01-12"), "anna@example.org")
    Registration.objects.filter(pk=registration.pk).update(status="cancelled")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change(series, cancel("2027-01-12"))
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ([cancel("2027-01-13")], "not_a_rule_date"),  # a Wednesday
        ([cancel("2026-12-29")], "not_a_rule_date"),  # before the first date
        ([cancel("2027-02-02")], "not_a_rule_date"),  # after COUNT=4
        ([cancel("2027-01-12"), move("2027-01-12", "2027-01-14")], "duplicate_change"),
        ([move("2027-01-12", "2027-01-19")], "moved_onto_a_date"),  # onto the next date
    ],
)
def test_each_change_names_one_date_of_the_rule(series, changes, code):
    series.date_changes = changes
    with pytest.raises(ValidationError) as error:
        series.full_clean(exclude=["path", "depth"])
    (problem,) = error.value.error_dict["date_changes"]
    assert problem.code == code
    assert "2027" in problem.messages[0] or "2026" in problem.messages[0]


def test_the_rules_first_and_last_dates_can_be_changed(series):
    series.date_changes = [cancel("2027-01-05"), cancel("2027-01-26")]
    series.full_clean(exclude=["path", "depth"])
    # A date moved to the day of another, at another time, is fine.
    series.date_changes = [move("2027-01-12", "2027-01-19", "09:00")]
    series.full_clean(exclude=["path", "depth"])


def test_a_one_off_event_has_no_single_dates_to_change(index):
    page = make_event(index, "Una volta", start="2027-01-05 18:00", end="2027-01-05 20:00")
    page.date_changes = [cancel("2027-01-05")]
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=["path", "depth"])
    assert "date_changes" in error.value.message_dict


def test_all_day_series_changes_use_dates_in_the_feed(client, index):
    page = make_event(
        index,
        "Giornate",
        start=local("2027-01-05 00:00"),
        end=local("2027-01-05 00:00"),
        all_day=True,
        recurrence_rule=RULE,
    )
    page = change(page, cancel("2027-01-12"), move("2027-01-19", "2027-01-20"))
    master, cancelled, moved = feed(client, page.url + "ical/")
    assert cancelled.decoded("recurrence-id") == date(2027, 1, 12)
    assert moved.decoded("recurrence-id") == date(2027, 1, 19)
    assert moved.decoded("dtstart") == date(2027, 1, 20)
    assert master.decoded("dtstart") == date(2027, 1, 5)


def test_a_date_dropped_from_the_rule_tells_its_registrants(
    series, django_capture_on_commit_callbacks
):
    sign_up(series, occurrence_on(series, "2027-01-26"), "anna@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        series = republish(series, recurrence_rule="FREQ=WEEKLY;COUNT=3")
    assert occurrence_on(series, "2027-01-26").status == "cancelled"
    (message,) = mail.outbox
    assert message.subject == it("Date cancelled: %(title)s") % {"title": "Serie"}
    with django_capture_on_commit_callbacks(execute=True):
        republish(series, title="Serie, di nuovo")
    assert len(mail.outbox) == 1  # told once


def test_a_new_start_time_moves_every_date_and_tells_their_registrants(
    series, django_capture_on_commit_callbacks
):
    registration = sign_up(series, occurrence_on(series, "2027-01-12"), "anna@example.org")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        republish(series, start=local("2027-01-05 19:00"), end=local("2027-01-05 21:00"))
    moved = Occurrence.objects.get(pk=registration.occurrence_id)
    assert moved.start == local("2027-01-12 19:00")
    (message,) = mail.outbox
    assert message.subject == it("Date moved: %(title)s") % {"title": "Serie"}


def test_with_its_next_date_cancelled_the_page_is_about_the_following_one(client, series):
    series = change(series, cancel("2027-01-05"))
    html = client.get(series.url).content.decode()
    facts = html.split('class="cm-event__facts"', 1)[1].split("</dl>", 1)[0]
    assert 'datetime="2027-01-12T18:00:00+01:00"' in facts
    assert 'datetime="2027-01-05T18:00:00+01:00"' in html  # still listed, as cancelled
