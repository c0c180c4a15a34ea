"""Production-like settings: secrets and hosts from the environment, HTTPS only.

``manage.py check --deploy --settings=example_site.settings.production`` passes
with ``SECRET_KEY`` and ``ALLOWED_HOSTS`` set in the environment.
"""

import importlib.util
import os

from .base import *  # noqa: F403
from .object_storage import s3_settings

DEBUG = False
SECRET_KEY = os.environ["SECRET_KEY"]
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A mail server that accepts a connection and never answers must not hold a worker:
# every mail is sent by a task, and gives up after this many seconds.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

# Persistent PostgreSQL connections: each app server process keeps its connection for
# DATABASE_CONN_MAX_AGE seconds (default 600) instead of opening one per request (the
# PostgreSQL floor was 19 ms a page against 10 ms on SQLite), and checks it before
# reusing it in a new request (CONN_HEALTH_CHECKS), so a database restart costs one
# reconnection, not an error. Chosen over the psycopg pool of Django 5.1+ ("pool" in
# OPTIONS, which needs the psycopg-pool package and CONN_MAX_AGE = 0): gunicorn's sync
# workers serve one request at a time, so one kept connection per worker is that pool;
# a pool helps threaded or async workers. Count max_connections for every worker of
# every app server, plus the task workers. DATABASE_CONN_MAX_AGE=0: one per request.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"]["CONN_MAX_AGE"] = int(  # noqa: F405
        os.environ.get("DATABASE_CONN_MAX_AGE", "600")
    )
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}

# Shared media on S3-compatible object storage (docs/caching-and-storage.md), when the
# CM_S3_* variables name buckets: images, renditions and documents in a public-read bucket,
# application uploads in a private one, served only through the package's review view.
_S3 = s3_settings(os.environ)
if "media" in _S3:
    STORAGES["default"] = _S3["media"]
    WAGTAILDOCS_SERVE_METHOD = _S3["documents_serve_method"]
if "private" in _S3:
    WAGTAIL_COMMUNITY_MATCHING = {
        **WAGTAIL_COMMUNITY_MATCHING,  # noqa: F405
        "PRIVATE_STORAGE": _S3["private"],
    }

# A caching proxy in front of the app servers (Varnish: docs/caching-and-storage.md),
# purged when content is published: CM_VARNISH_URL is its address, such as
# http://127.0.0.1:6081. Wagtail's frontend_cache sends it PURGE requests.
if os.environ.get("CM_VARNISH_URL"):
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ["CM_VARNISH_URL"],
        }
    }

# The shared cache (docs/production.md): Redis when REDIS_URL is set, through Django's
# built-in backend (the `redis` client); rate limits count there atomically. Without it,
# the database cache, whose table `migrate` creates (the package runs createcachetable
# after migrating), and rate limits count in the package's RateCounter table: exact
# across app servers too, one UPDATE per event.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "cm"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "wagtail_community_matching_cache",
        }
    }

# Mails (and logo renditions) are tasks run by the worker process `manage.py db_worker`,
# from the database: a submission is stored and answered while the worker or the mail
# server is down, and its mails go out when they are back. django-tasks 0.12 moved its
# database backend to the django-tasks-db package; earlier versions carry it.
if importlib.util.find_spec("django_tasks.backends.database"):
    _TASKS_DB_APP = "django_tasks.backends.database"
    _TASKS_DB_BACKEND = "django_tasks.backends.database.DatabaseBackend"
else:
    _TASKS_DB_APP, _TASKS_DB_BACKEND = "django_tasks_db", "django_tasks_db.DatabaseBackend"
INSTALLED_APPS = [*INSTALLED_APPS, "django_tasks", _TASKS_DB_APP]  # noqa: F405
TASKS = {"default": {"BACKEND": _TASKS_DB_BACKEND}}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
if "EMAIL_FILE_PATH" in os.environ:
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
