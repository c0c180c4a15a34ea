"""The admin of impact data: the indicator catalogue and members' reports, in one menu."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from wagtail_community_matching.impact.indicators import Indicator
from wagtail_community_matching.impact.models import ImpactReport
from wagtail_community_matching.impact.reports import VALIDATE_ACTION
from wagtail_community_matching.impact.views.admin import (
    IndicatorDeleteView,
    ReportIndexView,
    ReportLinksView,
    ReportsToValidatePanel,
    ValidateReportView,
)


class IndicatorViewSet(SnippetViewSet):
    """The indicator catalogue members report on."""

    model = Indicator
    delete_view_class = IndicatorDeleteView
    #: Icon of the menu item and of the chooser.
    icon = "table"
    menu_label = _("Indicators")
    #: Columns of the listing (Wagtail adds a locale filter on multilingual sites).
    list_display = ["name", "code", "kind", "unit", "published"]
    #: Filters of the listing.
    list_filter = ["kind", "published"]
    #: Default order of the listing.
    ordering = ["sort_order", "name"]


class ImpactReportViewSet(SnippetViewSet):
    """Members' reports: status draft / submitted / validated, history from revisions."""

    model = ImpactReport
    icon = "clipboard-list"
    #: Not "Reports": Wagtail has a "Reports" menu of its own (in Italian both would
    #: read "Rendicontazioni").
    menu_label = _("Impact reports")
    index_view_class = ReportIndexView
    list_display = [
        "member",
        Column("period", label=_("Period"), accessor="period"),
        "status",
        DateColumn("submitted_at", label=_("Submitted")),
        DateColumn("validated_at", label=_("Validated")),
    ]
    list_filter = ["status", "year", "half"]
    ordering = ["-year", "-half", "member__name"]
    inspect_view_enabled = True

    def get_index_view_kwargs(self, **kwargs):
        return {
            **super().get_index_view_kwargs(**kwargs),
            "validate_url_name": self.get_url_name("validate"),
            "links_url_name": self.get_url_name("links"),
        }

    @property
    def validate_view(self):
        return ValidateReportView.as_view(
            permission_policy=self.permission_policy,
            index_url_name=self.get_url_name("list"),
            breadcrumbs_items=self.breadcrumbs_items,
        )

    @property
    def links_view(self):
        return ReportLinksView.as_view(
            permission_policy=self.permission_policy,
            breadcrumbs_items=self.breadcrumbs_items,
        )

    def dashboard_panel(self, request):
        """The dashboard panel of reports waiting for validation, or ``None``."""
        return ReportsToValidatePanel.for_request(
            request,
            self.permission_policy,
            self.get_url_name("validate"),
            reverse(self.get_url_name("list")),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("validate/<str:pk>/", self.validate_view, name="validate"),
            path("links/", self.links_view, name="links"),
        ]


class ImpactViewSetGroup(SnippetViewSetGroup):
    """Indicators and reports under one "Impact data" menu."""

    items = (IndicatorViewSet, ImpactReportViewSet)
    menu_icon = "tasks"
    menu_label = _("Impact data")
    menu_name = "impact_data"


def log_report_status_change(request, instance) -> None:
    """``after_create_snippet`` / ``after_edit_snippet`` hook: audit-log a validation."""
    if getattr(instance, "_impact_status_changed", None) == "validated":
        log(instance, VALIDATE_ACTION, user=request.user)


def impact_dashboard_panel(request):
    """``construct_homepage_panels``: the panel of reports waiting for validation, if allowed."""
    viewset = getattr(ImpactReport, "snippet_viewset", None)
    return viewset.dashboard_panel(request) if viewset is not None else None
