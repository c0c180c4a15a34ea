"""The occurrence table: every date of every published event, for listings and feeds."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import swapper
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField

from wagtail_community_matching.events.choices import (
    AttendanceMode,
    EventKind,
    EventStatus,
    RegistrantStatus,
)
from wagtail_community_matching.events.serializers import EventSummaryField, VenueField

#: Fields copied from the event page onto each of its occurrences.
DENORMALISED_FIELDS = ("timezone", "all_day", "kind", "attendance_mode", "status", "venue_id")


def holding_a_place(prefix: str = "", now: datetime | None = None) -> Q:
    """Registrations that take a place: confirmed, or unconfirmed and still held at ``now``.

    ``prefix`` is the path from the queried model to the registration
    (``"registrations__"`` from an occurrence). A hold that has run out frees its place
    at once, before :func:`~wagtail_community_matching.events.confirmation.release_expired`
    marks it expired.
    """
    now = now or timezone.now()
    return Q(**{f"{prefix}status": RegistrantStatus.REGISTERED}) | Q(
        **{f"{prefix}status": RegistrantStatus.UNCONFIRMED, f"{prefix}held_until__gt": now}
    )


def slot_status(page_status: str, slot) -> str:
    """The status of one date: cancelled when its slot is, else the page's."""
    return EventStatus.CANCELLED if slot.cancelled else page_status


class OccurrenceQuerySet(models.QuerySet):
    def public(self):
        """Occurrences of live pages that are not behind a privacy restriction."""
        page_model = self.model._meta.get_field("page").related_model
        return self.filter(page__in=page_model.objects.live().public().values("pk"))

    def children_of(self, page):
        """Occurrences of the direct children of ``page`` (an events index)."""
        return self.filter(page__path__startswith=page.path, page__depth=page.depth + 1)

    def descendants_of(self, page):
        return self.filter(page__path__startswith=page.path, page__depth__gt=page.depth)

    def upcoming(self, now: datetime | None = None):
        """Occurrences not over yet, soonest first (ongoing ones included)."""
        return self.filter(end__gt=now or timezone.now()).order_by("start", "pk")

    def past(self, now: datetime | None = None):
        """Occurrences already over, most recent first."""
        return self.filter(end__lte=now or timezone.now()).order_by("-start", "-pk")

    def between(self, date_from: date | None = None, date_to: date | None = None, zone=None):
        """Occurrences starting on or after ``date_from`` and on or before ``date_to``.

        Days are read in ``zone`` (the current time zone by default).
        """
        zone = zone or timezone.get_current_timezone()
        queryset = self
        if date_from:
            queryset = queryset.filter(start__gte=datetime.combine(date_from, time.min, zone))
        if date_to:
            next_day = datetime.combine(date_to + timedelta(days=1), time.min, zone)
            queryset = queryset.filter(start__lt=next_day)
        return queryset

    def with_registered_count(self, now: datetime | None = None):
        """Annotate ``registered`` (the places taken, :func:`holding_a_place`) in the same query."""
        return self.annotate(
            registered=Count("registrations", filter=holding_a_place("registrations__", now))
        )


class OccurrenceManager(models.Manager.from_queryset(OccurrenceQuerySet)):
    def sync(self, page, now: datetime | None = None) -> dict[int, str]:
        """Make the stored occurrences of ``page`` match its schedule (``page.get_slots()``).

        Occurrences are matched by their date in the rule (``original_start``): a date
        moved by the editor keeps its row, so its registrations follow it. Rows whose
        date left the schedule take the new dates when the whole schedule shifted (a new
        start time); the rest are deleted, or marked cancelled when people registered.
        Returns ``{occurrence id: "moved" or "cancelled"}`` for the rows whose start
        changed or that became cancelled.
        """
        slots = page.get_slots(now)
        values = {name: getattr(page, name) for name in DENORMALISED_FIELDS}
        existing = list(self.filter(page=page).order_by("start"))
        by_key = {occurrence.rule_start: occurrence for occurrence in existing}
        keys = {slot.original_start for slot in slots}
        pairs = [(by_key[s.original_start], s) for s in slots if s.original_start in by_key]
        new_slots = [slot for slot in slots if slot.original_start not in by_key]
        old = [occurrence for occurrence in existing if occurrence.rule_start not in keys]
        shifted = list(zip(old, new_slots, strict=False))
        pairs += shifted
        new_slots = new_slots[len(shifted) :]
        leftovers = old[len(shifted) :]
        changed = {}
        for occurrence, slot in pairs:
            start_before, status_before = occurrence.start, occurrence.status
            occurrence.original_start = slot.original_start
            occurrence.start, occurrence.end = slot.start, slot.end
            for name, value in values.items():
                setattr(occurrence, name, value)
            occurrence.status = slot_status(page.status, slot)
            if occurrence.is_cancelled:
                if status_before != EventStatus.CANCELLED:
                    changed[occurrence.pk] = "cancelled"
            elif occurrence.start != start_before:
                changed[occurrence.pk] = "moved"
        if pairs:
            self.bulk_update(
                [occurrence for occurrence, _slot in pairs],
                ["original_start", "start", "end", *DENORMALISED_FIELDS],
            )
        self.bulk_create(
            [
                self.model(
                    page_id=page.pk,
                    original_start=slot.original_start,
                    start=slot.start,
                    end=slot.end,
                    **{**values, "status": slot_status(page.status, slot)},
                )
                for slot in new_slots
            ]
        )
        if leftovers:
            ids = [o.pk for o in leftovers]
            self.filter(pk__in=ids, registrations__isnull=True).delete()
            kept = self.filter(pk__in=ids).exclude(status=EventStatus.CANCELLED)
            changed.update(dict.fromkeys(kept.values_list("pk", flat=True), "cancelled"))
            self.filter(pk__in=ids).update(status=EventStatus.CANCELLED)
        return changed

    def remove_unpublished(self, page) -> None:
        """Delete the occurrences of ``page`` nobody registered for (on unpublish)."""
        self.filter(page=page, registrations__isnull=True).delete()


