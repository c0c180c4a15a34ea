"""Settings of the example site: a partner's Wagtail project using the package.

SQLite by default; set ``DATABASE_URL`` (``postgres://user:pass@host:port/name``)
for PostgreSQL.
"""

import importlib.util
import os
from pathlib import Path

import dj_database_url
import wagtail

from wagtail_community_matching.http.csp import package_policy

BASE_DIR = Path(__file__).resolve().parent.parent.parent
WAGTAIL_8 = wagtail.VERSION >= (8, 0)

INSTALLED_APPS = [
    "wagtail_community_matching",
    "wagtail_community_matching.pages",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    # Purges a caching proxy on publish once WAGTAILFRONTENDCACHE names a backend
    # (production.py: CM_VARNISH_URL); the package adds its lists and feeds.
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "phonenumber_field",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "ninja",  # the JSON API's docs page (Swagger UI) is served from its static files
]
if WAGTAIL_8:
    INSTALLED_APPS += ["wagtail.api.v3"]

MIDDLEWARE = [
    # Cache-Control for a shared cache (Varnish, a CDN) on what every visitor shares: first,
    # so that it sees the cookies the session, CSRF and message middlewares add on the way out.
    "wagtail_community_matching.http.cache_control.SharedCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The public pages' Content Security Policy (SECURE_CSP below; the admin is exempt).
    "wagtail_community_matching.http.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "example_site.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Public bodies over ADHESION_MAX_REQUEST_BYTES are refused unread and uploads stay in
    # memory, never in the system's temporary directory: before the CSRF middleware reads.
    "wagtail_community_matching.http.request_limits.RequestBodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# The package's templates have no inline script or style; the member map's tiles come from
# OpenStreetMap (wagtail_community_matching.http.csp.package_policy).
SECURE_CSP = package_policy()

ROOT_URLCONF = "example_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "example_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=0
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "it"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("it", "Italiano"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

WAGTAIL_SITE_NAME = "Rete Community Matching"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "xlsx", "ods", "csv", "txt"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True

PHONENUMBER_DEFAULT_REGION = "IT"

WAGTAIL_COMMUNITY_MATCHING = {
    "PHONE_DEFAULT_REGION": "IT",
    "DEFAULT_COUNTRY": "IT",
    # The headless example served on its own (`make headless`) calls the API from here.
    "API_CORS_ALLOWED_ORIGINS": ["http://127.0.0.1:8001", "http://localhost:8001"],
}

if importlib.util.find_spec("wagtail_modeladmin"):
    INSTALLED_APPS.append("wagtail_modeladmin")

# The member directory's map (the package's "map" extra) takes Leaflet from
# django-js-lib-leaflet.
if importlib.util.find_spec("js_lib_leaflet"):
    INSTALLED_APPS.append("js_lib_leaflet")
