"""The shared base of the group's ModelAdmin classes.

Every class lists, filters, searches, inspects and exports one of the package's models;
adding, editing and deleting go to the package's own views (``views.py``), under the
same permissions (``helpers.py``).
"""

from __future__ import annotations

from django.urls import reverse
from wagtail_modeladmin.options import ModelAdmin

from wagtail_community_matching.contrib.modeladmin.helpers import ViewSetPermissionHelper
from wagtail_community_matching.contrib.modeladmin.views import (
    CheckedHistoryView,
    CommunityMatchingIndexView,
    CommunityMatchingInspectView,
    PackageCreateView,
    PackageDeleteView,
    PackageEditView,
)


class CommunityMatchingModelAdmin(ModelAdmin):
    """Shared views of the group: safe listings and exports, the package's write views."""

    index_view_class = CommunityMatchingIndexView
    inspect_view_class = CommunityMatchingInspectView
    inspect_template_name = "community_matching_modeladmin/inspect.html"
    create_view_class = PackageCreateView
    edit_view_class = PackageEditView
    delete_view_class = PackageDeleteView
    history_view_class = CheckedHistoryView
    permission_helper_class = ViewSetPermissionHelper
    inspect_view_enabled = True
    list_per_page = 50
    #: Headings of export columns, by column (others: the field's verbose name).
    export_headings: dict = {}
    empty_value_display = "–"

    def package_url(self, action: str, instance=None, request=None) -> str:
        """URL of the package's own ``action`` view ("add", "edit" or "delete")."""
        name = self.model.snippet_viewset.get_url_name(action)
        return reverse(name, args=(instance.pk,)) if instance is not None else reverse(name)

    def register_admin_url_finders(self):
        """Keep the package's URL finders: edit links elsewhere go to the package's views."""
