"""The check of ``ADMIN_INTERFACE``: the admin that lists the package's models is installed
(ids ``E100``-``E102``, ``W100``)."""

from __future__ import annotations

from django.apps import apps
from django.core.checks import CheckMessage, Warning

from wagtail_community_matching.checks.registry import (
    error,
    register_setting_check,
    setting_error,
)
from wagtail_community_matching.conf import SETTINGS_NAME, cm_settings

#: The sub-app that lists the package's models in wagtail-modeladmin (``ADMIN_INTERFACE``).
MODELADMIN_SUBAPP = "wagtail_community_matching.contrib.modeladmin"
ADMIN_INTERFACES = ("viewsets", "modeladmin")


@register_setting_check
def check_admin_interface() -> list[CheckMessage]:
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
