"""``Cache-Control`` for a shared cache (Varnish, a CDN) in front of the public site.

:class:`SharedCacheMiddleware` marks a response ``Cache-Control: public, max-age=M,
s-maxage=S`` (the ``CACHE_CONTROL`` setting) only when it is the same for every
visitor:

- the request is a ``GET`` or ``HEAD`` outside the admin (Wagtail's and the
  ``ADMIN_PATH_PREFIXES``), without a session cookie or ``Authorization`` header (nobody
  logged in), and not a preview;
- the answer is ``200`` (or ``304``, which repeats the headers of the ``200``);
- the response sets no cookie, used no CSRF token (a form: the adhesion form, an event
  sign-up, a member's impact report, a signed link's button) and does not vary on
  ``Cookie`` (the session was read, as for messages);
- the view did not say otherwise: a response that has a ``Cache-Control`` header
  already (``never_cache``, :func:`private_response`, a feed's own ``max-age``) keeps it.

When the response is personal (a session or someone logged in, a preview, a cookie or a
CSRF token), it gets ``Cache-Control: private`` unless its view set a header that is
not shared: a view's ``public`` header is replaced, so no shared cache, however
configured, stores it. The user is never loaded for this: a request without a session
cookie or ``Authorization`` header has nobody logged in. Errors and redirects are left alone: a
shared cache does not store them without a header that says it may.

Add the middleware first in ``MIDDLEWARE``, so that it sees the cookies the session,
CSRF and message middlewares add on the way out. ``docs/caching-and-storage.md``
explains the rules and the purge that keeps cached pages fresh.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import SimpleLazyObject, empty

from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.http.request_limits import is_exempt_path

#: Separator of a header's list items (Django 6.1 no longer exports its own).
_LIST_SEPARATOR = re.compile(r"\s*,\s*")

#: Statuses a shared cache may keep: a page, and the "not modified" answer about it.
SHAREABLE_STATUSES = frozenset({200, 304})


def private_response(response):
    """Mark ``response`` as personal: ``Cache-Control: private, no-store``.

    For pages reached through a signed link or a ticket (a sign-up's confirmation,
    a member's report form, an applicant's address check): they show one person's
    data, so neither a shared cache nor the browser's disk keeps them.
    """
    response["Cache-Control"] = "private, no-store"
    return response


def _is_shared(response) -> bool:
    directives = {
        part.strip().split("=", 1)[0].lower()
        for part in _LIST_SEPARATOR.split(response.get("Cache-Control", ""))
    }
    return bool(directives & {"public", "s-maxage"})


def _varies_on_cookie(response) -> bool:
    if not response.has_header("Vary"):
        return False
    return any(
        field.strip().lower() in ("cookie", "*")
        for field in _LIST_SEPARATOR.split(response["Vary"])
    )


def _known_user(request):
    """``request.user`` if something resolved it already (never loads it: no query)."""
    user = request.__dict__.get("user")
    if isinstance(user, SimpleLazyObject) and user._wrapped is empty:
        return None
    return user


def personal_reason(request, response) -> str:
    """Why ``response`` is for one visitor only, or ``""`` when it is the same for all."""
    if getattr(request, "is_preview", False):
        return "preview"
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return "session"  # logged in, or messages and other state of one visitor
    if "HTTP_AUTHORIZATION" in request.META:
        return "authorization"
    user = _known_user(request)
    if user is not None and user.is_authenticated:
        return "logged in"
    if response.cookies:
        return "sets a cookie"
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return "CSRF token"
    if _varies_on_cookie(response):
        return "varies on Cookie"
    return ""


def shared_cache_headers(request, response):
    """Add the shared cache's ``Cache-Control`` to ``response`` when the rules allow it."""
    policy = cm_settings.CACHE_CONTROL
    if not policy or request.method not in ("GET", "HEAD"):
        return response
    if is_exempt_path(request.path_info):
        return response
    already = response.has_header("Cache-Control")
    if personal_reason(request, response):
        if already and _is_shared(response):
            del response["Cache-Control"]  # a view's public header, for one visitor: never
            already = False
        if not already:
            patch_cache_control(response, private=True)
        return response
    if already or response.status_code not in SHAREABLE_STATUSES:
        return response
    patch_cache_control(
        response, public=True, max_age=policy["MAX_AGE"], s_maxage=policy["S_MAXAGE"]
    )
    # The answer is for visitors without cookies: a browser that has one since (someone
    # who logged in, or sent a form) asks again instead of showing its stored copy, and a
    # shared cache keeps the cookieless variant apart.
    patch_vary_headers(response, ["Cookie"])
    return response


class SharedCacheMiddleware:
    """Add ``Cache-Control: public, max-age, s-maxage`` to responses every visitor shares."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return shared_cache_headers(request, self.get_response(request))


__all__ = ["SharedCacheMiddleware", "personal_reason", "private_response", "shared_cache_headers"]
