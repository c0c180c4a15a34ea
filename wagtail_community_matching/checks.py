"""System checks validating ``WAGTAIL_COMMUNITY_MATCHING`` at start-up.

:func:`check_settings` runs the checks of the shared keys here, then those a feature
registered with :func:`register_setting_check` (the adhesion checks, ids
``E050``-``E069``, live in ``adhesion/checks.py``). Every check builds its errors with
:func:`setting_error` (or :func:`error`), so ids and wording have one shape.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.template.loader_tags import BlockNode, ExtendsNode

from wagtail_community_matching.conf import DEFAULTS, SETTINGS_NAME, cm_settings
from wagtail_community_matching.ratelimit import Rate

try:
    import phonenumbers
except ImportError:  # pragma: no cover - a hard dependency, kept defensive
    phonenumbers = None


#: Checks of feature settings, run by :func:`check_settings` after the shared ones.
_setting_checks: list[Callable[[], list[Error]]] = []


def register_setting_check(check: Callable[[], list[Error]]) -> Callable[[], list[Error]]:
    """Decorator: run ``check`` (no arguments, returns errors) as part of :func:`check_settings`."""
    if check not in _setting_checks:
        _setting_checks.append(check)
    return check


def error(message: str, hint: str, code: int) -> Error:
    """The package's error number ``code`` (``wagtail_community_matching.E<code>``)."""
    return Error(message, hint=hint, id=f"wagtail_community_matching.E{code:03d}")


def setting_error(key: str, message: str, hint: str, code: int) -> Error:
    """An error about ``WAGTAIL_COMMUNITY_MATCHING[key]``; ``message`` follows the key."""
    return error(f"{SETTINGS_NAME}['{key}'] {message}", hint, code)


