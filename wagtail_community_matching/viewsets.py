"""Admin views of the package's snippets, registered from ``wagtail_hooks.py``."""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import (
    Column,
    DateColumn,
    LiveStatusTagColumn,
    LocaleColumn,
    UpdatedAtColumn,
)
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import BooleanRadioSelect
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import (
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from .conf import cm_settings
from .impact.reports import VALIDATE_ACTION
from .models import FAQ, ImpactReport, Indicator
from .models.members import Member, MemberKind, ProgrammeStatus
from .models.registrations import Registration
from .models.venues import Venue
from .regions import ITALIAN_REGIONS, region_label
from .views.impact_admin import (
    IndicatorDeleteView,
    ReportIndexView,
    ReportLinksView,
    ValidateReportView,
)

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


class FAQViewSet(SnippetViewSet):
    """Reusable questions and answers, under "Snippets" in the admin menu."""

    model = FAQ
    #: Icon of the menu item and of the chooser.
    icon = "help"
    menu_label = _("FAQs")
    #: Columns of the listing (Wagtail adds a locale filter on multilingual sites).
    list_display = ["question", "anchor"]
    #: Default order of the listing.
    ordering = ["question"]


# -- Events ------------------------------------------------------------------------------


class VenueViewSet(SnippetViewSet):
    """Places events are held at, under "Snippets" and chosen from event pages."""

    model = Venue
    #: Icon of the menu item and of the chooser.
    icon = "site"
    menu_label = _("Venues")
    #: Columns of the listing.
    list_display = ["name", "city", "region"]
    #: Filters beside the listing.
    list_filter = ["region"]
    #: Default order of the listing.
    ordering = ["city", "name"]


class RegistrationIndexView(generic.IndexView):
    """Registrations with their occurrence and page in one query; safe CSV export."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("occurrence__page")

    def write_csv_row(self, writer, row_dict):
        return super().write_csv_row(
            writer, {field: neutralise_formula(value) for field, value in row_dict.items()}
        )


class RegistrationViewSet(ModelViewSet):
    """Who signed up for which event date; XLSX and CSV export.

    Visible to users with the "view", "change" or "delete" permission on
    registrations (superusers and groups given them in Settings > Groups).
    """

    model = Registration
    icon = "user"
    menu_label = _("Event registrations")
    menu_order = 310
    add_to_admin_menu = True
    name = "event_registrations"
    index_view_class = RegistrationIndexView
    #: Columns of the listing.
    list_display = ["name", "email", "occurrence", "status", "created_at"]
    #: Filters beside the listing.
    list_filter = ["status", "created_at"]
    #: Searched with the database's own text matching.
    search_fields = ["name", "email", "organisation", "occurrence__page__title"]
    search_backend_name = None
    ordering = ["-created_at"]
    #: Columns of the XLSX and CSV exports, and their headings.
    list_export = [
        "event_title",
        "occurrence",
        "name",
        "email",
        "organisation",
        "phone",
        "get_status_display",
        "consent_text",
        "created_at",
    ]
    export_headings = {
        "event_title": _("Event"),
        "occurrence": _("Date"),
        "get_status_display": _("Status"),
    }
    export_filename = "event-registrations"
    #: Staff may correct details or move people between registered and waiting list.
    form_fields = ["status", "name", "email", "organisation", "phone"]
    inspect_view_enabled = True
    copy_view_enabled = False


# -- Impact data ---------------------------------------------------------------------------
# The admin views live in views/impact_admin.py.


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
