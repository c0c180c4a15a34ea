"""The "Community matching" ModelAdmin group and its ModelAdmin classes.

Each class lists, filters, searches, inspects and exports one of the package's models;
adding, editing and deleting go to the package's own views (``views.py``), under the
same permissions (``helpers.py``).
"""

from __future__ import annotations

from django.contrib.admin import SimpleListFilter, display
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import Menu
from wagtail.models import Page
from wagtail_modeladmin.menus import GroupMenuItem
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup

from wagtail_community_matching.adhesion.exports import REVIEW_COLUMNS, export_columns
from wagtail_community_matching.adhesion.exports import export_value as application_value
from wagtail_community_matching.adhesion.models import AdhesionSubmission
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.contrib.modeladmin.helpers import (
    ApplicationPermissionHelper,
    ReadOnlyPermissionHelper,
    ViewSetPermissionHelper,
    review_page_id,
    reviewable_form_ids,
)
from wagtail_community_matching.contrib.modeladmin.views import (
    ApplicationIndexView,
    ApplicationInspectView,
    CheckedHistoryView,
    CommunityMatchingIndexView,
    CommunityMatchingInspectView,
    PackageCreateView,
    PackageDeleteView,
    PackageEditView,
)
from wagtail_community_matching.events.registrations import Registration
from wagtail_community_matching.events.venues import Venue
from wagtail_community_matching.events.viewsets import RegistrationViewSet
from wagtail_community_matching.impact.indicators import Indicator
from wagtail_community_matching.impact.models import ImpactReport
from wagtail_community_matching.members.models import Member
from wagtail_community_matching.members.viewsets import MemberViewSet, region_filter_choices
from wagtail_community_matching.places.regions import region_label


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


# --- Members ------------------------------------------------------------------------


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


# --- Events ---------------------------------------------------------------------------


class VenueAdmin(CommunityMatchingModelAdmin):
    model = Venue
    menu_label = _("Venues")
    menu_icon = "site"
    base_url_path = "community-matching/venues"
    list_display = ("name", "address", "city", "region")
    list_filter = ("region", "country")
    search_fields = ("name", "address", "city")
    ordering = ("city", "name")
    inspect_view_fields = [
        "name",
        "address",
        "postal_code",
        "city",
        "region",
        "country",
        "latitude",
        "longitude",
    ]
    list_export = [
        "name",
        "address",
        "postal_code",
        "city",
        "region",
        "country",
        "latitude",
        "longitude",
    ]
    export_filename = "venues"


class RegistrationAdmin(CommunityMatchingModelAdmin):
    model = Registration
    menu_label = _("Event registrations")
    menu_icon = "user"
    base_url_path = "community-matching/event-registrations"
    permission_helper_class = ReadOnlyPermissionHelper
    list_display = ("name", "email", "occurrence", "status", "held_until", "created_at")
    list_filter = ("status", "created_at")
    list_select_related = ("occurrence__page",)
    search_fields = ("name", "email", "organisation", "occurrence__page__title")
    ordering = ("-created_at",)
    inspect_view_fields = [
        "event_title",
        "occurrence",
        "name",
        "email",
        "organisation",
        "phone",
        "status",
        "held_until",
        "confirmed_at",
        "consent_text",
        "language",
        "created_at",
    ]
    list_export = list(RegistrationViewSet.list_export)
    export_headings = dict(RegistrationViewSet.export_headings)
    export_filename = "event-registrations"

    def package_url(self, action, instance=None, request=None):
        name = f"{RegistrationViewSet.name}:{action}"
        return reverse(name, args=(instance.pk,)) if instance is not None else reverse(name)


# --- Applications -------------------------------------------------------------------


class FormFilter(SimpleListFilter):
    """The adhesion forms the user may review, and only those."""

    title = _("form")
    parameter_name = "form"

    def lookups(self, request, model_admin):
        pages = Page.objects.filter(pk__in=reviewable_form_ids(request.user)).order_by("title")
        return [(str(page.pk), page.get_admin_display_title()) for page in pages]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if value.isdigit() and int(value) in reviewable_form_ids(request.user):
            return queryset.filter(page_id=int(value))
        return queryset.none()


#: Columns of an export of applications of several forms; a form filter adds its answers.
APPLICATION_COLUMNS = [("cm:form", _("Form")), *REVIEW_COLUMNS]
APPLICATION_COLUMNS.insert(4, ("cm:organisation", _("Organisation")))


class ApplicationAdmin(CommunityMatchingModelAdmin):
    """Applications of the forms the user may review: list, filter, inspect, export, erase."""

    model = AdhesionSubmission
    menu_label = _("Applications")
    menu_icon = "form"
    base_url_path = "community-matching/applications"
    permission_helper_class = ApplicationPermissionHelper
    index_view_class = ApplicationIndexView
    inspect_view_class = ApplicationInspectView
    inspect_template_name = "community_matching_modeladmin/application_inspect.html"
    list_display = (
        "__str__",
        "page",
        "status",
        "submit_time",
        "email_verified_at",
        "assignee",
    )
    list_filter = (FormFilter, "status")
    search_fields = ("organisation_name", "applicant_email", "city")
    ordering = ("-submit_time",)
    export_filename = "applications"

    def get_queryset(self, request):
        return AdhesionSubmission.objects.filter(
            page_id__in=reviewable_form_ids(request.user)
        ).select_related("page", "assignee")

    def exported_form(self, request):
        """The form named by the listing's form filter, if the user may review it."""
        value = request.GET.get(FormFilter.parameter_name, "")
        if value.isdigit() and int(value) in reviewable_form_ids(request.user):
            return Page.objects.get(pk=int(value)).specific
        return None

    def get_export_columns(self, request) -> list[tuple[str, str]]:
        """The review columns; with a form filter, also every answer of that form's fields."""
        form = self.exported_form(request)
        if form is None:
            return APPLICATION_COLUMNS
        return [APPLICATION_COLUMNS[0], *export_columns(form, form.get_submissions())]

    def get_list_export(self, request):
        if request.GET.get("export") not in CommunityMatchingIndexView.FORMATS:
            return [key for key, _heading in APPLICATION_COLUMNS]  # a listing, not an export
        return [key for key, _heading in self.get_export_columns(request)]

    def export_value(self, submission, key: str):
        if key == "cm:form":
            return submission.page.title
        if key == "cm:organisation":
            return submission.organisation_name
        return application_value(submission, key)

    def package_url(self, action, instance=None, request=None):
        if action == "delete":
            return reverse(
                "wagtail_community_matching_adhesion:erase",
                args=(review_page_id(request.user, instance), instance.pk),
            )
        raise ValueError(f"Applications have no {action!r} view.")


# --- Impact -------------------------------------------------------------------------


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


# --- The group ------------------------------------------------------------------------


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
