"""The review of applications: status changes, reviewers, notes, export and erasure.

Every function takes the acting user and records what it did in Wagtail's audit
log. Querysets always start from a page's own submissions
(``page.get_submissions()``): ids sent by a browser are only ever looked up among
them, so a reviewer of one form can never act on another form's applications.
"""

from __future__ import annotations

import io
import json
import zipfile
from functools import partial

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.contrib.forms.utils import get_forms_for_user
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from wagtail_community_matching.adhesion import audit
from wagtail_community_matching.adhesion.exceptions import ReviewError
from wagtail_community_matching.adhesion.logos import delete_images_of
from wagtail_community_matching.adhesion.models import (
    NEEDS_VERIFIED_ADDRESS,
    TRANSITIONS,
    AdhesionNote,
    AdhesionSubmission,
    ReviewStatus,
)
from wagtail_community_matching.adhesion.tasks import send_decision
from wagtail_community_matching.background import enqueue
from wagtail_community_matching.conf import cm_settings

#: Statuses that bulk actions may set (approval needs a decision per application).
BULK_STATUSES = ("in_review", "rejected", "withdrawn")


def transition_error(submission: AdhesionSubmission, new_status: str) -> str | None:
    """Why ``submission`` cannot move to ``new_status``, or ``None`` if it can."""
    if new_status not in ReviewStatus.values:
        return _("Unknown status.")
    if new_status not in TRANSITIONS[submission.status]:
        return _("An application that is “%(old)s” cannot become “%(new)s”.") % {
            "old": submission.get_status_display(),
            "new": ReviewStatus(new_status).label,
        }
    if (
        new_status in NEEDS_VERIFIED_ADDRESS
        and cm_settings.ADHESION_VERIFICATION_REQUIRED
        and not submission.is_verified
    ):
        return _("The applicant has not confirmed their email address yet.")
    return None


def allowed_statuses(submission: AdhesionSubmission) -> list[tuple[str, str]]:
    """``(value, label)`` of the statuses ``submission`` may move to now."""
    return [
        (value, label)
        for value, label in ReviewStatus.choices
        if transition_error(submission, value) is None
    ]


def _queue_decision(submission_id: int) -> None:
    enqueue(send_decision, submission_id)


def set_status(
    submission: AdhesionSubmission, new_status: str, *, user, note: str = "", notify: bool = True
) -> None:
    """Record the move of ``submission`` to ``new_status`` (checked by the caller).

    Approvals and rejections queue the decision mail unless ``notify`` is false.
    """
    old_status = submission.status
    submission.status = new_status
    submission.status_changed_at = timezone.now()
    fields = ["status", "status_changed_at"]
    if new_status in ("approved", "rejected") and notify:
        submission.decision_sent_at = None  # a new decision gets its own mail
        fields.append("decision_sent_at")
        transaction.on_commit(partial(_queue_decision, submission.pk))
    submission.save(update_fields=fields)
    data = {"from": old_status, "to": new_status}
    if note:
        data["note"] = note
    log(submission, audit.STATUS, user=user, data=data)


def change_status(submission: AdhesionSubmission, new_status: str, *, user, note="") -> None:
    """Move ``submission`` to ``new_status`` (not "approved": see ``approval.approve``).

    Raises :class:`ReviewError` when the move is not allowed. Rejections send the
    applicant the page's rejection mail after the commit.
    """
    if new_status == ReviewStatus.APPROVED:
        raise ReviewError(_("Use the approval form to approve an application."))
    error = transition_error(submission, new_status)
    if error:
        raise ReviewError(error)
    with transaction.atomic():
        set_status(submission, new_status, user=user, note=note)


def bulk_change_status(page, ids, new_status: str, *, user) -> tuple[int, int]:
    """Move the listed applications *of page* to ``new_status``; ``(changed, skipped)``.

    Ids of other pages' applications are ignored.
    """
    if new_status not in BULK_STATUSES:
        raise ReviewError(_("This status cannot be set on several applications at once."))
    clean_ids = [int(i) for i in ids if str(i).isdigit()]
    changed = skipped = 0
    with transaction.atomic():
        for submission in page.get_submissions().filter(pk__in=clean_ids).select_for_update():
            if transition_error(submission, new_status):
                skipped += 1
                continue
            set_status(submission, new_status, user=user)
            changed += 1
    return changed, skipped


