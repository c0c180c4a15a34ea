"""Audit log actions of the review of applications (Wagtail's ``ModelLogEntry``).

Each action is named ``wagtail_community_matching.adhesion.<what>``; the history of
an application in the admin is the list of its log entries.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, get_active_log_context, log, registry
from wagtail.models import ModelLogEntry

from wagtail_community_matching.adhesion.models import ReviewStatus

PREFIX = "wagtail_community_matching.adhesion."
SUBMIT = PREFIX + "submit"
VERIFY = PREFIX + "verify"
STATUS = PREFIX + "status"
ASSIGN = PREFIX + "assign"
NOTE = PREFIX + "note"
APPROVE = PREFIX + "approve"
EXPORT = PREFIX + "export"
ERASE = PREFIX + "erase"
ANONYMISE = PREFIX + "anonymise"


def _status_label(value: str) -> str:
    try:
        return str(ReviewStatus(value).label)
    except ValueError:
        return value


class _NoteComment(LogFormatter):
    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("note", "")


class StatusFormatter(_NoteComment):
    label = _("Application: change status")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _("Status changed from “%(old)s” to “%(new)s”") % {
            "old": _status_label(data.get("from", "")),
            "new": _status_label(data.get("to", "")),
        }


class AssignFormatter(LogFormatter):
    label = _("Application: assign reviewer")

    def format_message(self, log_entry):
        name = (log_entry.data or {}).get("assignee")
        if name:
            return _("Assigned to %(name)s") % {"name": name}
        return _("Reviewer unassigned")


class ApproveFormatter(_NoteComment):
    label = _("Application: approve")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        if data.get("created"):
            message = _("Approved; member “%(member)s” created")
        else:
            message = _("Approved; member “%(member)s” updated")
        if data.get("published"):
            message = _("%(message)s and published") % {"message": message}
        return message % {"member": data.get("member", "")}


def log_received(submission) -> None:
    """Record that ``submission`` was received: ``log(submission, SUBMIT)`` in one query.

    Wagtail validates every log entry before saving it (``full_clean``), and the check
    of its content type reads that row again although Django's cache has just given it:
    one more query in every application. The entry written here is the one ``log()``
    writes (same label, user and uuid of the active log context), validated the same
    way but for that check, and saved in one ``INSERT``.
    """
    registry.scan_for_actions()
    if registry.get_log_model_for_instance(submission) is not ModelLogEntry:
        log(submission, SUBMIT, user=None)
        return
    context = get_active_log_context()
    entry = ModelLogEntry(
        content_type=ContentType.objects.get_for_model(submission, for_concrete_model=False),
        label=ModelLogEntry.objects.get_instance_title(submission),
        action=SUBMIT,
        timestamp=timezone.now(),
        data={},
        user=context.user,
        uuid=context.uuid,
        object_id=str(submission.pk),
    )
    entry.full_clean(exclude=["content_type"])  # the registered action, the lengths
    models.Model.save(entry)  # BaseLogEntry.save would run full_clean again


def register_adhesion_log_actions(actions) -> None:
    """Register the actions with Wagtail's log action registry."""
    actions.register_action(SUBMIT, _("Application: receive"), _("Application received"))
    actions.register_action(VERIFY, _("Application: verify address"), _("Address verified"))
    actions.register_action(STATUS)(StatusFormatter)
    actions.register_action(ASSIGN)(AssignFormatter)

    @actions.register_action(NOTE)
    class NoteFormatter(_NoteComment):
        label = _("Application: add note")
        message = _("Note added")

    actions.register_action(APPROVE)(ApproveFormatter)
    actions.register_action(EXPORT, _("Application: export data"), _("Applicant's data exported"))
    actions.register_action(ERASE, _("Application: erase"), _("Applicant's data erased"))
    actions.register_action(
        ANONYMISE, _("Application: anonymise"), _("Application anonymised (retention)")
    )
