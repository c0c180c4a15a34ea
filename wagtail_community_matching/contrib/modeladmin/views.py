"""Views of the ModelAdmin group.

Listing, filters, search, inspection, history and exports are wagtail-modeladmin's, with
three changes: exports pass every cell and heading through the package's
:func:`~wagtail_community_matching.spreadsheets.neutralise_formula`; a listing takes only
the query parameters of its declared filters (wagtail-modeladmin would otherwise turn any
parameter, such as ``?assignee__password__startswith=``, into a database lookup); and
the history view checks the inspect permission. Adding, editing and deleting redirect to
the package's own views, which check their permissions again and keep revisions, audit
log entries and files in order: there is one way to change the package's data.
"""

from __future__ import annotations

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import lookup_field
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.log_actions import registry as log_registry
from wagtail_modeladmin.views import (
    HistoryView,
    IndexView,
    InspectView,
    InstanceSpecificView,
    WMABaseView,
)

from wagtail_community_matching.contrib.modeladmin.helpers import review_page_id
from wagtail_community_matching.places.regions import region_label
from wagtail_community_matching.spreadsheets import neutralise_formula


def _in_language(chunks, language):
    with translation.override(language):
        yield from chunks


class CommunityMatchingIndexView(IndexView):
    """Listing with only its declared filters, and formula-safe CSV and XLSX exports."""

    def get_filters(self, request):
        specs, has_filters, _remaining, use_distinct = super().get_filters(request)
        # Parameters no declared filter took are ignored, never turned into lookups.
        return specs, has_filters, {}, use_distinct

    def get_queryset(self, request=None):
        try:
            return super().get_queryset(request)
        except IncorrectLookupParameters:
            messages.error(
                request or self.request,
                _("A filter had a value it does not accept: no row is shown."),
            )
            return self.get_base_queryset(request).none()

    def to_row_dict(self, item):
        """Exported values as they are: empty cells stay empty, ``0`` and ``False`` stay."""
        row = {}
        for field in self.list_export:
            _field, _attr, value = lookup_field(field, item, self.model_admin)
            row[field] = "" if value is None else value
        return row

    def write_csv_response(self, queryset):
        # The CSV streams after the view has returned: keep the user's language for it.
        response = super().write_csv_response(queryset)
        response.streaming_content = _in_language(
            response.streaming_content, translation.get_language()
        )
        return response

    def preprocess_field_value(self, field, value, export_format):
        return neutralise_formula(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field):
        # wagtail-modeladmin reads export_headings from the view: take the ModelAdmin's.
        heading = self.model_admin.export_headings.get(field) or super().get_heading(
            queryset, field
        )
        return neutralise_formula(str(heading))


class PackageActionMixin:
    """Sends the user to the package's own view for ``action`` (its permission checks too)."""

    action = ""

    def get(self, request, *args, **kwargs):
        return redirect(self.model_admin.package_url(self.action, self.instance, request))


class PackageCreateView(PackageActionMixin, WMABaseView):
    action = "add"
    instance = None

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_create(user)


class PackageEditView(PackageActionMixin, InstanceSpecificView):
    action = "edit"

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_edit_obj(user, self.instance)


class PackageDeleteView(PackageActionMixin, InstanceSpecificView):
    action = "delete"

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_delete_obj(user, self.instance)


class CheckedHistoryView(HistoryView):
    """wagtail-modeladmin's history, shown only to users who may inspect the object."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_inspect_obj(user, self.instance)


def history_of(instance) -> list[dict]:
    """The audit log of ``instance``, newest first, with each entry's formatted message."""
    rows = []
    entries = log_registry.get_logs_for_instance(instance).select_related("user")
    for entry in entries.order_by("-timestamp", "-pk"):
        formatter = log_registry.get_formatter(entry)
        rows.append(
            {
                "entry": entry,
                "message": formatter.format_message(entry) if formatter else entry.action,
                "comment": formatter.format_comment(entry) if formatter else "",
            }
        )
    return rows


class CommunityMatchingInspectView(InspectView):
    """wagtail-modeladmin's inspect view; a field may also be a method of the ModelAdmin."""

    def get_dict_for_field(self, field_name):
        method = getattr(self.model_admin, field_name, None)
        if callable(method):
            return {
                "label": capfirst(getattr(method, "short_description", field_name)),
                "value": method(self.instance)
                or self.model_admin.get_empty_value_display(field_name),
            }
        return super().get_dict_for_field(field_name)


class ApplicationIndexView(CommunityMatchingIndexView):
    """Exports of applications: review columns, and a filtered form's answers."""

    def to_row_dict(self, item):
        return {key: self.model_admin.export_value(item, key) for key in self.list_export}

    def get_heading(self, queryset, field):
        if not hasattr(self, "_headings"):
            columns = self.model_admin.get_export_columns(self.request)
            self._headings = {key: str(heading) for key, heading in columns}
        return neutralise_formula(self._headings.get(field, field))


class ApplicationInspectView(CommunityMatchingInspectView):
    """One application: its review facts, the applicant's answers, files, notes and history.

    Read only: answers are the applicant's, and the review's actions stay in the package's
    application view, linked from here.
    """

    page_title = gettext_lazy("Application")

    def get_context_data(self, **kwargs):
        submission = self.instance
        # Opened through the form the user may review (a translation's applications too).
        page_id = review_page_id(self.request.user, submission)
        uploads = {upload.field_name: upload for upload in submission.uploads.all()}
        answers = []
        for field, answer in submission.answers():
            if field["type"] == "region" and answer:
                display = region_label(answer)
            elif isinstance(answer, list):
                display = ", ".join(str(item) for item in answer)
            else:
                display = answer
            upload = uploads.get(field["name"])
            answers.append(
                {
                    "label": field["label"],
                    "display": display,
                    "upload": upload,
                    "download_url": reverse(
                        "wagtail_community_matching_adhesion:download",
                        args=(page_id, submission.pk, upload.pk),
                    )
                    if upload
                    else "",
                }
            )
        return super().get_context_data(
            submission=submission,
            answers=answers,
            notes=submission.notes.select_related("author").order_by("created_at"),
            history=history_of(submission),
            review_url=reverse(
                "wagtail_community_matching_adhesion:detail",
                args=(page_id, submission.pk),
            ),
            **kwargs,
        )
