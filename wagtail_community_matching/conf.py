"""Settings of the package, read from one ``WAGTAIL_COMMUNITY_MATCHING`` dict.

Every key is optional; :data:`DEFAULTS` lists them with their default values and
``docs/settings.md`` documents each one. Read settings through the module-level
``cm_settings`` object::

    from wagtail_community_matching.conf import cm_settings

    cm_settings.BASE_TEMPLATE

The object is reloaded whenever Django's ``setting_changed`` signal fires for
``WAGTAIL_COMMUNITY_MATCHING`` (``override_settings`` in tests).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

SETTINGS_NAME = "WAGTAIL_COMMUNITY_MATCHING"

#: Default value of every setting. Keys not listed here are rejected by the
#: system check ``wagtail_community_matching.E001``.
DEFAULTS: dict[str, Any] = {
    # Template every public page of the package extends. It must define the
    # blocks ``title``, ``extra_head`` and ``content``.
    "BASE_TEMPLATE": "wagtail_community_matching/base.html",
    # Whether the package's stylesheet is linked from its templates.
    "INCLUDE_CSS": True,
    # Region used to parse phone numbers typed without an international prefix.
    "PHONE_DEFAULT_REGION": "IT",
    # ISO 3166-1 alpha-2 country code assumed for addresses and members.
    "DEFAULT_COUNTRY": "IT",
    # Rich text features allowed in the package's rich text blocks and fields.
    "RICH_TEXT_FEATURES": ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
    # Rich text features allowed in FAQ answers (inline questions and FAQ snippets).
    # No headings: an answer sits inside a question's disclosure, under its summary.
    "FAQ_RICH_TEXT_FEATURES": ["bold", "italic", "ol", "ul", "link", "document-link"],
    # How many days ahead a recurring event's occurrences are stored when it is
    # published (a positive whole number).
    "EVENT_RECURRENCE_HORIZON_DAYS": 365,
    # --- Adhesion forms (docs/adhesion.md) ---
    # Whether an application enters review only once the applicant has confirmed
    # their address through the signed link of the confirmation mail.
    "ADHESION_VERIFICATION_REQUIRED": True,
    # Days during which the link of the confirmation mail works.
    "ADHESION_VERIFICATION_MAX_AGE_DAYS": 7,
    # Applications stored per client IP address, as "<count>/<s|m|h|d>". Counted in
    # Django's default cache: use a cache shared by every process in production.
    "ADHESION_RATE_LIMIT": "5/h",
    # Confirmation mails sent to one applicant address, as "<count>/<s|m|h|d>".
    "ADHESION_EMAIL_RATE_LIMIT": "3/d",
    # Largest request body accepted by the public form, in bytes (uploads included).
    "ADHESION_MAX_REQUEST_BYTES": 12 * 1024 * 1024,
    # Largest request body of the public forms that take no files (event sign-up, a
    # member's impact report), in bytes: larger bodies get 413 before they are read.
    "FORM_MAX_REQUEST_BYTES": 64 * 1024,
    # Largest uploaded file, in bytes.
    "ADHESION_UPLOAD_MAX_BYTES": 5 * 1024 * 1024,
    # Largest uploaded image, in pixels (width x height); larger ones are refused
    # before they are decoded (decompression bombs).
    "ADHESION_UPLOAD_MAX_PIXELS": 25_000_000,
    # Types accepted by "image upload" fields, sniffed from the file's content.
    "ADHESION_IMAGE_TYPES": ["image/png", "image/jpeg", "image/webp"],
    # Types accepted by "file upload" fields, sniffed from the file's content.
    "ADHESION_FILE_TYPES": ["image/png", "image/jpeg", "image/webp", "application/pdf"],
    # Dotted path of a form field class (a captcha) added to every adhesion form, or None.
    "ADHESION_CAPTCHA_FIELD": None,
    # Number of reverse proxies in front of the site that append to X-Forwarded-For.
    # 0 uses REMOTE_ADDR as the client address.
    "TRUSTED_PROXY_COUNT": 0,
    # Where rate limits count: "auto" (the default cache when its increment is atomic,
    # Redis or Memcached; otherwise the database), "cache" or "database".
    "RATE_LIMIT_STORE": "auto",
    # Sign-ups for one event sent from one client address, as "<count>/<s|m|h|d>".
    "EVENT_SIGN_UP_RATE_LIMIT": "5/h",
    # Hours a sign-up keeps its place (or a waiting-list offer its freed place) until the
    # person confirms through the link of the mail; then the place is released.
    "EVENT_REGISTRATION_HOLD_HOURS": 24,
    # Seconds feed readers, calendar programs and shared caches may keep the events
    # indexes' calendar feeds and the member map's GeoJSON before asking again
    # (Cache-Control max-age, 0 to 31536000); they ask with If-None-Match or
    # If-Modified-Since and get a 304 answer while nothing has changed.
    "FEED_MAX_AGE": 300,
    # Days after which the retention command removes applications: rejected,
    # withdrawn, and "stale" ones (never verified). None keeps them.
    "ADHESION_RETENTION_DAYS": {"rejected": 180, "withdrawn": 180, "stale": 90},
    # What the retention command does: "anonymise" (keep status and dates) or "delete".
    "ADHESION_RETENTION_ACTION": "anonymise",
    # Storage of uploaded files, never public media. A FileSystemStorage without a
    # "location" in OPTIONS keeps files in "private_media" beside MEDIA_ROOT.
    "PRIVATE_STORAGE": {
        "CLASS": "wagtail_community_matching.adhesion.storage.PrivateFileSystemStorage",
        "OPTIONS": {},
    },
    # Alias (in Django's TASKS setting) of the task backend that sends mails.
    "TASK_BACKEND": "default",
    # -- Impact data --
    # Published aggregates built from fewer distinct members than this, and counts
    # greater than zero but smaller than this, are shown as suppressed (docs/impact.md).
    "IMPACT_SUPPRESSION_THRESHOLD": 5,
    # Days a member's signed report link stays valid.
    "IMPACT_REPORT_LINK_MAX_AGE_DAYS": 60,
    # Length of a reporting period: "year" or "half-year".
    "IMPACT_PERIOD": "year",
    # Staff mails about submitted reports, per member: a report link cannot flood staff.
    "IMPACT_STAFF_MAIL_RATE_LIMIT": "5/d",
    # -- Shared cache (docs/caching-and-storage.md) --
    # Cache-Control of responses every visitor shares, added by
    # wagtail_community_matching.http.cache_control.SharedCacheMiddleware: seconds a browser
    # (MAX_AGE) and a shared cache such as Varnish or a CDN (S_MAXAGE) may keep them.
    # Publishing purges the shared cache when wagtail.contrib.frontend_cache is set up.
    # None adds no header.
    "CACHE_CONTROL": {"MAX_AGE": 60, "S_MAXAGE": 600},
    # -- JSON API (docs/headless.md) --
    # Origins (such as "https://app.example.org") whose pages may call the JSON API
    # from a browser. Exact origins only: no wildcard, no path. Empty: same origin only.
    "API_CORS_ALLOWED_ORIGINS": [],
    # Place of "Members" in the Wagtail admin menu (lower numbers come first; Wagtail's
    # Pages item is at 100). None leaves members only under "Snippets".
    "MEMBER_ADMIN_MENU_ORDER": 250,
    # Which admin lists the package's members, venues, event registrations, applications and
    # impact data: "viewsets" (Wagtail's snippets and viewsets, the default) or "modeladmin"
    # (the "Community matching" group of the sub-app wagtail_community_matching.contrib.modeladmin,
    # which needs the "modeladmin" extra; the package's own menu items are then hidden).
    "ADMIN_INTERFACE": "viewsets",
    # Tile layer of the member map (needs the "map" extra). The default uses
    # OpenStreetMap's tiles, which need no API key; follow their usage policy or
    # point URL at your own tile server. ATTRIBUTION is HTML shown on the map.
    # Paths of admin sites besides Wagtail's (such as "/django-admin/"): like the Wagtail
    # admin, served without the public pages' Content Security Policy and body limits.
    "ADMIN_PATH_PREFIXES": [],
    "MAP_TILES": {
        "URL": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "ATTRIBUTION": '&copy; <a href="https://www.openstreetmap.org/copyright">'
        "OpenStreetMap</a> contributors",
        "MAX_ZOOM": 19,
    },
}


class CommunityMatchingSettings:
    """Attribute access to the merged user and default settings."""

    def __init__(self, user_settings: dict[str, Any] | None = None) -> None:
        self._user_settings = user_settings

    @property
    def user_settings(self) -> dict[str, Any]:
        if self._user_settings is None:
            self._user_settings = getattr(settings, SETTINGS_NAME, {}) or {}
        return self._user_settings

    def __getattr__(self, name: str) -> Any:
        if name not in DEFAULTS:
            raise AttributeError(f"Invalid {SETTINGS_NAME} setting: {name!r}")
        if isinstance(self.user_settings, dict) and name in self.user_settings:
            return self.user_settings[name]
        return DEFAULTS[name]

    def reload(self) -> None:
        """Forget the cached user settings; the next access reads them again."""
        self._user_settings = None


cm_settings = CommunityMatchingSettings()


@receiver(setting_changed)
def _reload_settings(*, setting: str, **kwargs: Any) -> None:
    if setting == SETTINGS_NAME:
        cm_settings.reload()
