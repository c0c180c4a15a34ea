"""``Cache-Control`` for a shared cache (Varnish, a CDN) in front of the public site.

:class:`SharedCacheMiddleware` marks a response ``Cache-Control: public, max-age=M,
s-maxage=S`` (the ``CACHE_CONTROL`` setting) only when it is the same for every
visitor:

- the request is a ``GET`` or ``HEAD`` outside the admin (Wagtail's and the
  ``ADMIN_PATH_PREFIXES``), by nobody logged in, and not a preview;
- the answer is ``200`` (or ``304``, which repeats the headers of the ``200``);
- the response sets no cookie, used no CSRF token (a form: the adhesion form, an event
  sign-up, a member's impact report, a signed link's button) and does not vary on
  ``Cookie`` (the session was read, as for messages);
- the view did not say otherwise: a response that has a ``Cache-Control`` header
  already (``never_cache``, :func:`private_response`) keeps its own.

When the response is personal (someone logged in, a preview, a cookie or a CSRF token)
and carries no ``Cache-Control`` yet, it gets ``Cache-Control: private`` so that no
shared cache, however configured, stores it. Errors and redirects are left alone: a
shared cache does not store them without a header that says it may.

Add the middleware first in ``MIDDLEWARE``, so that it sees the cookies the session,
CSRF and message middlewares add on the way out. ``docs/caching-and-storage.md``
explains the rules and the purge that keeps cached pages fresh.
"""

from __future__ import annotations

from django.utils.cache import cc_delim_re, patch_cache_control

from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.request_limits import is_exempt_path

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


def _varies_on_cookie(response) -> bool:
    if not response.has_header("Vary"):
        return False
    return any(
        field.strip().lower() in ("cookie", "*") for field in cc_delim_re.split(response["Vary"])
    )


def personal_reason(request, response) -> str:
    """Why ``response`` is for one visitor only, or ``""`` when it is the same for all."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return "logged in"
    if getattr(request, "is_preview", False):
        return "preview"
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
        if not already:
            patch_cache_control(response, private=True)
        return response
    if already or response.status_code not in SHAREABLE_STATUSES:
        return response
    patch_cache_control(
        response, public=True, max_age=policy["MAX_AGE"], s_maxage=policy["S_MAXAGE"]
    )
    return response


class SharedCacheMiddleware:
    """Add ``Cache-Control: public, max-age, s-maxage`` to responses every visitor shares."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return shared_cache_headers(request, self.get_response(request))


__all__ = ["SharedCacheMiddleware", "personal_reason", "private_response", "shared_cache_headers"]
