"""The group's ModelAdmin of applications, limited to the forms the user may review."""

from __future__ import annotations

from django.contrib.admin import SimpleListFilter
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from wagtail_community_matching.adhesion.exports import REVIEW_COLUMNS, export_columns
from wagtail_community_matching.adhesion.exports import export_value as application_value
from wagtail_community_matching.adhesion.models import AdhesionSubmission
from wagtail_community_matching.contrib.modeladmin.base import CommunityMatchingModelAdmin
from wagtail_community_matching.contrib.modeladmin.helpers import (
    ApplicationPermissionHelper,
    review_page_id,
    reviewable_form_ids,
)
from wagtail_community_matching.contrib.modeladmin.views import (
    ApplicationIndexView,
    ApplicationInspectView,
    CommunityMatchingIndexView,
)


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
