"""iCalendar (RFC 5545) feeds of events, built with the ``icalendar`` library.

- :func:`event_calendar`: one event page;
- :func:`occurrences_calendar`: a subscribable feed of the events of some occurrences.

Both write an event the same way (:func:`event_components`): one VEVENT with its
``RRULE`` and ``EXDATE`` when it repeats, plus one VEVENT per date cancelled or moved by
the editor, with the same ``UID`` and the date in the rule as ``RECURRENCE-ID``
(``STATUS:CANCELLED``, or the new ``DTSTART``/``DTEND``). So an event has one UID in
every feed, and a calendar subscribed to both feeds shows it once.

Every timed VEVENT carries ``TZID`` and the calendar a ``VTIMEZONE`` for each zone
used; all-day events are ``VALUE=DATE``. ``UID`` is stable (the page's
translation key and language), ``SEQUENCE`` is the page's ``ical_sequence``,
bumped when its schedule changes, and ``DTSTAMP`` is the last publication time.
The library escapes text values and folds long lines.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from wagtail_community_matching.events import recurrence
from wagtail_community_matching.events.choices import EventStatus

PRODID = "-//wagtail-community-matching//Events//EN"

#: RFC 5545 ``STATUS`` of a VEVENT for each event status.
ICAL_STATUS = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.RESCHEDULED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


def new_calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def event_uid(page, hostname: str, language: str = "") -> str:
    """A UID that survives edits: the translation key, language and host; the same for
    every date of the event and in every feed."""
    language = language or page.locale.language_code
    return f"event-{page.translation_key}-{language}@{hostname}"


def _location(page, venue) -> str:
    if venue is not None:
        return ", ".join(part for part in (venue.name, venue.one_line_address) if part)
    return page.public_online_url


def _description(page, url: str) -> str:
    parts = [page.summary]
    if page.public_online_url:
        parts.append(page.public_online_url)
    parts.append(url)
    return "\n\n".join(part for part in parts if part)


def _vevent(page, *, start, end, all_day, status, venue, uid, url) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", (page.last_published_at or timezone.now()).astimezone(UTC))
    event.add("sequence", page.ical_sequence)
    event.add("summary", page.title)
    event.add("description", _description(page, url))
    event.add("url", url)
    zone = page.zone
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    if all_day:
        event.add("dtstart", local_start.date())
        event.add("dtend", local_end.date())  # the exclusive end: midnight after the last day
    else:
        event.add("dtstart", local_start)
        event.add("dtend", local_end)
    location = _location(page, venue)
    if location:
        event.add("location", location)
    if venue is not None and venue.has_coordinates:
        event.add("geo", (float(venue.latitude), float(venue.longitude)))
    event.add("status", ICAL_STATUS.get(status, "CONFIRMED"))
    event.add("categories", [str(page.get_kind_display())])
    return event


#: Stands for "the page's own venue" in :func:`event_components`.
_PAGE_VENUE = object()


def event_components(
    page, request=None, hostname: str = "", language: str = "", venue=_PAGE_VENUE
) -> list[Event]:
    """The VEVENTs of one event page: the event (with its rule) and its changed dates.

    Feeds of many events pass what they have already loaded: the ``hostname``, the
    ``language`` of the page's locale and its ``venue``.
    """
    url = page.get_full_url(request) or ""
    uid = event_uid(page, hostname or _hostname(page, request), language)
    if venue is _PAGE_VENUE:
        venue = page.venue
    end = page.end + timedelta(days=1) if page.all_day else page.end
    event = _vevent(
        page,
        start=page.start,
        end=end,
        all_day=page.all_day,
        status=page.status,
        venue=venue,
        uid=uid,
        url=url,
    )
    components = [event]
    if not page.recurrence_rule:
        return components
    event.add("rrule", _ical_rule(page))
    local_start = page.local_start()
    for day in recurrence.parse_exception_dates(page.recurrence_exceptions):
        skipped = recurrence.localize(datetime.combine(day, local_start.time()), page.timezone)
        event.add("exdate", skipped.date() if page.all_day else skipped)
    if page.date_changes:
        for slot in page.get_slots():
            if slot.cancelled or slot.moved:
                components.append(_changed_date(page, slot, uid=uid, url=url, venue=venue))
    return components


def _changed_date(page, slot, *, uid: str, url: str, venue) -> Event:
    """The VEVENT of one date cancelled or moved: ``RECURRENCE-ID`` is its date in the rule."""
    cancelled = slot.cancelled or page.status == EventStatus.CANCELLED
    event = _vevent(
        page,
        start=slot.start,
        end=slot.end,
        all_day=page.all_day,
        status=EventStatus.CANCELLED if cancelled else page.status,
        venue=venue,
        uid=uid,
        url=url,
    )
    original = slot.original_start.astimezone(page.zone)
    event.add("recurrence-id", original.date() if page.all_day else original)
    return event


def _moments(page) -> list[datetime]:
    return [page.start, page.end]


def _open_ended(page) -> bool:
    return bool(page.recurrence_rule) and not any(
        part in page.recurrence_rule for part in ("COUNT=", "UNTIL=")
    )


def event_calendar(page, request=None) -> bytes:
    """The iCalendar file of one event page (see :func:`event_components`)."""
    calendar = new_calendar(page.title)
    components = event_components(page, request)
    for component in components:
        calendar.add_component(component)
    moments = _moments(page) + [c.decoded("dtstart") for c in components[1:]]
    _add_timezones(calendar, [m for m in moments if isinstance(m, datetime)], _open_ended(page))
    return calendar.to_ical()


def _ical_rule(page) -> vRecur:
    """The page's rule with ``UNTIL`` of the type RFC 5545 wants for its ``DTSTART``.

    A timed event's ``UNTIL`` is written in UTC; an all-day event's as a date.
    """
    rule = vRecur.from_ical(recurrence.normalise_rule(page.recurrence_rule))
    until = rule.get("UNTIL")
    if until:
        value = until[0]
        if not isinstance(value, datetime):
            value = datetime.combine(value, time(23, 59, 59))
        if page.all_day:
            rule["UNTIL"] = [value.date()]
        elif value.tzinfo is None:
            local = recurrence.localize(value, page.timezone)
            rule["UNTIL"] = [local.astimezone(UTC)]
    return rule


def occurrences_calendar(
    name: str, occurrences, request=None, hostname: str = "", language: str = ""
) -> bytes:
    """A feed of the events of ``occurrences`` (each carrying its specific page as
    ``.event``), each written once as in its own feed (:func:`event_components`).

    ``language`` is that of the events' locale (an index's children share it), used in
    their UIDs as in their own feeds.
    """
    calendar = new_calendar(name)
    moments, open_ended, seen = [], False, set()
    for occurrence in occurrences:
        page = occurrence.event
        if page is None or page.pk in seen:
            continue
        seen.add(page.pk)
        components = event_components(page, request, hostname, language, venue=occurrence.venue)
        for component in components:
            calendar.add_component(component)
        moments += _moments(page) + [c.decoded("dtstart") for c in components[1:]]
        open_ended = open_ended or _open_ended(page)
    _add_timezones(calendar, [m for m in moments if isinstance(m, datetime)], open_ended)
    return calendar.to_ical()


def _add_timezones(calendar: Calendar, moments: list[datetime], open_ended: bool) -> None:
    """Add a VTIMEZONE per zone used, covering the years of ``moments`` (and beyond).

    Open-ended repeating events get the library's default span (until 2038).
    """
    if not moments:
        return
    first = date(min(moments).year - 1, 1, 1)
    if open_ended:
        calendar.add_missing_timezones(first_date=first)
    else:
        calendar.add_missing_timezones(
            first_date=first, last_date=date(max(moments).year + 2, 1, 1)
        )


def _hostname(page, request=None) -> str:
    site = page.get_site()
    if site is not None:
        return site.hostname
    return request.get_host().split(":")[0] if request is not None else "localhost"


def ical_response(content: bytes, filename: str, *, attachment: bool = True) -> HttpResponse:
    """An HTTP response serving ``content`` as ``text/calendar``."""
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
