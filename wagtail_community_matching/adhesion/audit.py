"""Audit log actions of the review of applications (Wagtail's ``ModelLogEntry``).

Each action is named ``wagtail_community_matching.adhesion.<what>``; the history of
an application in the admin is the list of its log entries.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

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
