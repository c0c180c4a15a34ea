"""Time zones and recurrence rules of events, on top of ``zoneinfo`` and ``dateutil``.

Events keep their start and end as aware datetimes (UTC in the database) plus the
IANA name of their time zone. A recurrence is an RFC 5545 ``RRULE`` (without the
``RRULE:`` prefix, such as ``FREQ=MONTHLY;BYDAY=2TU``) with exception dates; it is
expanded in the event's *local wall time*, so a meeting at 18:00 stays at 18:00
across daylight-saving changes.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from dateutil.rrule import rrulestr
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: Frequencies an event may repeat with; finer ones would flood the occurrence table.
ALLOWED_FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")

#: Upper bound on the occurrences stored for one event, whatever its rule and horizon.
MAX_OCCURRENCES = 1000

_FREQ = re.compile(r"(?:^|;)FREQ=([A-Z]+)")
_UNTIL_DATE = re.compile(r"(^|;)UNTIL=(\d{8})(?=;|$)")


@lru_cache(maxsize=1)
def timezone_names() -> frozenset[str]:
    """IANA time zone names known to ``zoneinfo`` (from the system or ``tzdata``)."""
    return frozenset(available_timezones())


def timezone_choices() -> list[tuple[str, str]]:
    """Choices for an event's time zone: regional IANA names and UTC, sorted."""
    names = sorted(
        n for n in timezone_names() if "/" in n and not n.startswith(("Etc/", "SystemV"))
    )
    return [("UTC", "UTC"), *((name, name.replace("_", " ")) for name in names)]


def default_timezone() -> str:
    """The site's ``TIME_ZONE`` when it is an IANA name, else ``UTC``."""
    name = getattr(settings, "TIME_ZONE", None) or "UTC"
    return name if name in timezone_names() else "UTC"


def validate_timezone(value: str) -> None:
    if value not in timezone_names():
        raise ValidationError(
            _("%(value)s is not a known time zone. Use an IANA name such as Europe/Rome."),
            code="invalid_timezone",
            params={"value": value},
        )


def localize(naive: datetime, zone_name: str) -> datetime:
    """Attach ``zone_name`` to a wall-clock time.

    A time that does not exist (skipped when clocks go forward) is moved forward
    by the gap, as RFC 5545 prescribes; an ambiguous one takes the first instant.
    """
    zone = ZoneInfo(zone_name)
    aware = naive.replace(tzinfo=zone, fold=0)
    return aware.astimezone(ZoneInfo("UTC")).astimezone(zone)


def exists_in_zone(naive: datetime, zone_name: str) -> bool:
    """Whether the wall-clock time ``naive`` happens in ``zone_name`` (not in a DST gap)."""
    return localize(naive, zone_name).replace(tzinfo=None) == naive.replace(fold=0)


def normalise_rule(rule: str) -> str:
    """``rule`` upper-cased, stripped, without an ``RRULE:`` prefix.

    An ``UNTIL`` written as a date includes that whole day: ``UNTIL=20261231``
    becomes ``UNTIL=20261231T235959`` (local time).
    """
    rule = (rule or "").strip().upper()
    if rule.startswith("RRULE:"):
        rule = rule[len("RRULE:") :]
    return _UNTIL_DATE.sub(r"\1UNTIL=\2T235959", rule)


def parse_exception_dates(text: str) -> list[date]:
    """The dates of ``text``, one ISO date (``YYYY-MM-DD``) per line; blank lines ignored."""
    dates = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            dates.append(date.fromisoformat(line))
        except ValueError as error:
            raise ValidationError(
                _("Line %(number)s: %(value)s is not a date written as YYYY-MM-DD."),
                code="invalid_exception_date",
                params={"number": number, "value": line},
            ) from error
    return dates


def _ruleset(rule: str, dtstart: datetime, exceptions: list[date]):
    lines = [f"DTSTART:{dtstart:%Y%m%dT%H%M%S}", f"RRULE:{rule}"]
    if exceptions:
        stamps = ",".join(f"{day:%Y%m%d}T{dtstart:%H%M%S}" for day in sorted(set(exceptions)))
        lines.append(f"EXDATE:{stamps}")
    return rrulestr("\n".join(lines), forceset=True)


def validate_rule(rule: str) -> None:
    """Raise ``ValidationError`` unless ``rule`` is an RRULE this package can expand."""
    rule = normalise_rule(rule)
    if not rule:
        return
    if "DTSTART" in rule or "\n" in rule:
        raise ValidationError(
            _(
                "Write only the rule, such as FREQ=MONTHLY;BYDAY=2TU: the start comes from "
                "the event."
            ),
            code="invalid_rule",
        )
    frequency = _FREQ.search(rule)
    if frequency is None or frequency.group(1) not in ALLOWED_FREQUENCIES:
        raise ValidationError(
            _("The rule needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY, such as FREQ=WEEKLY;COUNT=4."),
            code="invalid_rule_frequency",
        )
    try:
        _ruleset(rule, datetime(2000, 1, 1), [])
    except (ValueError, TypeError) as error:
        raise ValidationError(
            _(
                "This is not a valid recurrence rule (%(error)s). Write an end date as "
                "UNTIL=20261231, without a time zone."
            ),
            code="invalid_rule",
            params={"error": error},
        ) from error


def expand(
    start: datetime,
    rule: str,
    exceptions: list[date],
    until: datetime,
    limit: int = MAX_OCCURRENCES,
) -> list[datetime]:
    """Wall-clock start times of a recurring event, first one included, up to ``until``.

    ``start`` and ``until`` are naive local times in the event's zone. Without a
    rule the result is ``[start]``. At most ``limit`` times are returned.
    """
    rule = normalise_rule(rule)
    if not rule:
        return [start]
    result = []
    for occurrence in _ruleset(rule, start, exceptions):
        if occurrence > until or len(result) >= limit:
            break
        result.append(occurrence)
    return result


def horizon(now: datetime, days: int) -> datetime:
    """``now`` plus ``days`` days."""
    return now + timedelta(days=days)