def is_int(value) -> bool:
    """Whether ``value`` is an integer (``True`` and ``False`` are not)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _check_known_keys(user_settings) -> list[Error]:
    unknown = sorted(set(user_settings) - set(DEFAULTS))
    if not unknown:
        return []
    return [
        error(
            f"{SETTINGS_NAME} has unknown key(s): {', '.join(unknown)}.",
            f"Known keys are: {', '.join(sorted(DEFAULTS))}. Check the spelling.",
            1,
        )
    ]


def _check_base_template() -> list[Error]:
    name = cm_settings.BASE_TEMPLATE
    if not isinstance(name, str) or not name:
        return [
            error(
                f"{SETTINGS_NAME}['BASE_TEMPLATE'] must be a non-empty string, got {name!r}.",
                "Name a template such as 'base.html' that defines the blocks "
                "'title', 'extra_head' and 'content'.",
                3,
            )
        ]
    try:
        template = get_template(name)
    except TemplateDoesNotExist:
        return [
            error(
                f"{SETTINGS_NAME}['BASE_TEMPLATE'] names {name!r}, which the template "
                "loaders cannot find.",
                "Create the template or point BASE_TEMPLATE at an existing one.",
                4,
            )
        ]
    blocks = template_block_names(template)
    missing = [
        block for block in BASE_TEMPLATE_BLOCKS if blocks is not None and block not in blocks
    ]
    if not missing:
        return []
    return [
        Warning(
            f"{SETTINGS_NAME}['BASE_TEMPLATE'] names {name!r}, which has no block "
            + "; no block ".join(f"{block!r} ({BASE_TEMPLATE_BLOCKS[block]})" for block in missing)
            + ": the package's pages put them there.",
            hint="Add {% block content %}{% endblock %} inside <main> and "
            "{% block extra_head %}{% endblock %} inside <head> of the base template. "
            "Structured data (JSON-LD) is written in the content block.",
            id="wagtail_community_matching.W004",
        )
    ]


#: The blocks the package's templates fill in ``BASE_TEMPLATE``, with what they hold.
BASE_TEMPLATE_BLOCKS = {
    "content": "the page itself, with its structured data",
    "extra_head": "the member map's stylesheet, the FAQ filter's script, the robots rule of "
    "report forms",
}


def template_block_names(template, depth: int = 0) -> set[str] | None:
    """The names of the blocks of a Django ``template`` and of the templates it extends.

    ``None`` when they cannot be known (another template engine, a parent named by a
    variable).
    """
    nodelist = getattr(getattr(template, "template", None), "nodelist", None)
    if nodelist is None or depth > 10:
        return None
    names = {node.name for node in nodelist.get_nodes_by_type(BlockNode)}
    for extends in nodelist.get_nodes_by_type(ExtendsNode):
        parent = extends.parent_name.var
        if not isinstance(parent, str) or extends.parent_name.filters:
            return None
        try:
            parent_names = template_block_names(get_template(parent), depth + 1)
        except TemplateDoesNotExist:
            return None
        if parent_names is None:
            return None
        names |= parent_names
    return names


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


def _positive_int(value) -> bool:
    return is_int(value) and value >= 1


def _check_impact() -> list[Error]:
    errors = []
    threshold = cm_settings.IMPACT_SUPPRESSION_THRESHOLD
    if not _positive_int(threshold):
        errors.append(
            error(
                f"{SETTINGS_NAME}['IMPACT_SUPPRESSION_THRESHOLD'] must be a whole number of "
                f"at least 1, got {threshold!r}.",
                "Aggregates from fewer members than this are suppressed; 5 is a common choice.",
                81,
            )
        )
    max_age = cm_settings.IMPACT_REPORT_LINK_MAX_AGE_DAYS
    if not _positive_int(max_age):
        errors.append(
            error(
                f"{SETTINGS_NAME}['IMPACT_REPORT_LINK_MAX_AGE_DAYS'] must be a whole number "
                f"of days, at least 1, got {max_age!r}.",
                "Members' report links expire after this many days; for example 60.",
                82,
            )
        )
    period = cm_settings.IMPACT_PERIOD
    if period not in ("year", "half-year"):
        errors.append(
            error(
                f"{SETTINGS_NAME}['IMPACT_PERIOD'] must be 'year' or 'half-year', got {period!r}.",
                "Members report once per period of this length.",
                83,
            )
        )
    try:
        Rate.parse(cm_settings.IMPACT_STAFF_MAIL_RATE_LIMIT)
    except ValueError:
        errors.append(
            setting_error(
                "IMPACT_STAFF_MAIL_RATE_LIMIT",
                f"must be a rate such as '5/d', got {cm_settings.IMPACT_STAFF_MAIL_RATE_LIMIT!r}.",
                "Staff mails about one member's submitted reports, per second (s), minute (m), "
                "hour (h) or day (d).",
                84,
            )
        )
    return errors


def _check_member_menu() -> list[Error]:
    value = cm_settings.MEMBER_ADMIN_MENU_ORDER
    if value is None or (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
        return []
    return [
        error(
            f"{SETTINGS_NAME}['MEMBER_ADMIN_MENU_ORDER'] must be a whole number of 0 or more, "
            f"or None, got {value!r}.",
            "Use for example 250 to put Members after Pages, or None to keep members "
            "only under Snippets.",
            30,
        )
    ]


#: The sub-app that lists the package's models in wagtail-modeladmin (``ADMIN_INTERFACE``).
MODELADMIN_SUBAPP = "wagtail_community_matching.contrib.modeladmin"
ADMIN_INTERFACES = ("viewsets", "modeladmin")


def _check_admin_interface() -> list[CheckMessage]:
    """``ADMIN_INTERFACE`` names an admin the site has installed (E100-E102, W100)."""
    choice = cm_settings.ADMIN_INTERFACE
    if choice not in ADMIN_INTERFACES:
        return [
            setting_error(
                "ADMIN_INTERFACE",
                f"must be 'viewsets' or 'modeladmin', got {choice!r}.",
                "'viewsets' uses Wagtail's snippets and viewsets; 'modeladmin' the "
                f"'Community matching' group of {MODELADMIN_SUBAPP}.",
                100,
            )
        ]
    subapp = apps.is_installed(MODELADMIN_SUBAPP)
    messages: list[CheckMessage] = []
    if subapp and not apps.is_installed("wagtail_modeladmin"):
        messages.append(
            error(
                f"{MODELADMIN_SUBAPP} is in INSTALLED_APPS but wagtail_modeladmin is not.",
                "Install the 'modeladmin' extra (pip install "
                "'wagtail-community-matching[modeladmin]') and add 'wagtail_modeladmin' to "
                f"INSTALLED_APPS, or remove {MODELADMIN_SUBAPP}.",
                101,
            )
        )
    if choice == "modeladmin" and not subapp:
        messages.append(
            setting_error(
                "ADMIN_INTERFACE",
                f"is 'modeladmin' but {MODELADMIN_SUBAPP} is not in INSTALLED_APPS: the "
                "package's models would have no menu item.",
                f"Add {MODELADMIN_SUBAPP} and 'wagtail_modeladmin' to INSTALLED_APPS, or set "
                "ADMIN_INTERFACE to 'viewsets'.",
                102,
            )
        )
    if choice == "viewsets" and subapp:
        messages.append(
            Warning(
                f"{MODELADMIN_SUBAPP} is installed but {SETTINGS_NAME}['ADMIN_INTERFACE'] is "
                "'viewsets': its 'Community matching' menu is not shown.",
                hint="Set ADMIN_INTERFACE to 'modeladmin' to use it, or remove the sub-app "
                "from INSTALLED_APPS.",
                id="wagtail_community_matching.W100",
            )
        )
    return messages


def _check_map_tiles() -> list[Error]:
    value = cm_settings.MAP_TILES
    valid = (
        isinstance(value, dict)
        and isinstance(value.get("URL"), str)
        and all(part in value["URL"] for part in ("{z}", "{x}", "{y}"))
        and isinstance(value.get("ATTRIBUTION", ""), str)
        and isinstance(value.get("MAX_ZOOM", 19), int)
    )
    if valid:
        return []
    return [
        error(
            f"{SETTINGS_NAME}['MAP_TILES'] must be a dict with a 'URL' holding {{z}}, {{x}} and "
            f"{{y}}, an optional 'ATTRIBUTION' text and an optional whole 'MAX_ZOOM', "
            f"got {value!r}.",
            "For example {'URL': 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', "
            "'ATTRIBUTION': '&copy; OpenStreetMap contributors', 'MAX_ZOOM': 19}.",
            31,
        )
    ]


def _check_horizon() -> list[Error]:
    value = cm_settings.EVENT_RECURRENCE_HORIZON_DAYS
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 3660:
        return []
    return [
        error(
            f"{SETTINGS_NAME}['EVENT_RECURRENCE_HORIZON_DAYS'] must be a whole number of "
            f"days between 1 and 3660, got {value!r}.",
            "Recurring events are stored this many days ahead; 365 is the default.",
            40,
        )
    ]


def _check_hold() -> list[Error]:
    value = cm_settings.EVENT_REGISTRATION_HOLD_HOURS
    if is_int(value) and 1 <= value <= 24 * 14:
        return []
    return [
        setting_error(
            "EVENT_REGISTRATION_HOLD_HOURS",
            f"must be a whole number of hours between 1 and 336, got {value!r}.",
            "An unconfirmed sign-up keeps its place this long; 24 is the default.",
            41,
        )
    ]


def _check_feed_max_age() -> list[Error]:
    value = cm_settings.FEED_MAX_AGE
    if is_int(value) and 0 <= value <= 365 * 86400:
        return []
    return [
        setting_error(
            "FEED_MAX_AGE",
            f"must be a whole number of seconds between 0 and 31536000, got {value!r}.",
            "Feed readers and caches keep the calendar feeds and the map data this long "
            "before asking again; 300 is the default.",
            42,
        )
    ]


_ORIGIN = re.compile(r"^https?://[^/\s*?#@]+$")


def _check_cors_origins() -> list[Error]:
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


def _check_cache_control() -> list[Error]:
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


@register(Tags.compatibility)
def check_settings(app_configs=None, **kwargs) -> list[Error]:
    """Validate every key of ``WAGTAIL_COMMUNITY_MATCHING``."""
    user_settings = getattr(settings, SETTINGS_NAME, {})
    if not isinstance(user_settings, dict):
        return [
            error(
                f"{SETTINGS_NAME} must be a dict, got {type(user_settings).__name__}.",
                f"Define {SETTINGS_NAME} = {{...}} in your settings, or remove it.",
                2,
            )
        ]
    errors = _check_known_keys(user_settings)
    errors += _check_base_template()
    if not isinstance(cm_settings.INCLUDE_CSS, bool):
        errors.append(
            error(
                f"{SETTINGS_NAME}['INCLUDE_CSS'] must be True or False, "
                f"got {cm_settings.INCLUDE_CSS!r}.",
                "Set it to False to style the pages with your own stylesheet.",
                5,
            )
        )
    errors += _check_region("PHONE_DEFAULT_REGION", 6)
    errors += _check_region("DEFAULT_COUNTRY", 8)
    errors += _check_features("RICH_TEXT_FEATURES", 7)
    errors += _check_features("FAQ_RICH_TEXT_FEATURES", 20)
    errors += _check_impact()
    errors += _check_member_menu()
    errors += _check_map_tiles()
    errors += _check_admin_interface()
    errors += _check_horizon()
    errors += _check_hold()
    errors += _check_feed_max_age()
    errors += _check_cors_origins()
    errors += _check_cache_control()
    try:
        Rate.parse(cm_settings.EVENT_SIGN_UP_RATE_LIMIT)
    except ValueError:
        errors.append(
            setting_error(
                "EVENT_SIGN_UP_RATE_LIMIT",
                f"must be a rate such as '5/h', got {cm_settings.EVENT_SIGN_UP_RATE_LIMIT!r}.",
                "Sign-ups for one event from one client address, per second (s), minute (m), "
                "hour (h) or day (d).",
                12,
            )
        )
    if cm_settings.RATE_LIMIT_STORE not in ("auto", "cache", "database"):
        errors.append(
            setting_error(
                "RATE_LIMIT_STORE",
                f"must be 'auto', 'cache' or 'database', got {cm_settings.RATE_LIMIT_STORE!r}.",
                "'auto' counts in the cache when its increment is atomic (Redis, Memcached), "
                "otherwise in the database.",
                11,
            )
        )
    prefixes = cm_settings.ADMIN_PATH_PREFIXES
    if not isinstance(prefixes, list | tuple) or not all(
        isinstance(prefix, str) and prefix.startswith("/") for prefix in prefixes
    ):
        errors.append(
            setting_error(
                "ADMIN_PATH_PREFIXES",
                f"must be a list of paths starting with '/', got {prefixes!r}.",
                "For example ['/django-admin/']; the Wagtail admin is exempt already.",
                10,
            )
        )
    if not _positive_int(cm_settings.FORM_MAX_REQUEST_BYTES):
        errors.append(
            setting_error(
                "FORM_MAX_REQUEST_BYTES",
                f"must be a whole number of bytes, at least 1, got "
                f"{cm_settings.FORM_MAX_REQUEST_BYTES!r}.",
                "Public forms without files refuse larger bodies; 65536 (64 KiB) is plenty.",
                9,
            )
        )
    for check in _setting_checks:
        errors += check()
    return errors
