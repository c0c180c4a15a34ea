"""Checks of the general keys: unknown keys, the stylesheet, countries, rich text features
and the rate limits' store (ids ``E001``, ``E005``-``E008``, ``E011``, ``E020``)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error

from wagtail_community_matching.checks.registry import error, register_setting_check, setting_error
from wagtail_community_matching.conf import DEFAULTS, SETTINGS_NAME, cm_settings

try:
    import phonenumbers
except ImportError:  # pragma: no cover - a hard dependency, kept defensive
    phonenumbers = None


@register_setting_check
def check_known_keys() -> list[Error]:
    """Every key of ``WAGTAIL_COMMUNITY_MATCHING`` is one the package knows (E001)."""
    unknown = sorted(set(getattr(settings, SETTINGS_NAME, {})) - set(DEFAULTS))
    if not unknown:
        return []
    return [
        error(
            f"{SETTINGS_NAME} has unknown key(s): {', '.join(unknown)}.",
            f"Known keys are: {', '.join(sorted(DEFAULTS))}. Check the spelling.",
            1,
        )
    ]


@register_setting_check
def check_include_css() -> list[Error]:
    """``INCLUDE_CSS`` is a boolean (E005)."""
    if isinstance(cm_settings.INCLUDE_CSS, bool):
        return []
    return [
        error(
            f"{SETTINGS_NAME}['INCLUDE_CSS'] must be True or False, "
            f"got {cm_settings.INCLUDE_CSS!r}.",
            "Set it to False to style the pages with your own stylesheet.",
            5,
        )
    ]


def _check_region(key: str, code: int) -> list[Error]:
    value = getattr(cm_settings, key)
    valid = (
        isinstance(value, str)
        and len(value) == 2
        and value.isupper()
        and (phonenumbers is None or value in phonenumbers.SUPPORTED_REGIONS)
    )
    if valid:
        return []
    return [
        error(
            f"{SETTINGS_NAME}['{key}'] must be an upper-case ISO 3166-1 alpha-2 "
            f"country code such as 'IT', got {value!r}.",
            "Use the two-letter code of a country, in capitals.",
            code,
        )
    ]


@register_setting_check
def check_regions() -> list[Error]:
    """The default phone region and country are country codes (E006, E008)."""
    return _check_region("PHONE_DEFAULT_REGION", 6) + _check_region("DEFAULT_COUNTRY", 8)


def _check_features(key: str, code: int) -> list[Error]:
    value = getattr(cm_settings, key)
    if isinstance(value, (list, tuple)) and all(isinstance(f, str) for f in value):
        return []
    return [
        error(
            f"{SETTINGS_NAME}['{key}'] must be a list of feature names, got {value!r}.",
            "List Draftail features such as ['bold', 'italic', 'link'].",
            code,
        )
    ]


@register_setting_check
def check_rich_text_features() -> list[Error]:
    """The rich text fields' features are lists of names (E007, E020)."""
    return _check_features("RICH_TEXT_FEATURES", 7) + _check_features("FAQ_RICH_TEXT_FEATURES", 20)


@register_setting_check
def check_rate_limit_store() -> list[Error]:
    """``RATE_LIMIT_STORE`` names a store of the rate limits' counts (E011)."""
    if cm_settings.RATE_LIMIT_STORE in ("auto", "cache", "database"):
        return []
    return [
        setting_error(
            "RATE_LIMIT_STORE",
            f"must be 'auto', 'cache' or 'database', got {cm_settings.RATE_LIMIT_STORE!r}.",
            "'auto' counts in the cache when its increment is atomic (Redis, Memcached), "
            "otherwise in the database.",
            11,
        )
    ]
