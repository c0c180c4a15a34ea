"""How an event's date and time read: in the event's own time zone, with the zone named."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _


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
        first = date_format(start.date(), "DATE_FORMAT")
        text = first
        if last_day != start.date():
            text = _("%(first)s to %(last)s") % {
                "first": first,
                "last": date_format(last_day, "DATE_FORMAT"),
            }
        return When(text, "", start.date().isoformat(), last_day.isoformat(), True)
    if start.date() == end.date():
        text = _("%(date)s, %(start)s–%(end)s") % {
            "date": date_format(start, "DATE_FORMAT"),
            "start": time_format(start, "TIME_FORMAT"),
            "end": time_format(end, "TIME_FORMAT"),
        }
    else:
        text = _("%(start)s to %(end)s") % {
            "start": date_format(start, "DATETIME_FORMAT"),
            "end": date_format(end, "DATETIME_FORMAT"),
        }
    zone = f"{occurrence.timezone}, {start.tzname()}"
    return When(text, zone, start.isoformat(), end.isoformat(), False)