class Occurrence(models.Model):
    """One date of an event page, stored when the page is published.

    Kind, attendance mode, status, venue and time zone are copied from the page so
    listings filter and sort on this table alone.
    """

    page = models.ForeignKey(
        swapper.get_model_name("wagtailcore", "Page"),
        verbose_name=_("event page"),
        on_delete=models.CASCADE,
        related_name="event_occurrences",
    )
    start = models.DateTimeField(verbose_name=_("start"))
    end = models.DateTimeField(verbose_name=_("end"))
    #: The start the repeat rule gives (iCalendar's ``RECURRENCE-ID``): ``start`` differs
    #: when the editor moved this date. Empty on rows stored before it existed.
    original_start = models.DateTimeField(
        verbose_name=_("date in the repeat rule"), null=True, blank=True
    )
    timezone = models.CharField(verbose_name=_("time zone"), max_length=64)
    all_day = models.BooleanField(verbose_name=_("all day"), default=False)
    kind = models.CharField(verbose_name=_("kind"), max_length=20, choices=EventKind.choices)
    attendance_mode = models.CharField(
        verbose_name=_("attendance"), max_length=20, choices=AttendanceMode.choices
    )
    status = models.CharField(verbose_name=_("status"), max_length=20, choices=EventStatus.choices)
    venue = models.ForeignKey(
        "wagtail_community_matching.Venue",
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="occurrences",
    )

    objects = OccurrenceManager()

    api_fields = [
        APIField("start"),
        APIField("end"),
        APIField("timezone"),
        APIField("all_day"),
        APIField("kind"),
        APIField("attendance_mode"),
        APIField("status"),
        APIField("venue", serializer=VenueField()),
        APIField("event", serializer=EventSummaryField(source="*")),
    ]

    @classmethod
    def for_event(cls, page, start: datetime, end: datetime) -> Occurrence:
        """An unsaved occurrence of ``page`` (previews, tests)."""
        occurrence = cls(page=page, start=start, end=end)
        for name in DENORMALISED_FIELDS:
            setattr(occurrence, name, getattr(page, name))
        return occurrence

    @classmethod
    def for_slot(cls, page, slot) -> Occurrence:
        """An unsaved occurrence of ``page`` for a :class:`~.date_changes.Slot` (previews)."""
        occurrence = cls.for_event(page, slot.start, slot.end)
        occurrence.original_start = slot.original_start
        occurrence.status = slot_status(page.status, slot)
        return occurrence

    @property
    def rule_start(self) -> datetime:
        """The start the repeat rule gives for this date."""
        return self.original_start or self.start

    @property
    def is_moved(self) -> bool:
        return self.original_start is not None and self.original_start != self.start

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def local_start(self) -> datetime:
        return timezone.localtime(self.start, self.zone)

    @property
    def local_end(self) -> datetime:
        return timezone.localtime(self.end, self.zone)

    @property
    def last_day(self) -> date:
        """The last day of an all-day occurrence (its end is the next midnight)."""
        if self.all_day:
            return (self.local_end - timedelta(days=1)).date()
        return self.local_end.date()

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    def registered_count(self, now: datetime | None = None) -> int:
        """Places taken (the ``registered`` annotation when present): :func:`holding_a_place`."""
        if hasattr(self, "registered"):
            return self.registered
        if self.pk is None:
            return 0
        return self.registrations.filter(holding_a_place("", now)).count()

    def __str__(self) -> str:
        return f"{self.page.title} ({self.local_start:%Y-%m-%d %H:%M} {self.timezone})"

    class Meta:
        ordering = ["start", "pk"]
        indexes = [
            models.Index(fields=["start", "end"], name="cm_occurrence_start_end"),
            models.Index(fields=["end"], name="cm_occurrence_end"),
            models.Index(fields=["kind", "start"], name="cm_occurrence_kind_start"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["page", "start"], name="cm_occurrence_unique_start")
        ]
        verbose_name = _("event occurrence")
        verbose_name_plural = _("event occurrences")


def attach_events(occurrences: list[Occurrence]) -> list[Occurrence]:
    """Set ``.event`` (the specific page) on each occurrence, in two queries whatever the count."""
    if not occurrences:
        return occurrences
    page_model = Occurrence._meta.get_field("page").related_model
    ids = {occurrence.page_id for occurrence in occurrences}
    pages = {page.pk: page for page in page_model.objects.filter(pk__in=ids).specific()}
    for occurrence in occurrences:
        occurrence.event = pages.get(occurrence.page_id)
    return occurrences
