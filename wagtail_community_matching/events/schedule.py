"""When an event happens: time zone aware start and end, recurrence, occurrences."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField

from wagtail_community_matching.background import enqueue_on_commit
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.events import recurrence
from wagtail_community_matching.events.choices import RegistrantStatus
from wagtail_community_matching.events.date_changes import (
    Slot,
    apply_changes,
    clean_date_changes,
    date_change_blocks,
)
from wagtail_community_matching.events.display import long_date
from wagtail_community_matching.events.occurrences import Occurrence
from wagtail_community_matching.events.registrations import Registration
from wagtail_community_matching.events.tasks import send_registration_confirmation

#: Registrations told by mail when their date is moved or cancelled.
_TOLD_OF_CHANGES = (
    RegistrantStatus.UNCONFIRMED,
    RegistrantStatus.REGISTERED,
    RegistrantStatus.WAITLISTED,
)

#: Fields whose change makes calendars update their copy (iCalendar ``SEQUENCE``).
SCHEDULE_FIELDS = (
    "title",
    "start",
    "end",
    "timezone",
    "all_day",
    "recurrence_rule",
    "recurrence_exceptions",
    "date_changes",
    "status",
    "attendance_mode",
    "venue_id",
    "online_url",
)


class EventScheduleMixin(models.Model):
    """Start, end, time zone and recurrence of an event page, and its occurrences.

    ``start`` and ``end`` are aware datetimes (UTC in the database); ``timezone``
    is the IANA name the event is shown in. Part of :class:`.events.EventPageMixin`.
    """

    start = models.DateTimeField(
        verbose_name=_("start"), help_text=_("Local time in the event's time zone.")
    )
    end = models.DateTimeField(
        verbose_name=_("end"),
        help_text=_("Local time in the event's time zone. For all-day events, the last day."),
    )
    timezone = models.CharField(
        verbose_name=_("time zone"),
        max_length=64,
        choices=recurrence.timezone_choices,
        default=recurrence.default_timezone,
        validators=[recurrence.validate_timezone],
    )
    all_day = models.BooleanField(verbose_name=_("all day"), default=False)
    recurrence_rule = models.CharField(
        verbose_name=_("repeat rule"),
        max_length=255,
        blank=True,
        validators=[recurrence.validate_rule],
        help_text=_(
            "Leave blank for a one-off event. An iCalendar RRULE such as "
            "FREQ=MONTHLY;BYDAY=2TU;COUNT=10 (second Tuesday of the month, 10 times) or "
            "FREQ=WEEKLY;UNTIL=20261231."
        ),
    )
    recurrence_exceptions = models.TextField(
        verbose_name=_("dates skipped"),
        blank=True,
        help_text=_("Dates on which a repeating event does not take place, one YYYY-MM-DD a line."),
    )
    date_changes = StreamField(
        date_change_blocks(),
        verbose_name=_("single dates cancelled or moved"),
        blank=True,
        default=list,
        help_text=_(
            "Cancel one date of a repeating event, or move it to another day or time. People "
            "registered for that date are told by email when the page is published."
        ),
    )
    ical_sequence = models.PositiveIntegerField(
        verbose_name=_("calendar revision"), default=0, editable=False
    )
    schedule_fingerprint = models.CharField(
        verbose_name=_("schedule fingerprint"), max_length=64, blank=True, editable=False
    )

    # --- Time -----------------------------------------------------------------

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def local_start(self) -> datetime:
        return timezone.localtime(self.start, self.zone)

    def local_end(self) -> datetime:
        return timezone.localtime(self.end, self.zone)

    def get_occurrence_times(self, now: datetime | None = None) -> list[tuple[datetime, datetime]]:
        """Aware (start, end) of every occurrence up to the recurrence horizon.

        All-day occurrences end at midnight after their last day (exclusive end).
        """
        now = now or timezone.now()
        start = self.local_start().replace(tzinfo=None)
        end = self.local_end().replace(tzinfo=None)
        if self.all_day:
            end = end.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
        length = end - start
        until = timezone.localtime(
            recurrence.horizon(now, cm_settings.EVENT_RECURRENCE_HORIZON_DAYS), self.zone
        ).replace(tzinfo=None)
        exceptions = recurrence.parse_exception_dates(self.recurrence_exceptions)
        starts = recurrence.expand(start, self.recurrence_rule, exceptions, until)
        return [
            (recurrence.localize(s, self.timezone), recurrence.localize(s + length, self.timezone))
            for s in starts
        ]

    def get_slots(self, now: datetime | None = None) -> list[Slot]:
        """The dates up to the recurrence horizon with ``date_changes`` applied, by start."""
        return apply_changes(self, self.get_occurrence_times(now))

    #: Copies (and new translations) start their own calendar history.
    exclude_fields_in_copy = ["ical_sequence", "schedule_fingerprint"]

    # --- Validation -----------------------------------------------------------

    def _local_midnight(self, value: datetime) -> datetime:
        local = timezone.localtime(value, self.zone).replace(tzinfo=None)
        return recurrence.localize(
            local.replace(hour=0, minute=0, second=0, microsecond=0), self.timezone
        )

    def clean_schedule(self) -> dict[str, list[ValidationError]]:
        """Check and normalise the schedule fields; return errors by field name."""
        errors: dict[str, list] = {}

        def error(field, message):
            errors.setdefault(field, []).append(ValidationError(message))

        if self.start and self.end and self.timezone in recurrence.timezone_names():
            if self.all_day:
                self.start = self._local_midnight(self.start)
                self.end = self._local_midnight(self.end)
                if self.end < self.start:
                    error("end", _("The last day cannot be before the first day."))
            elif self.end <= self.start:
                error("end", _("The end must be after the start."))
        if self.recurrence_rule:
            self.recurrence_rule = recurrence.normalise_rule(self.recurrence_rule)
        try:
            recurrence.parse_exception_dates(self.recurrence_exceptions)
        except ValidationError as exception:
            errors.setdefault("recurrence_exceptions", []).append(exception)
        if not errors:
            self._clean_first_date(error)
            for exception in clean_date_changes(self):
                errors.setdefault("date_changes", []).append(exception)
        return errors

    def _clean_first_date(self, error) -> None:
        """The start must be a date of the rule, as calendar programs count it as one."""
        if not (
            self.start and self.recurrence_rule and self.timezone in recurrence.timezone_names()
        ):
            return
        try:
            recurrence.validate_rule(self.recurrence_rule)
        except ValidationError:
            return  # reported by the field's validator
        start = self.local_start().replace(tzinfo=None)
        if recurrence.starts_on_rule(self.recurrence_rule, start):
            return
        first = recurrence.first_rule_date(self.recurrence_rule, start)
        summary = recurrence.describe_rule(self.recurrence_rule)
        if first is None:
            message = _(
                "The start must be the first date of the repeat rule (%(rule)s), but the rule "
                "gives no date after %(start)s."
            )
        else:
            message = _(
                "The start must be the first date of the repeat rule (%(rule)s): "
                "%(start)s is not one of its dates. The next one is %(first)s."
            )
        error(
            "start",
            message
            % {
                "rule": summary or self.recurrence_rule,
                "start": long_date(start.date()),
                "first": long_date(first.date()) if first else "",
            },
        )

    # --- Publication ----------------------------------------------------------

    def get_schedule_fingerprint(self) -> str:
        """A digest of the fields calendars care about (see ``SCHEDULE_FIELDS``)."""
        values = [str(getattr(self, name)) for name in SCHEDULE_FIELDS]
        return hashlib.sha256(json.dumps(values).encode()).hexdigest()

    def with_content_json(self, content):
        """Keep the calendar revision of the live page when a revision is restored."""
        obj = super().with_content_json(content)
        obj.ical_sequence = self.ical_sequence
        obj.schedule_fingerprint = self.schedule_fingerprint
        return obj

    def sync_occurrences(self, now: datetime | None = None) -> None:
        """Store the occurrences of the published event and bump ``ical_sequence``.

        Called from the ``page_published`` signal. People registered for a date that
        was moved or cancelled are told by mail, once the transaction commits.
        """
        fingerprint = self.get_schedule_fingerprint()
        if fingerprint != self.schedule_fingerprint:
            if self.schedule_fingerprint:
                self.ical_sequence += 1
            self.schedule_fingerprint = fingerprint
            type(self).objects.filter(pk=self.pk).update(
                ical_sequence=self.ical_sequence, schedule_fingerprint=fingerprint
            )
        changed = Occurrence.objects.sync(self, now=now)
        if changed:
            self.tell_registrants(changed, now)

    def tell_registrants(self, changed: dict[int, str], now: datetime | None = None) -> None:
        """Queue a mail to each person registered for an upcoming date of ``changed``.

        ``changed`` maps occurrence ids to ``moved`` or ``cancelled``.
        """
        registrations = Registration.objects.filter(
            occurrence_id__in=changed,
            status__in=_TOLD_OF_CHANGES,
            occurrence__end__gt=now or timezone.now(),
        ).values_list("pk", "occurrence_id")
        for registration_id, occurrence_id in registrations:
            enqueue_on_commit(
                send_registration_confirmation, registration_id, f"date_{changed[occurrence_id]}"
            )

    def next_occurrence(self):
        """The first occurrence not yet over, else the last one; ``None`` before publishing."""
        occurrences = self.event_occurrences.all()
        return occurrences.upcoming().first() or occurrences.order_by("-start").first()

    def unsaved_occurrences(self) -> list:
        """Occurrences computed from the fields, not stored (for previews)."""
        return [Occurrence.for_slot(self, slot) for slot in self.get_slots()]

    @property
    def upcoming_occurrences(self):
        return self.event_occurrences.upcoming().select_related("venue")

    class Meta:
        abstract = True
