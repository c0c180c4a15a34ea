"""The group's ModelAdmin of members, with its region filter."""

from __future__ import annotations

from django.contrib.admin import SimpleListFilter, display
from django.utils.translation import gettext_lazy as _

from wagtail_community_matching.contrib.modeladmin.base import CommunityMatchingModelAdmin
from wagtail_community_matching.members.models import Member
from wagtail_community_matching.members.viewsets import MemberViewSet, region_filter_choices
from wagtail_community_matching.places.regions import region_label


class MemberRegionFilter(SimpleListFilter):
    title = _("region")
    parameter_name = "region"

    def lookups(self, request, model_admin):
        return region_filter_choices()

    def queryset(self, request, queryset):
        return queryset.filter(region=self.value()) if self.value() else queryset


class MemberAdmin(CommunityMatchingModelAdmin):
    model = Member
    menu_label = _("Members")
    menu_icon = "group"
    base_url_path = "community-matching/members"
    #: Few columns: wider tables slide under the filters at 1280 pixels (listed and locale
    #: are filters).
    list_display = ("name", "city", "region_name", "kind", "status", "live")
    list_filter = (MemberRegionFilter, "kind", "status", "listed", "live", "locale")
    list_select_related = ("locale",)
    search_fields = ("name", "city", "province", "email")
    ordering = ("name",)
    inspect_view_fields = [
        "name",
        "kind",
        "status",
        "city",
        "province",
        "region_name",
        "country",
        "website",
        "email",
        "phone",
        "logo",
        "description",
        "services",
        "date_joined",
        "listed",
        "live",
        "latitude",
        "longitude",
    ]
    #: The same columns and headings as the members' own admin export.
    list_export = MemberViewSet.list_export
    export_headings = MemberViewSet.export_headings
    export_filename = "members"

    @display(description=_("region"))
    def region_name(self, obj):
        return region_label(obj.region)
