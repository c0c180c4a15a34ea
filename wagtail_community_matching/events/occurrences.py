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
    def sync(self, page, now: datetime | None = None) -> None:
        """Make the stored occurrences of ``page`` match its schedule.

        Occurrences whose start did not change are kept; moved ones are updated in
        place, so their registrations follow them; removed ones are deleted, or
        marked cancelled when people registered for them.
        """
        times = page.get_occurrence_times(now)
        ends = dict(times)
        values = {name: getattr(page, name) for name in DENORMALISED_FIELDS}
        existing = list(self.filter(page=page).order_by("start"))
        by_start = {occurrence.start: occurrence for occurrence in existing}
        kept = [by_start[start] for start, _end in times if start in by_start]
        for occurrence in kept:
            occurrence.end = ends[occurrence.start]
        new_times = [(start, end) for start, end in times if start not in by_start]
        old = [occurrence for occurrence in existing if occurrence.start not in ends]
        moved = list(zip(old, new_times, strict=False))
        for occurrence, (start, end) in moved:
            occurrence.start, occurrence.end = start, end
            kept.append(occurrence)
        new_times = new_times[len(moved) :]
        leftovers = old[len(moved) :]
        for occurrence in kept:
            for name, value in values.items():
                setattr(occurrence, name, value)
        if kept:
            self.bulk_update(kept, ["start", "end", *DENORMALISED_FIELDS])
        self.bulk_create(
            [self.model(page_id=page.pk, start=s, end=e, **values) for s, e in new_times]
        )
        if leftovers:
            ids = [o.pk for o in leftovers]
            self.filter(pk__in=ids, registrations__isnull=True).delete()
            self.filter(pk__in=ids).update(status=EventStatus.CANCELLED)

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
