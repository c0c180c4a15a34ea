"""Conditional GET of the data routes: calendar feeds and the member map's GeoJSON.

Feed readers and calendar programs poll; most polls find nothing new. A data route
works out its validators first, from a query that reads no content (a count, the
latest publication time, a version kept in the cache), and answers ``304 Not
Modified`` when the client's copy is current, through Django's own
:func:`~django.utils.cache.get_conditional_response` (``If-None-Match`` first, then
``If-Modified-Since``; unreadable values are ignored, as RFC 9110 asks). Otherwise the
body comes from the cache under a key made of the ETag, and is built only when no
server built it yet. Every answer carries ``ETag``, ``Last-Modified`` and
``Cache-Control: public, max-age=<FEED_MAX_AGE>``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime

from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from wagtail_community_matching.conf import cm_settings

#: Prefix of every key this module keeps in Django's default cache.
CACHE_PREFIX = "wagtail_community_matching:conditional"
#: Seconds a built body stays in the cache (its key changes whenever its content does).
BODY_TIMEOUT = 24 * 60 * 60


def make_etag(*parts) -> str:
    """A strong ETag (quoted) for ``parts``: the same on every server for the same values."""
    text = json.dumps(parts, default=str, separators=(",", ":"))
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def changed_at(name: str) -> datetime:
    """When the content called ``name`` last changed, as :func:`mark_changed` recorded it.

    A cache that lost the record (restarted, evicted) starts it again at now: clients
    then get the content once more, never a stale ``304``.
    """
    key = f"{CACHE_PREFIX}:changed:{name}"
    stamp = cache.get(key)
    if stamp is None:
        cache.add(key, timezone.now().timestamp(), None)
        stamp = cache.get(key, timezone.now().timestamp())
    return datetime.fromtimestamp(stamp, UTC)


def mark_changed(name: str, when: datetime | None = None) -> None:
    """Record that the content called ``name`` changed (at ``when``, now by default).

    The time only moves forward: a record is never replaced by an earlier one.
    """
    key = f"{CACHE_PREFIX}:changed:{name}"
    stamp = (when or timezone.now()).timestamp()
    previous = cache.get(key)
    if previous is None or previous < stamp:
        cache.set(key, stamp, None)


def cached_body(etag: str, build: Callable[[], bytes]) -> bytes:
    """The body of ``etag`` from the cache, built by ``build`` and stored when missing."""
    key = f"{CACHE_PREFIX}:body:" + etag.strip('"')
    body = cache.get(key)
    if body is None:
        body = build()
        cache.set(key, body, BODY_TIMEOUT)
    return body


#: Prefix of the page fragments kept by ``{% cm_cached %}`` and read by :func:`cached_fragment`.
FRAGMENT_PREFIX = f"{CACHE_PREFIX}:fragment:"


def cached_fragment(key: str):
    """The page fragment kept under ``key`` by ``{% cm_cached key %}``, else ``None``.

    A view that finds it skips the queries the fragment would need.
    """
    return cache.get(FRAGMENT_PREFIX + key) if key else None


def cached_fragments(keys) -> dict[str, str]:
    """The page fragments kept under ``keys`` (those found), in one round trip to the cache.

    A view passes them to its template as ``cm_fragments``: ``{% cm_cached %}`` then reads a
    fragment there instead of asking the cache once per fragment (a card per member).
    """
    keys = [key for key in keys if key]
    if not keys:
        return {}
    found = cache.get_many([FRAGMENT_PREFIX + key for key in keys])
    return {key[len(FRAGMENT_PREFIX) :]: html for key, html in found.items()}


def keep_fragment(key: str, html, timeout: int = BODY_TIMEOUT) -> None:
    """Keep a rendered fragment under ``key`` (``{% cm_cached %}`` does it)."""
    cache.set(FRAGMENT_PREFIX + key, html, timeout)


def render_cached(key: str, render: Callable[[], str], timeout: int = BODY_TIMEOUT) -> str:
    """The fragment kept under ``key``, else ``render()``'s, kept for ``timeout`` seconds
    (not kept when ``key`` or ``timeout`` is empty: rendered every time)."""
    html = cached_fragment(key)
    if html is None:
        html = render()
        if key and timeout:
            keep_fragment(key, html, timeout)
    return html


def serve_conditionally(
    request,
    *,
    etag: str,
    last_modified: datetime,
    respond: Callable[[], HttpResponse],
) -> HttpResponse:
    """``304`` when the client's copy (``If-None-Match``, ``If-Modified-Since``) is current,
    else ``respond()``; both with the validators and ``Cache-Control``.

    ``Cache-Control`` is ``public, max-age=<FEED_MAX_AGE>``, unless the request read the
    session (a page behind a password or a login): then it is ``private``.
    """
    seconds = int(last_modified.timestamp())
    response = None
    if request.method in ("GET", "HEAD"):
        response = get_conditional_response(request, etag=etag, last_modified=seconds)
    if response is None:
        response = respond()
    if response.status_code not in (200, 304):
        return response
    response["ETag"] = etag
    response["Last-Modified"] = http_date(seconds)
    session = getattr(request, "session", None)
    if session is not None and getattr(session, "accessed", False):
        patch_cache_control(response, private=True)
    else:
        patch_cache_control(response, public=True, max_age=cm_settings.FEED_MAX_AGE)
    return response


__all__ = [
    "cached_body",
    "cached_fragment",
    "changed_at",
    "keep_fragment",
    "make_etag",
    "mark_changed",
    "render_cached",
    "serve_conditionally",
]
