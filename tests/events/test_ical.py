"""iCalendar feeds of events (ical.py), read back with the icalendar parser."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from wagtail_community_matching.models import Venue

from .factories import local, make_event, make_venue, republish

pytestmark = pytest.mark.django_db


def fetch(client, url) -> tuple[bytes, Calendar]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content, Calendar.from_ical(response.content)


def events(calendar):
    return list(calendar.walk("VEVENT"))


def zones(calendar):
    return sorted(str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE"))


def assert_lines_folded(raw: bytes):
    lines = raw.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)


def test_event_feed_on_dst_change_days_has_right_local_and_utc_times(client, index):
    spring = make_event(index, "Primavera", start="2026-03-29 10:00", end="2026-03-29 12:00")
    autumn = make_event(index, "Autunno", start="2026-10-25 10:00", end="2026-10-25 12:00")
    _raw, calendar = fetch(client, spring.url + "ical/")
    (event,) = events(calendar)
    start = event.decoded("dtstart")
    assert start.replace(tzinfo=None) == datetime(2026, 3, 29, 10, 0)
    assert str(event["dtstart"].params["TZID"]) == "Europe/Rome"
    assert start.astimezone(UTC) == datetime(2026, 3, 29, 8, 0, tzinfo=UTC)  # CEST, +02:00
    assert zones(calendar) == ["Europe/Rome"]

    _raw, calendar = fetch(client, autumn.url + "ical/")
    (event,) = events(calendar)
    assert event.decoded("dtstart").astimezone(UTC) == datetime(2026, 10, 25, 9, 0, tzinfo=UTC)
    assert event.decoded("dtend").astimezone(UTC) == datetime(2026, 10, 25, 11, 0, tzinfo=UTC)
    # The VTIMEZONE itself tells a client the offsets on each side of the change.
    (vtimezone,) = calendar.walk("VTIMEZONE")
    offsets = {str(c["TZNAME"]): c.decoded("TZOFFSETTO") for c in vtimezone.walk() if "TZNAME" in c}
    assert offsets == {"CET": timedelta(hours=1), "CEST": timedelta(hours=2)}


def test_recurring_event_feed_has_rrule_and_exdate(client, index):
    page = make_event(
        index,
        "Supervisione mensile",
        start="2027-01-12 18:00",
        end="2027-01-12 20:00",
        recurrence_rule="FREQ=MONTHLY;BYDAY=2TU;UNTIL=20271231",
        recurrence_exceptions="2027-08-10",
    )
    _raw, calendar = fetch(client, page.url + "ical/")
    (event,) = events(calendar)
    rule = event["rrule"]
    assert rule["FREQ"] == ["MONTHLY"] and rule["BYDAY"] == ["2TU"]
    # A timed event's UNTIL is in UTC: the end of 31 December in Rome.
    assert rule["UNTIL"] == [datetime(2027, 12, 31, 22, 59, 59, tzinfo=UTC)]
    exdate = event["exdate"]
    assert exdate.dts[0].dt == local("2027-08-10 18:00")


def test_all_day_event_uses_value_date(client, index):
    page = make_event(
        index, "Convegno", start="2027-06-10 00:00", end="2027-06-11 00:00", all_day=True
    )
    raw, calendar = fetch(client, page.url + "ical/")
    assert b"DTSTART;VALUE=DATE:20270610" in raw
    assert b"DTEND;VALUE=DATE:20270612" in raw  # exclusive end, after the last day
    (event,) = events(calendar)
    assert event.decoded("dtstart") == date(2027, 6, 10)


def test_uid_is_stable_sequence_bumps_and_cancelled_status(client, index):
    page = make_event(index, "Incontro", start="2027-05-05 10:00", end="2027-05-05 12:00")
    _raw, calendar = fetch(client, page.url + "ical/")
    (first,) = events(calendar)
    assert int(first["sequence"]) == 0
    assert str(first["status"]) == "CONFIRMED"
    assert first.decoded("dtstamp") == page.last_published_at.astimezone(UTC).replace(microsecond=0)

    page = republish(page, summary="Un altro testo")
    _raw, calendar = fetch(client, page.url + "ical/")
    (same,) = events(calendar)
    assert str(same["uid"]) == str(first["uid"])
    assert int(same["sequence"]) == 0

    page = republish(page, status="cancelled")
    _raw, calendar = fetch(client, page.url + "ical/")
    (cancelled,) = events(calendar)
    assert str(cancelled["uid"]) == str(first["uid"])
    assert int(cancelled["sequence"]) == 1
    assert str(cancelled["status"]) == "CANCELLED"


def test_text_is_escaped_and_long_lines_folded(client, index):
    venue = make_venue(name="Sala A, piano 1; ingresso B", address="Via Roma 1")
    summary = "Prima riga, con virgola; e punto e virgola\nSeconda riga " + "lunga " * 30
    page = make_event(
        index,
        "Titolo, con; segni",
        start="2027-05-05 10:00",
        end="2027-05-05 12:00",
        venue=venue,
        summary=summary,
    )
    raw, calendar = fetch(client, page.url + "ical/")
    text = raw.decode()
    unfolded = text.replace("\r\n ", "")
    assert "SUMMARY:Titolo\\, con\\; segni" in unfolded
    assert "LOCATION:Sala A\\, piano 1\\; ingresso B\\, Via Roma 1\\, 20122 Milano" in unfolded
    assert "Prima riga\\, con virgola\\; e punto e virgola\\nSeconda riga" in unfolded
    assert_lines_folded(raw)
    (event,) = events(calendar)
    assert str(event["summary"]) == "Titolo, con; segni"
    assert str(event["description"]).startswith(summary.strip()[:40])


def test_index_feed_lists_upcoming_occurrences_with_a_vtimezone_per_zone(client, index):
    tomorrow = (timezone.now() + timedelta(days=1)).date().isoformat()
    make_event(index, "Passato", start="2025-05-05 10:00", end="2025-05-05 12:00")
    make_event(
        index,
        "Roma",
        start=f"{tomorrow} 10:00",
        end=f"{tomorrow} 12:00",
        recurrence_rule="FREQ=WEEKLY;COUNT=3",
    )
    make_event(
        index,
        "New York",
        start=local("2027-03-14 09:00", "America/New_York"),
        end=local("2027-03-14 10:00", "America/New_York"),
        timezone="America/New_York",
        attendance_mode="online",
        online_url="https://meet.example/ny",
        kind="webinar",
    )
    # 2027-03-28 is the day Europe/Rome moves to summer time.
    make_event(
        index, "Cambio ora", start="2027-03-28 10:00", end="2027-03-28 11:00", kind="training"
    )
    raw, calendar = fetch(client, index.url + "ical/")
    assert_lines_folded(raw)
    summaries = [str(e["summary"]) for e in events(calendar)]
    assert "Passato" not in summaries
    assert summaries.count("Roma") == 1  # the series once, with its rule
    roma = next(e for e in events(calendar) if str(e["summary"]) == "Roma")
    assert roma["rrule"].to_ical() == b"FREQ=WEEKLY;COUNT=3"
    assert zones(calendar) == ["America/New_York", "Europe/Rome"]
    uids = [str(e["uid"]) for e in events(calendar)]
    assert len(set(uids)) == len(uids) == 3  # one UID per event
    dst = next(e for e in events(calendar) if str(e["summary"]) == "Cambio ora")
    assert dst.decoded("dtstart").astimezone(UTC) == datetime(2027, 3, 28, 8, 0, tzinfo=UTC)
    ny = next(e for e in events(calendar) if str(e["summary"]) == "New York")
    assert ny.decoded("dtstart").astimezone(UTC) == datetime(2027, 3, 14, 13, 0, tzinfo=UTC)
    assert str(ny["location"]) == "https://meet.example/ny"

    _raw, trainings = fetch(client, index.url + "ical/?kind=training")
    assert [str(e["summary"]) for e in events(trainings)] == ["Cambio ora"]
    response = client.get(index.url + "ical/?kind=party")
    assert response.status_code == 400
    assert "meeting, training, supervision, webinar, other" in response.content.decode()
    unreadable = client.get(index.url + "ical/?kind=%00nonsense")
    assert unreadable.status_code == 400 and unreadable["Content-Type"].startswith("text/plain")
    assert "BEGIN:VCALENDAR" not in unreadable.content.decode()

    # The feed's UIDs do not change when the pages are published again.
    for page in index.get_children().specific():
        page.save_revision().publish()
    _raw, again = fetch(client, index.url + "ical/")
    assert [str(e["uid"]) for e in events(again)] == uids


def test_date_dropped_from_the_rule_leaves_both_feeds_with_the_new_rule(client, index):
    from wagtail_community_matching.models import Occurrence, Registration

    tomorrow = (timezone.now() + timedelta(days=1)).date().isoformat()
    page = make_event(
        index,
        "Serie",
        start=f"{tomorrow} 10:00",
        end=f"{tomorrow} 12:00",
        recurrence_rule="FREQ=DAILY;COUNT=2",
    )
    last = Occurrence.objects.filter(page=page).order_by("start").last()
    Registration.objects.create(occurrence=last, name="x", email="x@example.org", consent_text="x")
    page = republish(page, recurrence_rule="FREQ=DAILY;COUNT=1")
    last.refresh_from_db()
    assert last.status == "cancelled"  # kept for its registrant, no longer a date
    for url in (index.url + "ical/", page.url + "ical/"):
        _raw, calendar = fetch(client, url)
        (event,) = events(calendar)
        assert event["rrule"].to_ical() == b"FREQ=DAILY;COUNT=1"
        assert event["sequence"] == 1
    assert Venue.objects.count() == 1


def test_event_page_links_to_its_calendar_file(client, index):
    page = make_event(index, "Incontro", start="2027-05-05 10:00", end="2027-05-05 12:00")
    html = client.get(page.url).content.decode()
    assert f'<a href="{page.url}ical/" download>' in html
    assert f'href="{index.url}ical/"' in client.get(index.url).content.decode()
