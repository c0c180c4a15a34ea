"""The "Community matching" ModelAdmin group, assembled from one module per feature.

The ModelAdmin classes live with their feature (``members.py``, ``events.py``,
``applications.py``, ``impact.py``) on a shared base (``base.py``); they are re-exported
here, where they have always been importable.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import Menu
from wagtail_modeladmin.menus import GroupMenuItem
from wagtail_modeladmin.options import ModelAdminGroup

from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.contrib.modeladmin.applications import (
    APPLICATION_COLUMNS,
    ApplicationAdmin,
    FormFilter,
)
from wagtail_community_matching.contrib.modeladmin.base import CommunityMatchingModelAdmin
from wagtail_community_matching.contrib.modeladmin.events import RegistrationAdmin, VenueAdmin
from wagtail_community_matching.contrib.modeladmin.impact import ImpactReportAdmin, IndicatorAdmin
from wagtail_community_matching.contrib.modeladmin.members import MemberAdmin, MemberRegionFilter

__all__ = [
    "APPLICATION_COLUMNS",
    "ApplicationAdmin",
    "CommunityMatchingGroup",
    "CommunityMatchingMenuItem",
    "CommunityMatchingModelAdmin",
    "FormFilter",
    "ImpactReportAdmin",
    "IndicatorAdmin",
    "MemberAdmin",
    "MemberRegionFilter",
    "RegistrationAdmin",
    "VenueAdmin",
]


class CommunityMatchingMenuItem(GroupMenuItem):
    """The group's menu item, shown when ``ADMIN_INTERFACE`` is "modeladmin"."""

    def is_shown(self, request):
        return cm_settings.ADMIN_INTERFACE == "modeladmin" and super().is_shown(request)


class CommunityMatchingGroup(ModelAdminGroup):
    """Every model of the package in one "Community matching" menu."""

    menu_label = _("Community matching")
    menu_item_name = "community_matching"
    menu_icon = "group"
    menu_order = 250
    items = (
        MemberAdmin,
        VenueAdmin,
        RegistrationAdmin,
        ApplicationAdmin,
        IndicatorAdmin,
        ImpactReportAdmin,
    )

    def get_menu_item(self):
        submenu = Menu(items=self.get_submenu_items())
        return CommunityMatchingMenuItem(self, self.get_menu_order(), submenu)
