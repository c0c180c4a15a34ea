"""Admin views of the package's snippets, registered from ``wagtail_hooks.py``."""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, ProtectedError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import (
    Column,
    DateColumn,
    LiveStatusTagColumn,
    LocaleColumn,
    UpdatedAtColumn,
)
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import BooleanRadioSelect, HeaderButton, ListingButton
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import (
    DeleteView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from .conf import cm_settings
from .impact.reports import VALIDATE_ACTION, validate_report
from .models import ImpactReport, Indicator
from .models.members import Member, MemberKind, ProgrammeStatus
from .regions import ITALIAN_REGIONS, region_label

#: Rendition of the logo thumbnails in the members listing.
ADMIN_LOGO_FILTER = "max-80x40"
#: First characters that make a spreadsheet cell a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value):
    """``value`` with a leading apostrophe when a spreadsheet would run it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class LogoColumn(Column):
    """A small thumbnail of the member's logo; renditions are prefetched by the viewset."""

    cell_template_name = "wagtail_community_matching/admin/logo_cell.html"

    def __init__(self, name="logo", filter_spec=ADMIN_LOGO_FILTER, **kwargs):
        kwargs.setdefault("label", _("Logo"))
        kwargs.setdefault("width", "6rem")
        super().__init__(name, **kwargs)
        self.filter_spec = filter_spec


def region_filter_choices():
    """The regions members are in, plus every Italian region, labelled and sorted."""
    values = set(Member.objects.exclude(region="").values_list("region", flat=True).distinct())
    values.update(code for code, _label in ITALIAN_REGIONS)
    return sorted(((value, region_label(value)) for value in values), key=lambda c: c[1].casefold())


class MemberFilterSet(WagtailFilterSet):
    region = django_filters.ChoiceFilter(
        label=_("Region"), choices=region_filter_choices, empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Type"), choices=MemberKind.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Programme status"), choices=ProgrammeStatus.choices, empty_label=_("All")
    )
    listed = django_filters.BooleanFilter(
        label=_("Listed in the directory"), widget=BooleanRadioSelect
    )
    live = django_filters.BooleanFilter(label=_("Published"), widget=BooleanRadioSelect)

    class Meta:
        model = Member
        fields = ["region", "kind", "status", "listed", "live"]


class MemberIndexView(IndexView):
    """The members listing; CSV exports neutralise formulas (XLSX cells are never formulas)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV:
            value = neutralise_formula(value)
        return value


class MemberViewSet(SnippetViewSet):
    """Members in the admin: listing with filters, search, export, inspect view and history.

    The menu item's place comes from ``MEMBER_ADMIN_MENU_ORDER``; ``None`` leaves
    members under "Snippets" only.
    """

    model = Member
    index_view_class = MemberIndexView
    icon = "group"
    menu_label = _("Members")
    menu_name = "members"
    filterset_class = MemberFilterSet
    ordering = ["name"]
    list_per_page = 50
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "__str__",
        LogoColumn(),
        Column("city", label=_("City"), sort_key="city"),
        Column("get_region_display", label=_("Region"), sort_key="region"),
        Column("get_kind_display", label=_("Type"), sort_key="kind"),
        Column("get_status_display", label=_("Programme status"), sort_key="status"),
        Column("listed", label=_("Listed"), sort_key="listed"),
        LocaleColumn(),
        UpdatedAtColumn(),
        LiveStatusTagColumn(),
    ]
    list_export = [
        "name",
        "slug",
        "get_kind_display",
        "get_status_display",
        "city",
        "province",
        "get_region_display",
        "country",
        "website",
        "email",
        "phone",
        "description",
        "get_services_display",
        "date_joined",
        "listed",
        "live",
        "latitude",
        "longitude",
    ]
    export_headings = {
        "get_kind_display": _("Type"),
        "get_status_display": _("Programme status"),
        "get_region_display": _("Region"),
        "get_services_display": _("Services wanted"),
        "live": _("Published"),
    }
    export_filename = "members"
    inspect_view_fields = [
        "name",
        "kind",
        "status",
        "city",
        "province",
        "region",
        "country",
        "website",
        "email",
        "phone",
        "logo",
        "description",
        "services",
        "date_joined",
        "listed",
        "latitude",
        "longitude",
    ]

    @property
    def add_to_admin_menu(self) -> bool:
        return cm_settings.MEMBER_ADMIN_MENU_ORDER is not None

    @property
    def menu_order(self) -> int:
        return cm_settings.MEMBER_ADMIN_MENU_ORDER or 0

    def get_queryset(self, request):
        """Logos and their thumbnails fetched with the page of members, not one by one."""
        renditions = (
            get_image_model().get_rendition_model().objects.filter(filter_spec=ADMIN_LOGO_FILTER)
        )
        return (
            Member.objects.all()
            .select_related("logo", "locale", "latest_revision")
            .prefetch_related(
                Prefetch("logo__renditions", queryset=renditions, to_attr="prefetched_renditions")
            )
        )


# -- Impact data ---------------------------------------------------------------------------


class IndicatorDeleteView(DeleteView):
    """Refuses, with a message, to delete an indicator that has reported values."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _(
                    "'%(indicator)s' has reported values and cannot be deleted. Untick "
                    "'Published' to hide it, or set 'Active to' to stop asking for it."
                )
                % {"indicator": self.object},
            )
            return redirect(self.get_success_url())


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


