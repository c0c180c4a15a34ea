"""The example site's production settings, served over plain HTTP on loopback (``make stack``).

Everything else is production's: Redis cache (``REDIS_URL``), PostgreSQL
(``DATABASE_URL``), the django-tasks database backend and its worker. The differences:
no HTTPS redirect or secure-only cookies (loopback has no TLS), static files without a
manifest (no ``collectstatic`` run), mails written to files (``EMAIL_FILE_PATH``), one
trusted proxy (Varnish, or the load client that stands in for it), and the rate limits
read from the environment so that a load test can set them.
"""

import os

from example_site.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1")

WAGTAIL_COMMUNITY_MATCHING = {
    **WAGTAIL_COMMUNITY_MATCHING,  # noqa: F405
    "TRUSTED_PROXY_COUNT": 1,
    "ADHESION_RATE_LIMIT": os.environ.get("STACK_ADHESION_RATE_LIMIT", "5/h"),
    "ADHESION_EMAIL_RATE_LIMIT": os.environ.get("STACK_ADHESION_EMAIL_RATE_LIMIT", "3/d"),
    "EVENT_SIGN_UP_RATE_LIMIT": os.environ.get("STACK_EVENT_SIGN_UP_RATE_LIMIT", "5/h"),
}
