"""Checks of the keys of requests and responses: the admin paths left alone, the size of
form bodies, the API's CORS origins and shared pages' ``Cache-Control``
(ids ``E009``, ``E010``, ``E090``, ``E091``, ``E140``)."""

from __future__ import annotations

import re

from django.core.checks import Error

from wagtail_community_matching.checks.registry import (
    error,
    is_int,
    register_setting_check,
    setting_error,
)
from wagtail_community_matching.conf import SETTINGS_NAME, cm_settings


@register_setting_check
def check_admin_path_prefixes() -> list[Error]:
    """``ADMIN_PATH_PREFIXES`` is a list of paths (E010)."""
    prefixes = cm_settings.ADMIN_PATH_PREFIXES
    if isinstance(prefixes, list | tuple) and all(
        isinstance(prefix, str) and prefix.startswith("/") for prefix in prefixes
    ):
        return []
    return [
        setting_error(
            "ADMIN_PATH_PREFIXES",
            f"must be a list of paths starting with '/', got {prefixes!r}.",
            "For example ['/django-admin/']; the Wagtail admin is exempt already.",
            10,
        )
    ]


@register_setting_check
def check_form_max_request_bytes() -> list[Error]:
    """``FORM_MAX_REQUEST_BYTES`` is a positive number of bytes (E009)."""
    value = cm_settings.FORM_MAX_REQUEST_BYTES
    if is_int(value) and value >= 1:
        return []
    return [
        setting_error(
            "FORM_MAX_REQUEST_BYTES",
            f"must be a whole number of bytes, at least 1, got {value!r}.",
            "Public forms without files refuse larger bodies; 65536 (64 KiB) is plenty.",
            9,
        )
    ]


_ORIGIN = re.compile(r"^https?://[^/\s*?#@]+$")


@register_setting_check
def check_cors_origins() -> list[Error]:
    """``API_CORS_ALLOWED_ORIGINS`` is a list of exact origins (E090, E091)."""
    origins = cm_settings.API_CORS_ALLOWED_ORIGINS
    hint = (
        "List exact origins such as ['https://app.example.org']: a scheme, a host and an "
        "optional port; no path, no trailing slash, no wildcard."
    )
    if not isinstance(origins, (list, tuple)):
        return [
            error(
                f"{SETTINGS_NAME}['API_CORS_ALLOWED_ORIGINS'] must be a list of origins, "
                f"got {origins!r}.",
                hint,
                90,
            )
        ]
    bad = [origin for origin in origins if not (isinstance(origin, str) and _ORIGIN.match(origin))]
    if bad:
        return [
            error(
                f"{SETTINGS_NAME}['API_CORS_ALLOWED_ORIGINS'] has values that are not origins: "
                f"{', '.join(repr(origin) for origin in bad)}.",
                hint,
                91,
            )
        ]
    return []


@register_setting_check
def check_cache_control() -> list[Error]:
    """``CACHE_CONTROL`` is None or the two ages of shared pages (E140)."""
    value = cm_settings.CACHE_CONTROL
    if value is None:
        return []
    ages = ("MAX_AGE", "S_MAXAGE")
    if (
        isinstance(value, dict)
        and set(value) == set(ages)
        and all(is_int(value[key]) and 0 <= value[key] <= 365 * 86400 for key in ages)
    ):
        return []
    return [
        setting_error(
            "CACHE_CONTROL",
            "must be None or a dict of 'MAX_AGE' and 'S_MAXAGE', each a whole number of "
            f"seconds between 0 and 31536000, got {value!r}.",
            "For example {'MAX_AGE': 60, 'S_MAXAGE': 600}: browsers keep a shared page a "
            "minute, a shared cache (purged on publish) ten minutes. None adds no header.",
            140,
        )
    ]
