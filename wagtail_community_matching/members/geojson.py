"""The member map's data: a directory's members with coordinates, as GeoJSON.

Every view of a directory with its map on asks for it, and it lists every member the
filters keep (a megabyte at 5,000 members). So it is conditional and cached, like the
calendar feeds (:mod:`~wagtail_community_matching.http.conditional`):

- its ``ETag`` and ``Last-Modified`` come from one aggregate query over the
  directory's members (how many, which, the latest publication) and the time members
  last changed (:data:`CHANGES`, recorded whenever a member is saved, which
  publishing and unpublishing do, or deleted); a current copy gets ``304``;
- the body is kept in the cache under the ETag, so it is built once per change, per
  language and per combination of filters, whichever server is asked (not for a
  search: search texts are endless, so their maps are only validated);
- each feature carries only what the map shows: the point, the member's name, city
  and page address; the JSON is written without spaces.
"""

from __future__ import annotations

import json
from datetime import UTC

from django.db import transaction
from django.db.models import Count, Max, Sum
from django.http import HttpResponse

from wagtail_community_matching.http.conditional import (
    cached_body,
    changed_at,
    make_etag,
    mark_changed,
    serve_conditionally,
)
from wagtail_community_matching.members.query import CHANGES, DirectoryQuery

#: Media type of the answer (RFC 7946).
CONTENT_TYPE = "application/geo+json"


def member_changed(sender, instance, **kwargs) -> None:
    """A member was saved (published, unpublished, edited) or deleted: maps change.

    Recorded at once and again when the transaction commits, so that a page read by
    another request before the commit, and cached under the first record, is never the
    current one (directory counts and fragments are cached under this record too).
    """
    mark_changed(CHANGES)
    transaction.on_commit(lambda: mark_changed(CHANGES))


def map_validators(members, *parts) -> tuple[str, object]:
    """``ETag`` and ``Last-Modified`` of a map of ``members`` (one query).

    ``parts`` are the other values the data depends on (page, language, filters).
    """
    row = members.order_by().aggregate(
        count=Count("pk"), rows=Sum("pk"), published=Max("last_published_at")
    )
    changed = changed_at(CHANGES)
    last_modified = max(filter(None, [row["published"], changed]))
    etag = make_etag(row["count"], row["rows"], row["published"], changed.timestamp(), *parts)
    return etag, last_modified.astimezone(UTC)


def map_features(page, directory, base_url: str) -> list[dict]:
    """A GeoJSON ``Feature`` per member of ``directory`` that has coordinates."""
    located = directory.members().filter(latitude__isnull=False, longitude__isnull=False)
    return [
        {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [float(member.longitude), float(member.latitude)],
            },
            "properties": {
                "name": member.name,
                "city": member.city,
                "url": page.member_url(member, base_url),
            },
        }
        for member in located.only("pk", "name", "slug", "city", "latitude", "longitude")
    ]


def geojson_response(page, request) -> HttpResponse:
    """The map data of ``page`` (a member directory) for the filters of ``request``."""
    query = DirectoryQuery(request.GET)
    base_url = page.get_url(request) or ""
    etag, last_modified = map_validators(
        page.get_members(), page.pk, page.locale_id, base_url, query.urlencode(page=None)
    )

    def build() -> bytes:
        collection = {
            "type": "FeatureCollection",
            "features": map_features(page, page.get_directory(request), base_url),
        }
        return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode()

    return serve_conditionally(
        request,
        etag=etag,
        last_modified=last_modified,
        # Searches are endless: their maps are not kept, only validated.
        respond=lambda: HttpResponse(
            build() if query.q else cached_body(etag, build), content_type=CONTENT_TYPE
        ),
    )


__all__ = ["CHANGES", "geojson_response", "map_features", "map_validators", "member_changed"]
