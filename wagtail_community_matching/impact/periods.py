"""Reporting periods: a calendar year or one of its halves.

A period is stored on a report as ``year`` and ``half`` (``0`` for the whole
year, ``1`` or ``2`` for a half). ``IMPACT_PERIOD`` chooses the length members
report on; reports of both lengths can coexist and are shown as separate periods.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from wagtail_community_matching.conf import cm_settings

WHOLE_YEAR = 0
_KEY = re.compile(r"^(?P<year>\d{4})(?:-H(?P<half>[12]))?$")

#: Years a report may be about.
MIN_YEAR = 2000
MAX_YEAR = 2100


@dataclass(frozen=True, order=True)
class Period:
    """A reporting period; sorts chronologically (a year sorts before its halves)."""

    year: int
    half: int = WHOLE_YEAR

    @property
    def key(self) -> str:
        """A stable text key: ``"2025"`` or ``"2025-H1"`` (URLs, CSV, API)."""
        return str(self.year) if self.half == WHOLE_YEAR else f"{self.year}-H{self.half}"

    @property
    def label(self) -> str:
        """A short translated label such as ``"2025"`` or ``"H1 2025"``."""
        if self.half == WHOLE_YEAR:
            return str(self.year)
        return _("H%(half)s %(year)s") % {"half": self.half, "year": self.year}

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, 7 if self.half == 2 else 1, 1)

    @property
    def end(self) -> datetime.date:
        if self.half == 1:
            return datetime.date(self.year, 6, 30)
        return datetime.date(self.year, 12, 31)

    @classmethod
    def parse(cls, key: str) -> Period | None:
        """The period of ``key`` (``"2025"``, ``"2025-H2"``), or ``None`` if it is not one."""
        match = _KEY.match(str(key or "").strip())
        if match is None:
            return None
        year = int(match["year"])
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        return cls(year, int(match["half"] or WHOLE_YEAR))

    @classmethod
    def containing(cls, day: datetime.date, granularity: str | None = None) -> Period:
        """The period of the configured length (``IMPACT_PERIOD``) that contains ``day``."""
        granularity = granularity or cm_settings.IMPACT_PERIOD
        if granularity == "half-year":
            return cls(day.year, 1 if day.month <= 6 else 2)
        return cls(day.year)

    def previous(self) -> Period:
        if self.half == WHOLE_YEAR:
            return Period(self.year - 1)
        if self.half == 2:
            return Period(self.year, 1)
        return Period(self.year - 1, 2)

    def __str__(self) -> str:
        return self.label


def due_period(today: datetime.date | None = None) -> Period:
    """The period members report on now: the last complete one.

    With yearly periods, during 2026 members report on 2025.
    """
    today = today or datetime.date.today()
    return Period.containing(today).previous()


def open_periods(today: datetime.date | None = None, count: int = 3) -> list[Period]:
    """The due period and the ones before it, newest first: what a report may be about."""
    periods = [due_period(today)]
    while len(periods) < count:
        periods.append(periods[-1].previous())
    return periods
