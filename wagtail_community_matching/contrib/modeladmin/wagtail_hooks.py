"""Registers the "Community matching" ModelAdmin group; hides the package's own menu items.

Imported by Wagtail only when this sub-app is installed. Without ``wagtail_modeladmin``
in ``INSTALLED_APPS`` nothing is registered and the system check
``wagtail_community_matching.E101`` says why.
"""

from django.apps import apps
from wagtail import hooks

from wagtail_community_matching.conf import cm_settings

if apps.is_installed("wagtail_modeladmin"):
    from wagtail_modeladmin.options import modeladmin_register

    from wagtail_community_matching.adhesion.views.dashboard import applications_menu_item
    from wagtail_community_matching.contrib.modeladmin.options import CommunityMatchingGroup
    from wagtail_community_matching.events.viewsets import RegistrationViewSet
    from wagtail_community_matching.impact.viewsets import ImpactViewSetGroup
    from wagtail_community_matching.members.viewsets import MemberViewSet

    modeladmin_register(CommunityMatchingGroup)

    #: Names of the package's own menu items for the models the group lists.
    PACKAGE_MENU_ITEMS = frozenset(
        (MemberViewSet.menu_name, RegistrationViewSet.menu_name, ImpactViewSetGroup.menu_name)
    )

    @hooks.register("construct_main_menu")
    def hide_package_menu_items(request, menu_items):
        """With ``ADMIN_INTERFACE = "modeladmin"`` the models are listed once, in the group."""
        if cm_settings.ADMIN_INTERFACE == "modeladmin":
            hidden = PACKAGE_MENU_ITEMS | {applications_menu_item().name}
            menu_items[:] = [item for item in menu_items if item.name not in hidden]
