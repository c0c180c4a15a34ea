"""How events read in the APIs: serializer fields of the event pages' ``api_fields``, and
the dictionaries the JSON API shares with them."""

from __future__ import annotations

from rest_framework.fields import Field


def venue_data(venue) -> dict | None:
    if venue is None:
        return None
    return {
        "id": venue.pk,
        "name": venue.name,
        "address": venue.address,
        "postal_code": venue.postal_code,
        "city": venue.city,
        "region": venue.region,
        "country": venue.country,
        "latitude": float(venue.latitude) if venue.latitude is not None else None,
        "longitude": float(venue.longitude) if venue.longitude is not None else None,
    }


def occurrence_data(occurrence) -> dict:
    return {
        "id": occurrence.pk,
        "start": occurrence.start.isoformat(),
        "end": occurrence.end.isoformat(),
        "local_start": occurrence.local_start.isoformat(),
        "local_end": occurrence.local_end.isoformat(),
        "timezone": occurrence.timezone,
        "all_day": occurrence.all_day,
        "status": occurrence.status,
    }


def event_data(occurrence, request=None) -> dict:
    """The event page of ``occurrence``: id, title, URL, summary, registration status."""
    event = getattr(occurrence, "event", None) or occurrence.page
    status_of = getattr(event, "registration_status", None)
    return {
        "id": event.pk,
        "title": event.title,
        "html_url": event.get_full_url(request),
        "summary": getattr(event, "summary", ""),
        "registration_status": status_of(occurrence) if status_of else "",
    }


class VenueField(Field):
    """A venue as a nested object (name, address, city, region, coordinates)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return venue_data(value)


#: The most occurrences an API field lists; the occurrences endpoint pages the others.
MAX_LISTED_OCCURRENCES = 20


class OccurrenceListField(Field):
    """Occurrences with their local times; ``with_event`` adds each one's event page.

    At most ``limit`` (default :data:`MAX_LISTED_OCCURRENCES`), the first ones: an API
    field never lists every row of a model.
    """

    def __init__(self, *, with_event: bool = False, limit: int = MAX_LISTED_OCCURRENCES, **kwargs):
        self.with_event = with_event
        self.limit = limit
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        request = self.context.get("request")
        result = []
        for occurrence in value[: self.limit]:
            data = occurrence_data(occurrence)
            if self.with_event:
                data["event"] = event_data(occurrence, request)
            result.append(data)
        return result


class EventSummaryField(Field):
    """The event page of an occurrence: id, title, URL and registration status.

    The endpoint attaches the specific page as ``occurrence.event`` beforehand
    (one query per page of results); without it the base page is used.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, occurrence):
        return event_data(occurrence, self.context.get("request"))
