"""Content Security Policy for the public pages (public API: ``ContentSecurityPolicyMiddleware``).

The package's templates have no inline script and no inline style, so its pages run
under a strict policy. The middleware reads the policy from Django's own settings,
``SECURE_CSP`` and ``SECURE_CSP_REPORT_ONLY`` (dicts of directive to list of sources,
the format of Django 6's built-in CSP support), and writes it on every response that
has none yet, except under the Wagtail admin, whose templates still hold inline
scripts, and under the prefixes of ``ADMIN_PATH_PREFIXES``. It works the same
on every supported Django version; a site on Django 6 may use Django's own middleware
instead with the same settings, if it is ready to apply the policy to the admin too.

:func:`package_policy` is a policy that the package's pages, the member map and the
JSON API's documentation page pass::

    from wagtail_community_matching.http.csp import package_policy

    SECURE_CSP = package_policy()
    MIDDLEWARE += ["wagtail_community_matching.http.csp.ContentSecurityPolicyMiddleware"]
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings

from wagtail_community_matching.http.request_limits import is_exempt_path

SELF = "'self'"
NONE = "'none'"

#: OpenStreetMap's tiles, the member map's default (``MAP_TILES["URL"]``).
DEFAULT_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"

_HEADERS = (
    ("SECURE_CSP", "Content-Security-Policy"),
    ("SECURE_CSP_REPORT_ONLY", "Content-Security-Policy-Report-Only"),
)


def package_policy(map_tiles_url: str = DEFAULT_TILES_URL, frame_src=()) -> dict[str, list[str]]:
    """A strict policy for the package's pages: own scripts and styles only.

    ``map_tiles_url`` is the tile URL of the member map, whose origin may serve
    images; ``frame_src`` lists the origins of embedded videos the site allows.
    """
    tiles = urlsplit(map_tiles_url)
    image_sources = [SELF, "data:"]
    if tiles.scheme and tiles.netloc:
        image_sources.append(f"{tiles.scheme}://{tiles.netloc}")
    return {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": image_sources,
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": list(frame_src) or [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }


def build_policy(policy: dict) -> str:
    """The header value of ``policy``: ``directive source source; ...``."""
    parts = []
    for directive, sources in policy.items():
        if isinstance(sources, str):
            sources = [sources]
        values = " ".join(str(source) for source in sources if source)
        parts.append(f"{directive} {values}".strip())
    return "; ".join(parts)


class ContentSecurityPolicyMiddleware:
    """Add ``SECURE_CSP`` / ``SECURE_CSP_REPORT_ONLY`` to responses outside the admin."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_exempt_path(request.path_info):
            return response
        for setting, header in _HEADERS:
            policy = getattr(settings, setting, None)
            if policy and header not in response:
                response[header] = build_policy(policy)
        return response


__all__ = ["ContentSecurityPolicyMiddleware", "build_policy", "package_policy"]
