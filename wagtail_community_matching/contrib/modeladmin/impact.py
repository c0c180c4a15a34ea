"""The group's ModelAdmin classes of impact: indicators and reports."""

from __future__ import annotations

from django.contrib.admin import display
from django.utils.translation import gettext_lazy as _

from wagtail_community_matching.contrib.modeladmin.base import CommunityMatchingModelAdmin
from wagtail_community_matching.impact.indicators import Indicator
from wagtail_community_matching.impact.models import ImpactReport


class IndicatorAdmin(CommunityMatchingModelAdmin):
    model = Indicator
    menu_label = _("Impact indicators")
    menu_icon = "table"
    base_url_path = "community-matching/indicators"
    list_display = ("name", "code", "kind", "unit", "published", "locale")
    list_filter = ("kind", "published", "locale")
    list_select_related = ("locale",)
    search_fields = ("name", "code", "unit")
    ordering = ("sort_order", "name")
    inspect_view_fields = [
        "name",
        "code",
        "kind",
        "unit",
        "description",
        "accumulates",
        "weighted_by",
        "active_from",
        "active_to",
        "published",
        "sort_order",
    ]
    list_export = [
        "name",
        "code",
        "get_kind_display",
        "unit",
        "description",
        "accumulates",
        "active_from",
        "active_to",
        "published",
    ]
    export_headings = {"get_kind_display": _("Kind")}
    export_filename = "impact-indicators"


class ImpactReportAdmin(CommunityMatchingModelAdmin):
    model = ImpactReport
    menu_label = _("Impact reports")
    menu_icon = "clipboard-list"
    base_url_path = "community-matching/impact-reports"
    list_display = ("member", "period_label", "status", "submitted_at", "validated_at")
    list_filter = ("status", "year", "half")
    list_select_related = ("member",)
    search_fields = ("member__name", "comment")
    ordering = ("-year", "-half", "member__name")
    inspect_view_fields = [
        "member",
        "period_label",
        "status",
        "values_summary",
        "comment",
        "staff_note",
        "submitted_at",
        "validated_at",
        "validated_by",
        "reminded_at",
    ]
    list_export = [
        "member",
        "year",
        "half",
        "get_status_display",
        "values_summary",
        "comment",
        "submitted_at",
        "validated_at",
    ]
    export_headings = {"get_status_display": _("Status"), "values_summary": _("Values")}
    export_filename = "impact-reports"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("values__indicator")

    @display(description=_("period"))
    def period_label(self, obj):
        return obj.period.label

    @display(description=_("values"))
    def values_summary(self, obj):
        values = sorted(obj.values.all(), key=lambda v: (v.indicator.sort_order, v.indicator.name))
        return "; ".join(f"{value.indicator}: {value.value}" for value in values)
