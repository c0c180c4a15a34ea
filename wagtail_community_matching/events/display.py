"""How an event's date and time read: in the event's own time zone, with the zone named."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

#: Month names as a sentence writes them after the day (Italian: "8 dicembre 2026").
MONTHS_IN_A_DATE = {
    1: pgettext_lazy("month in a date", "January"),
    2: pgettext_lazy("month in a date", "February"),
    3: pgettext_lazy("month in a date", "March"),
    4: pgettext_lazy("month in a date", "April"),
    5: pgettext_lazy("month in a date", "May"),
    6: pgettext_lazy("month in a date", "June"),
    7: pgettext_lazy("month in a date", "July"),
    8: pgettext_lazy("month in a date", "August"),
    9: pgettext_lazy("month in a date", "September"),
    10: pgettext_lazy("month in a date", "October"),
    11: pgettext_lazy("month in a date", "November"),
    12: pgettext_lazy("month in a date", "December"),
}


def long_date(value) -> str:
    """``value`` (a date or datetime) as visitors read it: "8 December 2026", "8 dicembre 2026".

    The day has no leading zero and the month is written as inside a sentence, in the
    active language; the order of the parts is the catalogue's.
    """
    return pgettext("a date: day, month and year", "%(day)s %(month)s %(year)s") % {
        "day": value.day,
        "month": MONTHS_IN_A_DATE[value.month],
        "year": value.year,
    }


@dataclass(frozen=True)
class When:
    """Text and machine-readable values describing when an occurrence happens."""

    text: str
    zone: str
    start_iso: str
    end_iso: str
    all_day: bool

    def __str__(self) -> str:
        return f"{self.text} ({self.zone})" if self.zone else self.text


def describe(occurrence) -> When:
    """A :class:`When` for ``occurrence`` (any object with ``local_start``/``local_end``).

    Timed occurrences name the zone and its abbreviation, such as
    ``Europe/Rome, CEST``; all-day ones are plain dates.
    """
    start, end = occurrence.local_start, occurrence.local_end
    if occurrence.all_day:
        last_day = occurrence.last_day
        first = long_date(start.date())
        text = first
        if last_day != start.date():
            text = _("%(first)s to %(last)s") % {
                "first": first,
                "last": long_date(last_day),
            }
        return When(text, "", start.date().isoformat(), last_day.isoformat(), True)
    if start.date() == end.date():
        text = _("%(date)s, %(start)s–%(end)s") % {
            "date": long_date(start),
            "start": time_format(start, "TIME_FORMAT"),
            "end": time_format(end, "TIME_FORMAT"),
        }
    else:
        text = _("%(start)s to %(end)s") % {
            "start": f"{long_date(start)} {time_format(start, 'TIME_FORMAT')}",
            "end": f"{long_date(end)} {time_format(end, 'TIME_FORMAT')}",
        }
    zone = f"{occurrence.timezone}, {start.tzname()}"
    return When(text, zone, start.isoformat(), end.isoformat(), False)
