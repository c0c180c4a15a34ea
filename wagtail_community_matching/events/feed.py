"""An events index's calendar feed: validated by one query, built from one, kept in the cache.

Calendar programs poll a subscribed feed every few minutes, and most polls find
nothing new. So the feed is served in three steps:

1. :func:`feed_validators`: one aggregate query over the feed's occurrences (how many,
   which, the latest publication of their pages) and the time events last changed
   (:data:`CHANGES`, recorded on publishing, unpublishing, deleting an event page and
   on saving or deleting a venue) give the ``ETag`` and ``Last-Modified``; a client
   whose copy is current gets ``304 Not Modified`` and nothing more is read;
2. otherwise the body is read from the cache under the ETag;
3. only when no server built that body yet, :func:`feed_occurrences` loads the
   occurrences with their venues and the columns of their event pages that a
   calendar shows, in one query, and :func:`~.ical.occurrences_calendar` writes them.

An event's own calendar file is conditional too (:func:`event_validators`), and
built when asked: it is one event.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.db.models import Count, Max, Sum

from wagtail_community_matching.events.occurrences import Occurrence
from wagtail_community_matching.events.schedule import EventScheduleMixin
from wagtail_community_matching.http.conditional import changed_at, make_etag

#: Name under which :mod:`~wagtail_community_matching.http.conditional` records event changes.
CHANGES = "events"

#: Page columns a calendar entry shows (:func:`~.ical.event_components`).
PAGE_FIELDS = ("title", "url_path", "translation_key", "last_published_at")
#: Event page columns a calendar entry shows.
EVENT_FIELDS = (
    "summary",
    "start",
    "end",
    "timezone",
    "all_day",
    "recurrence_rule",
    "recurrence_exceptions",
    "date_changes",
    "status",
    "kind",
    "online_url",
    "online_url_public",
    "ical_sequence",
)


def event_page_models(index) -> list[type]:
    """The page models of ``index``'s children that are events (they have a schedule)."""
    return [
        model
        for model in type(index).allowed_subpage_models()
        if issubclass(model, EventScheduleMixin)
    ]


def _path_from_page(model) -> list[str]:
    """The reverse one-to-one names from the page model down to ``model``'s own table."""
    page_model = Occurrence._meta.get_field("page").related_model
    names = []
    while model is not page_model:
        parent, link = next(
            (parent, link)
            for parent, link in model._meta.parents.items()
            if issubclass(parent, page_model)
        )
        names.append(link.related_query_name())
        model = parent
    return names[::-1]


def feed_validators(occurrences, *parts) -> tuple[str, datetime]:
    """The ``ETag`` and ``Last-Modified`` of a feed of ``occurrences`` (one query).

    ``parts`` are the other values the feed's text depends on (its name, filter,
    language, address). The ETag changes when a date is added, moved, cancelled or
    ends, when an event page is published or unpublished and when a venue changes.
    """
    row = occurrences.order_by().aggregate(
        count=Count("pk"),
        rows=Sum("pk"),
        pages=Sum("page_id"),
        published=Max("page__last_published_at"),
    )
    changed = changed_at(CHANGES)
    last_modified = max(filter(None, [row["published"], changed]))
    etag = make_etag(
        row["count"],
        row["rows"],
        row["pages"],
        row["published"],
        changed.timestamp(),
        *parts,
    )
    return etag, last_modified.astimezone(UTC)


def event_validators(page, *parts) -> tuple[str, datetime]:
    """The ``ETag`` and ``Last-Modified`` of one event's own calendar file (no query):
    its publication, its calendar revision and the time events or venues last changed."""
    changed = changed_at(CHANGES)
    last_modified = max(filter(None, [page.last_published_at, changed]))
    etag = make_etag(
        page.pk, page.last_published_at, page.ical_sequence, changed.timestamp(), *parts
    )
    return etag, last_modified.astimezone(UTC)


def feed_occurrences(occurrences, models, limit: int) -> list[Occurrence]:
    """The first ``limit`` of ``occurrences``, each with its event page as ``.event``.

    One query: the venue and, for each of ``models`` (:func:`event_page_models`),
    only the columns a calendar shows (:data:`PAGE_FIELDS`, :data:`EVENT_FIELDS`).
    A page of another model (moved there by hand) is read on its own.
    """
    paths = [["page", *_path_from_page(model)] for model in models]
    fields = [f"page__{name}" for name in PAGE_FIELDS]
    for path in paths:
        fields += ["__".join([*path, name]) for name in EVENT_FIELDS]
    rows = list(
        occurrences.select_related("venue", "page", *("__".join(path) for path in paths)).only(
            "page_id", "start", "end", "venue", *fields
        )[:limit]
    )
    for occurrence in rows:
        occurrence.event = next(
            (event for path in paths if (event := _follow(occurrence, path)) is not None),
            None,
        )
        if occurrence.event is None:
            occurrence.event = occurrence.page.specific
    return rows


def _follow(occurrence, path: list[str]):
    value = occurrence
    for name in path:
        value = getattr(value, name, None)
        if value is None:
            return None
    return value


__all__ = [
    "CHANGES",
    "event_page_models",
    "event_validators",
    "feed_occurrences",
    "feed_validators",
]