def assign(submission: AdhesionSubmission, assignee, *, user) -> None:
    """Make ``assignee`` (or nobody) the reviewer of ``submission``."""
    submission.assignee = assignee
    submission.save(update_fields=["assignee"])
    name = (assignee.get_full_name() or assignee.get_username()) if assignee else ""
    log(submission, audit.ASSIGN, user=user, data={"assignee": name})


def add_note(submission: AdhesionSubmission, text: str, *, user) -> AdhesionNote:
    """Add an internal note (never shown to the applicant)."""
    note = AdhesionNote.objects.create(submission=submission, author=user, text=text)
    log(submission, audit.NOTE, user=user, data={"note": text})
    return note


def applicant_submissions(submission: AdhesionSubmission, user):
    """Every application with ``submission``'s address in the forms ``user`` may review."""
    pages = get_forms_for_user(user)
    queryset = AdhesionSubmission.objects.filter(page__in=pages)
    if submission.applicant_email:
        return queryset.filter(applicant_email__iexact=submission.applicant_email)
    return queryset.filter(pk=submission.pk)


def _submission_data(submission: AdhesionSubmission) -> dict:
    return {
        "id": submission.pk,
        "form": submission.page.title,
        "submitted_at": submission.submit_time,
        "status": submission.status,
        "email_verified_at": submission.email_verified_at,
        "answers": [
            {"field": field["name"], "label": field["label"], "answer": answer}
            for field, answer in submission.answers()
        ],
        "consents": submission.consents,
        "files": [
            {"field": upload.field_name, "name": upload.original_name, "type": upload.content_type}
            for upload in submission.uploads.all()
        ],
        "notes": [{"at": note.created_at, "text": note.text} for note in submission.notes.all()],
    }


def export_applicant_data(submission: AdhesionSubmission, *, user) -> bytes:
    """A ZIP with ``applications.json`` and every uploaded file of the applicant."""
    submissions = (
        applicant_submissions(submission, user)
        .select_related("page")
        .prefetch_related("uploads", "notes")
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        data = [_submission_data(item) for item in submissions]
        text = json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
        archive.writestr("applications.json", text)
        for item in submissions:
            for upload in item.uploads.all():
                extension = upload.file.name.rsplit(".", 1)[-1]
                with upload.file.open("rb") as handle:
                    archive.writestr(f"files/{item.pk}-{upload.pk}.{extension}", handle.read())
            log(item, audit.EXPORT, user=user)
    return buffer.getvalue()


def _scrub_log_notes(submission: AdhesionSubmission) -> None:
    for entry in ModelLogEntry.objects.for_instance(submission):
        if entry.data and "note" in entry.data:
            entry.data = {k: v for k, v in entry.data.items() if k != "note"}
            entry.save(update_fields=["data"])


def erase_submission(submission: AdhesionSubmission, *, user) -> None:
    """Delete an application, its files and notes; keep a log entry without personal data."""
    with transaction.atomic():
        log(submission, audit.ERASE, user=user)
        _scrub_log_notes(submission)
        delete_images_of(submission)  # a logo published from the applicant's file
        submission.delete()  # files leave the storage after the commit (signals.py)


def anonymise_submission(submission: AdhesionSubmission, *, user=None) -> None:
    """Remove every answer, file and note, keeping status, dates and consent records."""
    with transaction.atomic():
        submission.uploads.all().delete()
        submission.notes.all().delete()
        _scrub_log_notes(submission)
        submission.form_data = {}
        submission.organisation_name = submission.city = submission.applicant_email = ""
        submission.anonymised_at = timezone.now()
        submission.save()
        log(submission, audit.ANONYMISE, user=user)
