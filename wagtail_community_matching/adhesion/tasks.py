"""Mails of adhesion forms, sent after the request's transaction commits.

Background tasks (django-tasks) on the backend named by ``TASK_BACKEND`` (the immediate
backend unless the site configures Django's ``TASKS`` setting), queued only after the
transaction that stored the submission commits. Each task records when its mail went
out; when sending fails it logs the error and raises, so the task is marked failed (and
retried by backends that retry), and the mail stays pending for the
``send_adhesion_mails`` command.
"""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from wagtail_community_matching.adhesion.mails import (
    confirmation_message,
    decision_message,
    staff_message,
)
from wagtail_community_matching.adhesion.models import AdhesionSubmission
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.ratelimit import Rate, hit

logger = logging.getLogger(__name__)


MAIL_RATE_LIMIT_SCOPE = "adhesion-mail"


def _send(message, submission_id: int, what: str) -> None:
    try:
        message.send(fail_silently=False)
    except Exception:
        logger.exception(
            "Adhesion application %s: the %s mail could not be sent; it stays pending "
            "(run manage.py send_adhesion_mails to retry).",
            submission_id,
            what,
        )
        raise


def _pending(submission_id: int, sent_field: str) -> AdhesionSubmission | None:
    """The submission whose ``sent_field`` mail is still to send, with its specific page.

    Two queries: the submission, then its form page (of its own class, with its
    locale); nothing else is read again by the mail builders.
    """
    submission = (
        AdhesionSubmission.objects.select_related("page")
        .filter(pk=submission_id, anonymised_at__isnull=True, **{f"{sent_field}__isnull": True})
        .first()
    )
    if submission is None:
        return None
    page_class = submission.page.specific_class
    if page_class is not None and not isinstance(submission.page, page_class):
        submission.page = (
            page_class._default_manager.select_related("locale")
            .filter(pk=submission.page_id)
            .first()
            or submission.page
        )
    return submission


@task()
def send_confirmation(submission_id: int) -> bool:
    """Send the applicant the confirmation mail (with the verification link)."""
    submission = _pending(submission_id, "confirmation_sent_at")
    if submission is None or not submission.applicant_email:
        return False
    rate = Rate.parse(cm_settings.ADHESION_EMAIL_RATE_LIMIT)
    if not hit(MAIL_RATE_LIMIT_SCOPE, submission.applicant_email.lower(), rate):
        logger.warning(
            "Adhesion application %s: too many mails to the same address; the "
            "confirmation was not sent.",
            submission_id,
        )
        return False
    _send(confirmation_message(submission), submission_id, "confirmation")
    AdhesionSubmission.objects.filter(pk=submission_id).update(confirmation_sent_at=timezone.now())
    return True


@task()
def notify_staff(submission_id: int) -> bool:
    """Tell the staff addresses of the form (or of the network) about a new application."""
    submission = _pending(submission_id, "staff_notified_at")
    if submission is None:
        return False
    recipients = submission.page.specific.staff_addresses()
    if not recipients:
        return False
    _send(staff_message(submission, recipients), submission_id, "staff notification")
    AdhesionSubmission.objects.filter(pk=submission_id).update(staff_notified_at=timezone.now())
    return True


@task()
def send_decision(submission_id: int) -> bool:
    """Send the applicant the editor-written approval or rejection mail."""
    submission = _pending(submission_id, "decision_sent_at")
    if submission is None or not submission.applicant_email:
        return False
    message = decision_message(submission)
    if message is None:
        return False
    _send(message, submission_id, "decision")
    AdhesionSubmission.objects.filter(pk=submission_id).update(decision_sent_at=timezone.now())
    return True
