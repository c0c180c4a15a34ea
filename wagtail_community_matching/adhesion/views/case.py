"""Reviewers open one application: answers, files, status, reviewer, notes, history.

Also the privacy actions on the applicant's data: export (a ZIP) and erasure.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from wagtail_community_matching.adhesion.approval import (
    approve,
    comparison,
    member_permissions,
    permission_error,
    similar_members,
)
from wagtail_community_matching.adhesion.exceptions import ReviewError
from wagtail_community_matching.adhesion.logos import consents_to_publication, logo_upload
from wagtail_community_matching.adhesion.models import ReviewStatus
from wagtail_community_matching.adhesion.review_forms import (
    ApproveForm,
    AssignForm,
    NoteForm,
    StatusForm,
    UpdateMemberForm,
)
from wagtail_community_matching.adhesion.reviewing import (
    add_note,
    allowed_statuses,
    applicant_submissions,
    assign,
    change_status,
    erase_submission,
    export_applicant_data,
    transition_error,
)
from wagtail_community_matching.adhesion.views.listing import get_reviewable_page
from wagtail_community_matching.members.models import Member
from wagtail_community_matching.places.regions import region_label

DETAIL = "wagtail_community_matching_adhesion:detail"


class SubmissionMixin(WagtailAdminTemplateMixin):
    """Loads the page the user may review and the submission among its own."""

    header_icon = "form"

    def dispatch(self, request, page_id, submission_id):
        # The URL gives exactly these ids; the pages never read the reviewer object.
        self.form_page = get_reviewable_page(request.user, page_id)
        self.submission = get_object_or_404(self.form_page.get_submissions(), pk=submission_id)
        return super().dispatch(request)

    def get_page_subtitle(self):
        return str(self.submission)

    def detail_url(self):
        return reverse(DETAIL, args=(self.form_page.pk, self.submission.pk))

    def listing_url(self):
        return reverse("wagtailforms:list_submissions", args=(self.form_page.pk,))

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailforms:index"), "label": _("Forms")},
            {"url": self.listing_url(), "label": self.form_page.get_admin_display_title()},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]


def _history(submission):
    entries = ModelLogEntry.objects.for_instance(submission).select_related("user")
    history = []
    for entry in entries.order_by("-timestamp", "-pk"):
        formatter = log_registry.get_formatter(entry)
        history.append(
            {
                "entry": entry,
                "message": formatter.format_message(entry) if formatter else entry.action,
                "comment": formatter.format_comment(entry) if formatter else "",
            }
        )
    return history


class SubmissionDetailView(SubmissionMixin, TemplateView):
    template_name = "wagtail_community_matching/admin/submission_detail.html"
    page_title = gettext_lazy("Application")

    def get_forms(self, data=None):
        submission = self.submission
        statuses = [(v, label) for v, label in allowed_statuses(submission) if v != "approved"]
        forms = {
            "status": StatusForm(data, statuses=statuses, prefix="status") if statuses else None,
            "assign": AssignForm(
                data,
                page=self.form_page,
                prefix="assign",
                initial={"assignee": submission.assignee_id},
            ),
            "note": NoteForm(data, prefix="note"),
            "approve": None,
        }
        if transition_error(submission, ReviewStatus.APPROVED) is None:
            forms["approve"] = ApproveForm(data, prefix="approve")
        return forms

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.submission
        uploads = {upload.field_name: upload for upload in submission.uploads.all()}
        answers = []
        for field, answer in submission.answers():
            display = answer
            if field["type"] == "region" and answer:
                display = region_label(answer)
            elif isinstance(answer, list):
                display = ", ".join(str(item) for item in answer)
            answers.append(
                {
                    "field": field,
                    "answer": answer,
                    "display": display,
                    "upload": uploads.get(field["name"]),
                }
            )
        context.update(
            {
                "form_page": self.form_page,
                "submission": submission,
                "answers": answers,
                "notes": submission.notes.select_related("author"),
                "history": _history(submission),
                "forms": kwargs.get("forms") or self.get_forms(),
                "listing_url": self.listing_url(),
                "approve_blocked": transition_error(submission, ReviewStatus.APPROVED),
                "similar_members": similar_members(submission.organisation_name)[:5],
                "member_permissions": member_permissions(self.request.user),
                "logo_upload": logo_upload(submission),
                "logo_consent": consents_to_publication(submission),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        forms = self.get_forms(request.POST)
        form = forms.get(action)
        if form is None or not form.is_valid():
            messages.error(request, _("The action could not be done. See the errors below."))
            context = self.get_context_data(forms=forms)
            return self.render_to_response(context, status=400)
        if action == "approve" and form.cleaned_data.get("member"):
            member = form.cleaned_data["member"]
            return redirect(
                reverse(
                    "wagtail_community_matching_adhesion:update_member",
                    args=(self.form_page.pk, self.submission.pk, member.pk),
                )
            )
        try:
            self.handle(action, form.cleaned_data)
        except ReviewError as error:
            messages.error(request, str(error))
        return redirect(self.detail_url())

    def handle(self, action, data):
        user, submission = self.request.user, self.submission
        if action == "status":
            change_status(submission, data["status"], user=user, note=data["note"])
            messages.success(self.request, _("Status changed."))
        elif action == "assign":
            assign(submission, data["assignee"], user=user)
            messages.success(self.request, _("Reviewer saved."))
        elif action == "note":
            add_note(submission, data["text"], user=user)
            messages.success(self.request, _("Note added."))
        elif action == "approve":
            result = approve(submission, user=user, publish=data["publish"], note=data["note"])
            messages.success(
                self.request,
                _("Application approved: member “%(member)s” saved.") % {"member": result.member},
            )
            for warning in result.warnings:
                messages.warning(self.request, warning)


class UpdateMemberView(SubmissionMixin, TemplateView):
    """Approve into an existing member: current values beside the application's, chosen
    field by field."""

    template_name = "wagtail_community_matching/admin/update_member.html"
    page_title = gettext_lazy("Update a member from the application")

    def dispatch(self, request, page_id, submission_id, member_id):
        self.member = get_object_or_404(Member, pk=member_id)
        return super().dispatch(request, page_id, submission_id)

    def get(self, request, *args, **kwargs):
        # The comparison shows the member's latest revision, drafts included: only to
        # reviewers who may change members (approve() checks again when it saves).
        if "change" not in member_permissions(request.user):
            messages.error(
                request, permission_error(request.user, member=self.member, publish=False)
            )
            return redirect(self.detail_url())
        return super().get(request, *args, **kwargs)

    def get_form(self, data=None):
        return UpdateMemberForm(data, rows=comparison(self.submission, self.member))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = kwargs.get("form") or self.get_form()
        context.update(
            {
                "submission": self.submission,
                "member": self.member,
                "form": form,
                "rows": [{**row, "field": form[f"take_{row['attribute']}"]} for row in form.rows],
                "detail_url": self.detail_url(),
                "pending_draft": self.member.has_unpublished_changes,
                "blocked": transition_error(self.submission, ReviewStatus.APPROVED),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            result = approve(
                self.submission,
                user=request.user,
                publish=form.cleaned_data["publish"],
                note=form.cleaned_data["note"],
                member=self.member,
                fields=form.taken(),
            )
        except ReviewError as error:
            messages.error(request, str(error))
            return redirect(self.detail_url())
        messages.success(
            request,
            _("Application approved: member “%(member)s” updated.") % {"member": result.member},
        )
        for warning in result.warnings:
            messages.warning(request, warning)
        return redirect(self.detail_url())


class EraseApplicantView(SubmissionMixin, TemplateView):
    """Erase every application of the applicant (in the forms the user may review)."""

    template_name = "wagtail_community_matching/admin/erase_applicant.html"
    page_title = gettext_lazy("Erase the applicant's data")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "submission": self.submission,
                "count": applicant_submissions(self.submission, self.request.user).count(),
                "detail_url": self.detail_url(),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        submissions = list(applicant_submissions(self.submission, request.user))
        for submission in submissions:
            erase_submission(submission, user=request.user)
        messages.success(
            request,
            _("The applicant's data was erased (%(count)s applications).")
            % {"count": len(submissions)},
        )
        return redirect(self.listing_url())


def export_applicant(request, page_id, submission_id):
    """A ZIP of every application of the applicant, with their files."""
    page = get_reviewable_page(request.user, page_id)
    submission = get_object_or_404(page.get_submissions(), pk=submission_id)
    response = HttpResponse(
        export_applicant_data(submission, user=request.user), content_type="application/zip"
    )
    response["Content-Disposition"] = f'attachment; filename="application-{submission.pk}.zip"'
    response["X-Content-Type-Options"] = "nosniff"
    # Never stored by a cache: Wagtail's admin URLs (this one included, through the
    # ``register_admin_urls`` hook) are all ``never_cache`` (private, no-store).
    return response