class ReportIndexView(IndexView):
    """The reports listing, with a "Validate" action on reports waiting for it."""

    validate_url_name = None
    links_url_name = None

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if not instance.is_validated and self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        ):
            buttons.append(
                ListingButton(
                    _("Validate"),
                    url=reverse(self.validate_url_name, args=[instance.pk]),
                    icon_name="circle-check",
                    priority=15,
                )
            )
        return buttons

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        buttons.append(
            HeaderButton(_("Report links"), url=reverse(self.links_url_name), icon_name="link")
        )
        return buttons


class ValidateReportView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then validate a report: from then on it counts in the published figures."""

    template_name = "wagtail_community_matching/admin/validate_report.html"
    page_title = _("Validate impact report")
    header_icon = "circle-check"
    model = ImpactReport
    permission_policy = None
    index_url_name = None

    def dispatch(self, request, pk):
        self.object = get_object_or_404(ImpactReport.objects.select_related("member"), pk=pk)
        if not self.permission_policy.user_has_permission_for_instance(
            request.user, "change", self.object
        ):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "report": self.object,
                "values": self.object.values.select_related("indicator"),
                "index_url": reverse(self.index_url_name),
                "edit_url": AdminURLFinder(self.request.user).get_edit_url(self.object),
            }
        )
        return context

    def post(self, request, pk):
        if self.object.is_validated:
            messages.warning(request, _("This report was already validated."))
        else:
            validate_report(self.object, request.user)
            messages.success(
                request,
                _("Report '%(report)s' validated: it now counts in the published figures.")
                % {"report": self.object},
            )
        return redirect(self.index_url_name)


class ReportLinksView(WagtailAdminTemplateMixin, TemplateView):
    """Each member's signed report link, for staff who send them by hand."""

    template_name = "wagtail_community_matching/admin/report_links.html"
    page_title = _("Report links")
    header_icon = "link"
    permission_policy = None

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from .impact.links import find_impact_page, report_url
        from .impact.periods import due_period
        from .impact.reminders import members_to_report

        context = super().get_context_data(**kwargs)
        page = find_impact_page()
        period = due_period()
        members = members_to_report() if page else []
        context.update(
            {
                "impact_page": page,
                "period": period,
                "links": [
                    (member, report_url(member, page=page, request=self.request))
                    for member in members
                ],
            }
        )
        return context


class ImpactReportViewSet(SnippetViewSet):
    """Members' reports: status draft / submitted / validated, history from revisions."""

    model = ImpactReport
    icon = "clipboard-list"
    menu_label = _("Reports")
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


# -- end of impact data --------------------------------------------------------------------
