"""Changes to single dates of a repeating event: a date cancelled, or moved to another time.

Editors list them in the event's ``date_changes`` field (a StreamField, so they are
part of every revision and survive republishing). Each change names a date of the
rule by its day; :func:`apply_changes` turns the rule's times into :class:`Slot`
objects that carry the date in the rule (iCalendar's ``RECURRENCE-ID``), the time
it really happens and whether it is cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from wagtail_community_matching.events import recurrence
from wagtail_community_matching.events.display import long_date


class CancelledDateBlock(blocks.StructBlock):
    date = blocks.DateBlock(
        label=_("Date"), help_text=_("A date of the repeating event that does not take place.")
    )

    class Meta:
        icon = "cross"
        label = _("Cancel a date")


class MovedDateBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Date"), help_text=_("The date as the repeat rule gives it."))
    new_date = blocks.DateBlock(label=_("New date"))
    new_start = blocks.TimeBlock(
        label=_("New start time"),
        required=False,
        help_text=_("Leave blank to keep the usual times."),
    )
    new_end = blocks.TimeBlock(label=_("New end time"), required=False)

    class Meta:
        icon = "date"
        label = _("Move a date")


def date_change_blocks() -> list[tuple[str, blocks.Block]]:
    return [("cancel", CancelledDateBlock()), ("move", MovedDateBlock())]


@dataclass(frozen=True)
class Slot:
    """One date of an event: ``original_start`` is the rule's time (aware), ``start`` and
    ``end`` the real ones; a cancelled slot keeps its times."""

    original_start: datetime
    start: datetime
    end: datetime
    cancelled: bool = False

    @property
    def moved(self) -> bool:
        return self.start != self.original_start


def _changes_by_day(changes) -> dict[date, tuple[str, dict]]:
    result = {}
    for child in changes or ():
        value = child.value
        if value.get("date") is not None:
            result[value["date"]] = (child.block_type, value)
    return result


def apply_changes(page, times: list[tuple[datetime, datetime]]) -> list[Slot]:
    """The slots of ``page`` for the rule's ``times``, with its ``date_changes`` applied.

    Moved slots are sorted by their new start.
    """
    changes = _changes_by_day(page.date_changes)
    zone = page.zone
    slots = []
    for start, end in times:
        local_start = start.astimezone(zone)
        change = changes.get(local_start.date())
        if change is None:
            slots.append(Slot(start, start, end))
        elif change[0] == "cancel":
            slots.append(Slot(start, start, end, cancelled=True))
        else:
            value = change[1]
            new_start, new_end = _moved_times(page, start, end, value)
            slots.append(Slot(start, new_start, new_end))
    return sorted(slots, key=lambda slot: slot.start)


def _moved_times(page, start: datetime, end: datetime, value: dict):
    zone = page.zone
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    length = local_end.replace(tzinfo=None) - local_start.replace(tzinfo=None)
    if page.all_day:
        begin = datetime.combine(value["new_date"], local_start.time())
        return (
            recurrence.localize(begin, page.timezone),
            recurrence.localize(begin + length, page.timezone),
        )
    begin = datetime.combine(value["new_date"], value.get("new_start") or local_start.time())
    if value.get("new_end"):
        finish = datetime.combine(value["new_date"], value["new_end"])
        if finish <= begin:
            finish += timedelta(days=1)
    else:
        finish = begin + length
    return recurrence.localize(begin, page.timezone), recurrence.localize(finish, page.timezone)


def _rule_dates_on(page, day: date) -> bool:
    """Whether the rule of ``page`` has a date on ``day`` (exception dates excluded)."""
    local_start = page.local_start().replace(tzinfo=None)
    if day < local_start.date():
        return False
    exceptions = recurrence.parse_exception_dates(page.recurrence_exceptions)
    starts = recurrence.expand(
        local_start,
        page.recurrence_rule,
        exceptions,
        datetime.combine(day, local_start.time()),
    )
    return any(start.date() == day for start in starts)


def clean_date_changes(page) -> list[ValidationError]:
    """Errors of ``page.date_changes``: every change names one date of the rule, once."""
    changes = list(page.date_changes or ())
    if not changes:
        return []
    if not page.recurrence_rule:
        return [
            ValidationError(
                _(
                    "Only a repeating event has single dates to cancel or move. To cancel "
                    "or move this event, change its status or its start."
                ),
                code="no_recurrence",
            )
        ]
    errors, seen = [], set()
    try:
        recurrence.parse_exception_dates(page.recurrence_exceptions)
    except ValidationError:
        return []  # reported on its own field
    for child in changes:
        day = child.value.get("date")
        if day is None:
            continue
        shown = long_date(day)
        if day in seen:
            errors.append(
                ValidationError(
                    _("%(date)s is changed twice: keep one change per date."),
                    code="duplicate_change",
                    params={"date": shown},
                )
            )
        seen.add(day)
        if not _rule_dates_on(page, day):
            errors.append(
                ValidationError(
                    _(
                        "%(date)s is not a date of this event: choose one that its repeat "
                        "rule gives."
                    ),
                    code="not_a_rule_date",
                    params={"date": shown},
                )
            )
    if not errors:
        errors += _clean_collisions(page)
    return errors


def _clean_collisions(page) -> list[ValidationError]:
    """A date moved onto the start of another date of the event is refused."""
    starts: dict[datetime, Slot] = {}
    errors = []
    for slot in apply_changes(page, page.get_occurrence_times()):
        other = starts.get(slot.start)
        if other is not None:
            moved = slot if slot.moved else other
            errors.append(
                ValidationError(
                    _("%(date)s is moved onto another date of this event: choose another time."),
                    code="moved_onto_a_date",
                    params={"date": long_date(moved.original_start.astimezone(page.zone).date())},
                )
            )
        starts[slot.start] = slot
    return errors
