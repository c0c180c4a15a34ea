"""Dates as visitors read them (journeys issue, item 9): "8 dicembre 2026", no "08 Dicembre"."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from wagtail_community_matching.events.display import describe, long_date


@pytest.mark.parametrize(
    ("language", "day", "expected"),
    [
        ("it", datetime.date(2026, 12, 8), "8 dicembre 2026"),
        ("it", datetime.date(2027, 1, 31), "31 gennaio 2027"),
        ("it", datetime.datetime(2026, 10, 1, 9, 30), "1 ottobre 2026"),
        ("en", datetime.date(2026, 12, 8), "8 December 2026"),
        ("en", datetime.date(2027, 5, 10), "10 May 2027"),
    ],
)
def test_long_date(language, day, expected):
    with translation.override(language):
        assert long_date(day) == expected


class Occurrence:
    timezone = "Europe/Rome"
    all_day = False

    def __init__(self, start, end):
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(self.timezone)
        self.local_start = start.replace(tzinfo=zone)
        self.local_end = end.replace(tzinfo=zone)


def test_an_event_reads_in_italian_without_leading_zero_or_capital():
    occurrence = Occurrence(datetime.datetime(2026, 12, 8, 9), datetime.datetime(2026, 12, 8, 13))
    with translation.override("it"):
        text = describe(occurrence).text
    assert text.startswith("8 dicembre 2026, 09:00")
    assert "Dicembre" not in text and "08 " not in text
