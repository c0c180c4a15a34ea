"""Work done after a request's transaction commits, such as sending email.

- Event registrations: :func:`send_registration_confirmation` takes a primary key,
  reads fresh rows and runs from ``transaction.on_commit``.
- Adhesion forms: background tasks (django-tasks) on the backend named by
  ``TASK_BACKEND`` (the immediate backend unless the site configures Django's
  ``TASKS`` setting), queued only after the transaction that stored the submission
  commits. Each task records when its mail went out; when sending fails it logs the
  error and raises, so the task is marked failed (and retried by backends that
  retry), and the mail stays pending for the ``send_adhesion_mails`` command.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from .conf import cm_settings
from .models.review import AdhesionSubmission
from .ratelimit import Rate, hit

logger = logging.getLogger(__name__)


def send_registration_confirmation(registration_id: int) -> bool:
    """Email a registrant the event, the date and whether they got a place.

    The mail carries only editor-written content (title, dates, place, online
    link when it is kept for registrants) and never echoes what the visitor typed.
    Returns whether a mail was sent; a failing mail server is logged, not raised,
    since the registration is already stored.
    """
    from .models.registrations import Registration

    registration = (
        Registration.objects.select_related("occurrence__venue", "occurrence__page")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return False
    occurrence = registration.occurrence
    event = occurrence.page.specific
    with translation.override(registration.language or event.locale.language_code):
        context = {"registration": registration, "occurrence": occurrence, "event": event}
        subject = render_to_string(
            "wagtail_community_matching/email/registration_subject.txt", context
        )
        body = render_to_string(
            "wagtail_community_matching/email/registration_confirmation.txt", context
        )
    try:
        send_mail(
            " ".join(subject.split()),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [registration.email],
        )
    except OSError:
        logger.exception("Could not send the confirmation of registration %s", registration_id)
        return False
    return True


# -- Adhesion forms ----------------------------------------------------------------------

MAIL_RATE_LIMIT_SCOPE = "adhesion-mail"


def enqueue(task_object, *args):
    """Queue ``task_object`` on the configured backend."""
    return task_object.using(backend=cm_settings.TASK_BACKEND).enqueue(*args)


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
    submission = (
        AdhesionSubmission.objects.select_related("page")
        .filter(pk=submission_id, anonymised_at__isnull=True)
        .first()
    )
    if submission is None or getattr(submission, sent_field) is not None:
        return None
    return submission


@task()
def send_confirmation(submission_id: int) -> bool:
    """Send the applicant the confirmation mail (with the verification link)."""
    from .mails import confirmation_message

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
    from .mails import staff_message

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
    from .mails import decision_message

    submission = _pending(submission_id, "decision_sent_at")
    if submission is None or not submission.applicant_email:
        return False
    message = decision_message(submission)
    if message is None:
        return False
    _send(message, submission_id, "decision")
    AdhesionSubmission.objects.filter(pk=submission_id).update(decision_sent_at=timezone.now())
    return True
