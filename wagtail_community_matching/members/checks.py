"""System checks of the members settings: the admin menu and the map's tiles
(ids ``wagtail_community_matching.E030``, ``E031``)."""

from __future__ import annotations

from django.core.checks import Error

from wagtail_community_matching.checks import error, register_setting_check
from wagtail_community_matching.conf import SETTINGS_NAME, cm_settings


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


@register_setting_check
def check_members_settings() -> list[Error]:
    """Validate the members keys of ``WAGTAIL_COMMUNITY_MATCHING``."""
    return [*_check_member_menu(), *_check_map_tiles()]
