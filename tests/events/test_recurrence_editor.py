"""Editors and repeat rules: the rule in words, the recurrence widget, and a start that is a
date of its rule (issue 13, items 10 and 11)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from io import StringIO

import pytest
from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone, translation
from icalendar import Calendar

from wagtail_community_matching.events import recurrence
from wagtail_community_matching.pages.models import EventPage

from .factories import local, make_event

pytestmark = pytest.mark.django_db

SUMMARY_URL = "/admin/community-matching/events/recurrence-summary/"


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=DAILY", "every day"),
        ("FREQ=DAILY;INTERVAL=3", "every 3 days"),
        ("FREQ=WEEKLY", "every week"),
        ("FREQ=WEEKLY;BYDAY=TU", "every Tuesday"),
        ("FREQ=WEEKLY;BYDAY=MO,WE,FR", "every Monday, Wednesday and Friday"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", "every 2 weeks on Thursday"),
        ("FREQ=MONTHLY;BYDAY=2TU", "every second Tuesday of the month"),
        ("FREQ=MONTHLY;BYDAY=-1FR", "every last Friday of the month"),
        ("FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO", "every first Monday of the month, every 2 months"),
        ("FREQ=MONTHLY;BYMONTHDAY=15", "on day 15 of every month"),
        ("FREQ=MONTHLY", "every month"),
        ("FREQ=YEARLY", "every year"),
        ("FREQ=WEEKLY;COUNT=1", "every week, once"),
        ("FREQ=WEEKLY;COUNT=4", "every week, 4 times"),
        ("FREQ=MONTHLY;BYDAY=2TU;UNTIL=20270630", "every second Tuesday of the month until "),
        ("", ""),
        ("FREQ=HOURLY", ""),
        ("nonsense", ""),
    ],
)
def test_rules_read_in_words(rule, words):
    with translation.override("en"):
        text = recurrence.describe_rule(rule)
    if words.endswith(" "):
        assert text.startswith(words) and "June 30, 2027" in text
    else:
        assert text == words


def test_rules_read_in_the_editors_language():
    with translation.override("it"):
        text = recurrence.describe_rule("FREQ=MONTHLY;BYDAY=2TU;UNTIL=20270630")
    assert "giugno" in text.lower() and "30" in text
    with translation.override("en"):
        assert "June" in recurrence.describe_rule("FREQ=MONTHLY;BYDAY=2TU;UNTIL=20270630")


# --- Item 11: the start is a date of its rule ---------------------------------------


def event(start: str, rule: str) -> EventPage:
    page = EventPage(
        title="Supervisione",
        slug="supervisione",
        start=local(start),
        end=local(start) + timedelta(hours=1),
        timezone="Europe/Rome",
        attendance_mode="online",
        online_url="https://meet.example/s",
        recurrence_rule=rule,
    )
    return page


def start_errors(page) -> list[str]:
    try:
        page.full_clean(exclude=["path", "depth", "locale", "translation_key"])
    except ValidationError as error:
        return error.message_dict.get("start", [])
    return []


def test_a_start_off_its_rule_is_refused_with_the_next_rule_date():
    # Thursday 1 October 2026 with "second Tuesday": the rule's first date is 13 October.
    with translation.override("en"):
        (message,) = start_errors(event("2026-10-01 17:30", "FREQ=MONTHLY;BYDAY=2TU"))
    assert "every second Tuesday of the month" in message
    # Dates as the site writes them in the active language, whatever its date format.
    shown, next_one = message.split(": ", 1)[1].split(" is not one of its dates. ")
    assert "1" in shown and "2026" in shown and "13" not in shown
    assert next_one.startswith("The next one is ") and "13" in next_one and "2026" in next_one


@pytest.mark.parametrize(
    ("start", "rule", "valid"),
    [
        ("2026-10-13 17:30", "FREQ=MONTHLY;BYDAY=2TU", True),
        ("2026-10-12 17:30", "FREQ=MONTHLY;BYDAY=2TU", False),  # the day before
        ("2026-10-14 17:30", "FREQ=MONTHLY;BYDAY=2TU", False),  # the day after
        ("2026-10-06 17:30", "FREQ=WEEKLY;BYDAY=TU,TH", True),
        ("2026-10-07 17:30", "FREQ=WEEKLY;BYDAY=TU,TH", False),
        ("2026-10-07 17:30", "FREQ=WEEKLY", True),  # no BYDAY: the start's own weekday
        ("2026-10-07 17:30", "FREQ=DAILY;COUNT=3", True),
        ("2026-10-07 17:30", "", True),
    ],
)
def test_the_start_boundary(start, rule, valid):
    assert (start_errors(event(start, rule)) == []) is valid


def test_a_rule_whose_dates_all_come_before_the_start_is_refused():
    with translation.override("en"):
        (message,) = start_errors(event("2026-10-07 17:30", "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261001"))
    assert "gives no date after" in message


def test_the_demo_supervision_follows_its_rule_like_calendar_programs(client):
    call_command("load_community_matching_demo", "--no-superuser", stdout=StringIO())
    page = EventPage.objects.get(slug="supervisione-mensile")
    start = page.local_start()
    assert start.weekday() == 1 and 8 <= start.day <= 14  # a second Tuesday
    assert recurrence.starts_on_rule(page.recurrence_rule, start.replace(tzinfo=None))
    # A calendar program counts DTSTART as a date: it must list what the site lists.
    (vevent,) = Calendar.from_ical(client.get(page.url + "ical/").content).walk("VEVENT")
    dtstart = vevent.decoded("dtstart")
    rule = rrulestr(vevent["rrule"].to_ical().decode(), dtstart=dtstart)
    horizon = timezone.now() + timedelta(days=120)
    program = rule.between(dtstart - timedelta(seconds=1), horizon, inc=True)
    site = list(page.event_occurrences.filter(start__lte=horizon).values_list("start", flat=True))
    assert len(program) >= 3
    assert [d.timestamp() for d in program] == [d.timestamp() for d in site]


# --- Item 10: the widget ---------------------------------------------------------------


def test_the_editor_shows_the_widget_with_the_rule_in_words(admin_client, index):
    page = make_event(
        index,
        "Supervisione",
        start="2027-01-12 17:30",
        end="2027-01-12 19:00",
        recurrence_rule="FREQ=MONTHLY;BYDAY=2TU;COUNT=6",
    )
    with translation.override("it"):  # the admin's language: the site's default
        words = recurrence.describe_rule(page.recurrence_rule)
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-cm-recurrence" in html
    assert "js/recurrence-widget.js" in html
    assert 'name="recurrence_rule"' in html and 'value="FREQ=MONTHLY;BYDAY=2TU;COUNT=6"' in html
    assert f'data-summary-url="{SUMMARY_URL}"' in html
    summary = html.split('data-cm-recurrence-summary aria-live="polite">', 1)[1]
    assert summary.split("</p>", 1)[0].strip() == words != ""
    assert 'data-part="ordinal"' in html and 'data-part="weekday"' in html
    assert "date_changes" in html  # the panel of single dates cancelled or moved


def test_the_summary_view_answers_editors_only(admin_client, client):
    response = admin_client.get(SUMMARY_URL, {"rule": "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=8"})
    assert response.status_code == 200
    data = json.loads(response.content)
    assert data["error"] == "" and data["summary"]
    bad = json.loads(admin_client.get(SUMMARY_URL, {"rule": "FREQ=SECONDLY"}).content)
    assert bad["summary"] == "" and "FREQ" in bad["error"]
    empty = json.loads(admin_client.get(SUMMARY_URL).content)
    assert empty == {"summary": "", "error": ""}
    assert client.get(SUMMARY_URL, {"rule": "FREQ=DAILY"}).status_code == 302  # to the login


def test_first_rule_date_and_starts_on_rule():
    start = datetime(2026, 10, 1, 17, 30)
    assert recurrence.first_rule_date("FREQ=MONTHLY;BYDAY=2TU", start) == datetime(
        2026, 10, 13, 17, 30
    )
    assert recurrence.first_rule_date("", start) == start
    assert not recurrence.starts_on_rule("FREQ=MONTHLY;BYDAY=2TU", start)
    assert recurrence.starts_on_rule("", start)


def test_the_editor_form_shows_the_first_date_error_on_the_start_field(index):
    from .test_models import admin_form, form_data

    data = form_data(
        timezone="Europe/Rome",
        start="2026-10-01 17:30",
        end="2026-10-01 19:00",
        recurrence_rule="FREQ=MONTHLY;BYDAY=2TU",
    )
    with translation.override("en"):
        form = admin_form(index, data)
        assert not form.is_valid()
        (message,) = form.errors["start"]
    next_one = message.split("The next one is ", 1)[1]
    assert "13" in next_one and "2026" in next_one
    data.update(start="2026-10-13 17:30", end="2026-10-13 19:00")
    form = admin_form(index, data)
    assert form.is_valid(), form.errors


def test_the_editor_form_takes_single_date_changes(index):
    from .test_models import admin_form, form_data

    data = form_data(
        timezone="Europe/Rome",
        start="2026-10-13 17:30",
        end="2026-10-13 19:00",
        recurrence_rule="FREQ=MONTHLY;BYDAY=2TU;COUNT=3",
    )
    data.update(
        {
            "date_changes-count": "2",
            "date_changes-0-type": "cancel",
            "date_changes-0-deleted": "",
            "date_changes-0-order": "0",
            "date_changes-0-value-date": "2026-11-10",
            "date_changes-1-type": "move",
            "date_changes-1-deleted": "",
            "date_changes-1-order": "1",
            "date_changes-1-value-date": "2026-12-08",
            "date_changes-1-value-new_date": "2026-12-15",
            "date_changes-1-value-new_start": "",
            "date_changes-1-value-new_end": "",
        }
    )
    form = admin_form(index, data)
    assert form.is_valid(), form.errors
    data["date_changes-0-value-date"] = "2026-11-11"  # a Wednesday: not a date of the rule
    form = admin_form(index, data)
    assert not form.is_valid()
    assert "date_changes" in form.errors
