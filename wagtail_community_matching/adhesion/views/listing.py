"""Reviewers list, filter, export and act in bulk on one form's applications.

Every view starts from :func:`get_reviewable_page`, which returns the form page
only when the user has the form-submission permission on it (Wagtail's
``get_forms_for_user``); submissions are then looked up among that page's own.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.views.generic.base import BaseListingView
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.contrib.forms.views import SubmissionsListView

from wagtail_community_matching.adhesion.exceptions import ReviewError
from wagtail_community_matching.adhesion.exports import export_value
from wagtail_community_matching.adhesion.models import AdhesionSubmission, ReviewStatus
from wagtail_community_matching.adhesion.review_forms import AdhesionSubmissionFilterSet
from wagtail_community_matching.adhesion.reviewing import BULK_STATUSES, bulk_change_status
from wagtail_community_matching.places.regions import region_label
from wagtail_community_matching.spreadsheets import neutralise_formula


def get_reviewable_page(user, page_id):
    """The adhesion form page ``page_id`` if ``user`` may review its applications.

    Raises ``PermissionDenied`` otherwise (also for pages that do not exist, so ids
    reveal nothing).
    """
    page = get_forms_for_user(user).filter(pk=page_id).first()
    if page is None:
        raise PermissionDenied
    page = page.specific
    # An adhesion form page is a form page whose answers are adhesion submissions.
    if not issubclass(page.get_submission_class(), AdhesionSubmission):
        raise Http404
    return page


class AdhesionSubmissionsListView(SubmissionsListView):
    """Wagtail's submissions listing with review columns, filters, search and bulk actions."""

    results_template_name = "wagtail_community_matching/admin/submissions_results.html"
    filterset_class = AdhesionSubmissionFilterSet
    is_searchable = True
    search_fields = ["organisation_name", "applicant_email", "city"]
    orderable_fields = ("id", "submit_time", "status", "organisation_name")
    page_title = gettext_lazy("Applications")

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["page"] = self.form_page
        return kwargs

    def get_base_queryset(self):
        return self.form_page.get_submissions().select_related("assignee")

    def to_row_dict(self, item):
        return {key: export_value(item, key) for key in self.list_export}

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                key: neutralise_formula(self.preprocess_field_value(key, value, self.FORMAT_CSV))
                for key, value in row_dict.items()
            }
        )

    def get_heading(self, queryset, field):
        # Every exported column has its label in ``export_headings`` (set with the columns
        # from ``get_data_fields()``): review columns and answers, never a model field.
        return neutralise_formula(force_str(self.export_headings[field]))

    def get_context_data(self, **kwargs):
        # Skip SubmissionsListView's table of raw answers: the results template
        # shows review columns and links to each application.
        context = BaseListingView.get_context_data(self, **kwargs)
        ordering = self.get_validated_ordering()
        context.update(
            {
                "form_page": self.form_page,
                "bulk_statuses": [(s, ReviewStatus(s).label) for s in BULK_STATUSES],
                "ordering": {name: values[0] for name, values in ordering.items()},
                "next_url": f"{self.get_index_url()}?{self.request.GET.urlencode()}",
                "rows": [
                    {
                        "submission": submission,
                        "region": region_label(submission.region),
                        "url": reverse(
                            "wagtail_community_matching_adhesion:detail",
                            args=(self.form_page.pk, submission.pk),
                        ),
                    }
                    for submission in context[self.context_object_name]
                ],
            }
        )
        return context


@require_POST
def bulk_status(request, page_id):
    """Set one status on the selected applications of this page."""
    page = get_reviewable_page(request.user, page_id)
    ids = request.POST.getlist("selected-submissions")
    listing = reverse("wagtailforms:list_submissions", args=(page.pk,))
    try:
        changed, skipped = bulk_change_status(
            page, ids, request.POST.get("status", ""), user=request.user
        )
    except ReviewError as error:
        messages.error(request, str(error))
        return redirect(listing)
    if changed:
        messages.success(
            request,
            ngettext("%(count)d application updated.", "%(count)d applications updated.", changed)
            % {"count": changed},
        )
    if skipped:
        messages.warning(
            request,
            ngettext(
                "%(count)d application could not take this status and was left as it was.",
                "%(count)d applications could not take this status and were left as they were.",
                skipped,
            )
            % {"count": skipped},
        )
    if not changed and not skipped:
        messages.error(request, _("No application was selected."))
    return redirect(listing)
