"""``/events/``: dates of the public events, one event with its registration, sign-ups.

Listings are querysets over the occurrence table (each date of a recurring event
is a row), filtered like the events index page.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from wagtail_community_matching.api import filters
from wagtail_community_matching.api.errors import DATE_PATTERN, ApiError, ErrorOut
from wagtail_community_matching.api.filters import locale_enum
from wagtail_community_matching.api.pages import live_page
from wagtail_community_matching.base import absolute_url
from wagtail_community_matching.events.booking import bookable_occurrences
from wagtail_community_matching.events.choices import AttendanceMode, EventKind, RegistrationMode
from wagtail_community_matching.events.occurrences import attach_events
from wagtail_community_matching.events.pages import EventPageMixin
from wagtail_community_matching.events.serializers import venue_data
from wagtail_community_matching.text.rich_text import expand_many

router = Router(tags=["events"])

MAX_LIMIT = 100


class VenueOut(Schema):
    id: int
    name: str
    address: str
    postal_code: str
    city: str
    region: str
    country: str
    latitude: float | None
    longitude: float | None


class OccurrenceOut(Schema):
    id: int
    event_id: int
    title: str
    summary: str
    html_url: str | None
    ical_url: str | None
    #: UTC.
    start: datetime
    end: datetime
    #: In the event's time zone, with its offset.
    local_start: datetime
    local_end: datetime
    timezone: str
    all_day: bool
    kind: str
    attendance_mode: str
    status: str
    venue: VenueOut | None
    #: ``open``, ``full``, ``closed``, ``not_yet_open``, or "" without registration.
    registration_status: str


class OccurrenceListOut(Schema):
    count: int
    limit: int
    offset: int
    items: list[OccurrenceOut]


class DateOut(Schema):
    id: int
    start: datetime
    end: datetime
    local_start: datetime
    local_end: datetime
    all_day: bool
    status: str
    registration_status: str


class EventRegistrationOut(Schema):
    #: ``none``, ``external`` or ``built_in``.
    mode: str
    #: Status of the next date.
    status: str
    #: The external link, or the page of the built-in form.
    url: str
    opens: datetime | None
    closes: datetime | None
    capacity: int | None
    waiting_list: bool
    consent_text: str


class EventOut(Schema):
    id: int
    locale: str
    title: str
    html_url: str | None
    ical_url: str | None
    kind: str
    summary: str
    body_html: str
    timezone: str
    all_day: bool
    recurrence_rule: str
    attendance_mode: str
    status: str
    venue: VenueOut | None
    #: Only when the editor made it public; otherwise registrants receive it by mail.
    online_url: str
    organiser: str
    audience: str
    registration: EventRegistrationOut
    #: Upcoming dates, soonest first (at most 50).
    dates: list[DateOut]


def _one_of(choices, description: str):
    """An optional text parameter whose allowed values the OpenAPI document lists ("": any)."""
    return Field(None, description=description, json_schema_extra={"enum": ["", *choices.values]})


class OccurrenceFilters(Schema):
    from_: str | None = Field(
        None,
        alias="from",
        pattern=DATE_PATTERN,
        description="First day (YYYY-MM-DD), in the site's zone.",
    )
    to: str | None = Field(None, pattern=DATE_PATTERN, description="Last day (YYYY-MM-DD).")
    kind: str | None = _one_of(EventKind, "Kind of event.")
    city: str | None = Field(None, description="City of the venue (any case).")
    mode: str | None = _one_of(AttendanceMode, "Attendance mode.")
    locale: str | None = Field(None, json_schema_extra=locale_enum)
    past: bool = Field(False, description="Finished dates, latest first.")
    limit: int = Field(20, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=1_000_000)


def _urls(request, event) -> tuple[str | None, str | None]:
    url = event.get_full_url(request) if event is not None else None
    return url, (url + event.reverse_subpage("ical") if url else None)


def occurrence_data(request, occurrence) -> dict:
    event = occurrence.event
    html_url, ical_url = _urls(request, event)
    return {
        "id": occurrence.pk,
        "event_id": occurrence.page_id,
        "title": event.title,
        "summary": getattr(event, "summary", ""),
        "html_url": html_url,
        "ical_url": ical_url,
        "start": occurrence.start,
        "end": occurrence.end,
        "local_start": occurrence.local_start,
        "local_end": occurrence.local_end,
        "timezone": occurrence.timezone,
        "all_day": occurrence.all_day,
        "kind": occurrence.kind,
        "attendance_mode": occurrence.attendance_mode,
        "status": occurrence.status,
        "venue": venue_data(occurrence.venue),
        "registration_status": event.registration_status(occurrence, occurrence.registered),
    }


@router.get(
    "/events/",
    response={200: OccurrenceListOut, 422: ErrorOut},
    summary="List event dates",
    operation_id="list_event_dates",
)
def list_event_dates(request, filters_: Query[OccurrenceFilters]):
    """Dates of live, public events: upcoming soonest first, or ``past=true`` latest first."""
    params = {
        "from": filters_.from_ or "",
        "to": filters_.to or "",
        "kind": filters_.kind or "",
        "mode": filters_.mode or "",
        "city": filters_.city or "",
        "locale": filters_.locale or "",
        "past": "true" if filters_.past else "",
    }
    queryset = filters.occurrences(params)
    count = queryset.count()
    window = slice(filters_.offset, filters_.offset + filters_.limit)
    items = attach_events(list(queryset[window]))
    return {
        "count": count,
        "limit": filters_.limit,
        "offset": filters_.offset,
        "items": [occurrence_data(request, o) for o in items if o.event is not None],
    }


def get_event_page(page_id: int):
    """The live, public event page ``page_id`` (specific), or a 404 error."""
    page = live_page(page_id)
    if not isinstance(page, EventPageMixin):
        raise ApiError.not_found(_("There is no published event %(id)s.") % {"id": page_id})
    return page


def _registration(request, event, dates) -> dict:
    status = dates[0][1] if dates else event.registration_status()
    return {
        "mode": event.registration_mode,
        "status": status,
        "url": event.public_registration_url
        and absolute_url(request, event.public_registration_url),
        "opens": event.registration_opens,
        "closes": event.registration_closes,
        "capacity": event.capacity,
        "waiting_list": event.waiting_list,
        "consent_text": event.registration_consent_text
        if event.registration_mode == RegistrationMode.BUILT_IN
        else "",
    }


@router.get(
    "/events/{page_id}/",
    response={200: EventOut, 404: ErrorOut, 422: ErrorOut},
    summary="Get an event",
    operation_id="get_event",
)
def get_event(request, page_id: int):
    """An event page with its upcoming dates and the registration status of each."""
    event = get_event_page(page_id)
    dates = bookable_occurrences(event, timezone.now())
    html_url, ical_url = _urls(request, event)
    organiser = event.organiser_display
    return {
        "id": event.pk,
        "locale": event.locale.language_code,
        "title": event.title,
        "html_url": html_url,
        "ical_url": ical_url,
        "kind": event.kind,
        "summary": event.summary,
        "body_html": expand_many([event.body])[0] if event.body else "",
        "timezone": event.timezone,
        "all_day": event.all_day,
        "recurrence_rule": event.recurrence_rule,
        "attendance_mode": event.attendance_mode,
        "status": event.status,
        "venue": venue_data(event.venue),
        "online_url": event.public_online_url,
        "organiser": str(organiser or ""),
        "audience": event.audience,
        "registration": _registration(request, event, dates),
        "dates": [
            {
                "id": occurrence.pk,
                "start": occurrence.start,
                "end": occurrence.end,
                "local_start": occurrence.local_start,
                "local_end": occurrence.local_end,
                "all_day": occurrence.all_day,
                "status": occurrence.status,
                "registration_status": status,
            }
            for occurrence, status in dates
        ],
    }
