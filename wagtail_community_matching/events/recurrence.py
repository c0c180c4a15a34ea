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
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

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


def first_rule_date(rule: str, start: datetime, exceptions: list[date] = ()) -> datetime | None:
    """The first date of ``rule`` on or after ``start`` (naive local times), if any.

    RFC 5545 counts ``DTSTART`` as the first occurrence whether or not it matches the
    rule, and ``dateutil`` leaves it out when it does not: an event whose start is not
    one of its rule's dates reads differently in calendar programs and on the site.
    """
    rule = normalise_rule(rule)
    if not rule:
        return start
    for occurrence in _ruleset(rule, start, list(exceptions)):
        return occurrence
    return None


def starts_on_rule(rule: str, start: datetime) -> bool:
    """Whether the wall time ``start`` is itself a date of ``rule`` (always, without a rule)."""
    return not normalise_rule(rule) or first_rule_date(rule, start) == start


# --- Rules in words -------------------------------------------------------------

#: RFC 5545 weekday codes, Monday first.
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

_BYDAY = re.compile(r"^([+-]?\d{0,2})(MO|TU|WE|TH|FR|SA|SU)$")


def _weekday_names() -> dict[str, str]:
    # Lower-case in languages that write them so within a sentence ("ogni martedì").
    return {
        "MO": pgettext("weekday in a sentence", "Monday"),
        "TU": pgettext("weekday in a sentence", "Tuesday"),
        "WE": pgettext("weekday in a sentence", "Wednesday"),
        "TH": pgettext("weekday in a sentence", "Thursday"),
        "FR": pgettext("weekday in a sentence", "Friday"),
        "SA": pgettext("weekday in a sentence", "Saturday"),
        "SU": pgettext("weekday in a sentence", "Sunday"),
    }


def _ordinal(number: int, weekday: str) -> str:
    """ "second", "last"... before a weekday (Sunday has its own context: a feminine noun
    in Italian, "seconda domenica")."""
    if weekday == "SU":
        names = {
            1: pgettext("ordinal before Sunday", "first"),
            2: pgettext("ordinal before Sunday", "second"),
            3: pgettext("ordinal before Sunday", "third"),
            4: pgettext("ordinal before Sunday", "fourth"),
            5: pgettext("ordinal before Sunday", "fifth"),
            -1: pgettext("ordinal before Sunday", "last"),
        }
    else:
        names = {
            1: pgettext("ordinal before a weekday", "first"),
            2: pgettext("ordinal before a weekday", "second"),
            3: pgettext("ordinal before a weekday", "third"),
            4: pgettext("ordinal before a weekday", "fourth"),
            5: pgettext("ordinal before a weekday", "fifth"),
            -1: pgettext("ordinal before a weekday", "last"),
        }
    return names.get(number, str(number))


def rule_parts(rule: str) -> dict[str, str]:
    """The ``NAME=value`` parts of a normalised rule, such as ``{"FREQ": "WEEKLY"}``."""
    parts = {}
    for item in normalise_rule(rule).split(";"):
        name, _sep, value = item.partition("=")
        if name:
            parts[name] = value
    return parts


def _join(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def _frequency_text(parts: dict[str, str]) -> str:
    frequency = parts.get("FREQ", "")
    interval = int(parts.get("INTERVAL") or 1)
    names = _weekday_names()
    days = [_BYDAY.match(item) for item in parts.get("BYDAY", "").split(",") if item]
    days = [match for match in days if match]
    if frequency == "DAILY":
        return ngettext("every day", "every %(count)s days", interval) % {"count": interval}
    if frequency == "WEEKLY":
        if not days:
            return ngettext("every week", "every %(count)s weeks", interval) % {"count": interval}
        weekdays = _join([names[match.group(2)] for match in days])
        return ngettext("every %(weekdays)s", "every %(count)s weeks on %(weekdays)s", interval) % {
            "count": interval,
            "weekdays": weekdays,
        }
    if frequency == "MONTHLY":
        ordinals = [match for match in days if match.group(1)]
        if ordinals:
            weekdays = _join(
                [
                    _("%(ordinal)s %(weekday)s")
                    % {
                        "ordinal": _ordinal(int(match.group(1)), match.group(2)),
                        "weekday": names[match.group(2)],
                    }
                    for match in ordinals
                ]
            )
            return ngettext(
                "every %(weekdays)s of the month",
                "every %(weekdays)s of the month, every %(count)s months",
                interval,
            ) % {"count": interval, "weekdays": weekdays}
        if parts.get("BYMONTHDAY"):
            return ngettext(
                "on day %(days)s of every month",
                "on day %(days)s, every %(count)s months",
                interval,
            ) % {"count": interval, "days": _join(parts["BYMONTHDAY"].split(","))}
        return ngettext("every month", "every %(count)s months", interval) % {"count": interval}
    if frequency == "YEARLY":
        return ngettext("every year", "every %(count)s years", interval) % {"count": interval}
    return ""


def describe_rule(rule: str) -> str:
    """``rule`` in words in the active language, such as "every second Tuesday of the month
    until 30 June 2027"; "" without a rule or for a rule it cannot read."""
    rule = normalise_rule(rule)
    if not rule:
        return ""
    try:
        validate_rule(rule)
    except ValidationError:
        return ""
    parts = rule_parts(rule)
    text = _frequency_text(parts)
    if not text:
        return ""
    if parts.get("UNTIL"):
        until = datetime.strptime(parts["UNTIL"][:8], "%Y%m%d").date()
        text = _("%(rule)s until %(date)s") % {
            "rule": text,
            "date": date_format(until, "DATE_FORMAT"),
        }
    elif parts.get("COUNT", "").isdigit():
        count = int(parts["COUNT"])
        text = ngettext("%(rule)s, once", "%(rule)s, %(count)s times", count) % {
            "rule": text,
            "count": count,
        }
    return text
