"""Settings of the test suite: the example site's, with fast hashing and local email.

``DATABASE_URL`` selects the database (SQLite in memory by default); the PostgreSQL
run sets it through ``tests/pgcluster.py``.
"""

import os

os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")

from example_site.settings.base import *  # noqa: E402, F403

SECRET_KEY = "tests-only-secret-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
