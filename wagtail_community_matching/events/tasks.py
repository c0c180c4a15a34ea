"""Mails of event registrations, sent by the task backend once the sign-up is stored."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from wagtail_community_matching.events.choices import RegistrantStatus
from wagtail_community_matching.events.links import CANCEL, CONFIRM, action_url
from wagtail_community_matching.events.registrations import Registration

logger = logging.getLogger(__name__)


#: Mails of a registration, by the moment they are sent.
KINDS = ("sign_up", "offer", "confirmed", "date_moved", "date_cancelled")


@task()
def send_registration_confirmation(registration_id: int, kind: str = "sign_up") -> bool:
    """Email a registrant the event, the date and where their sign-up stands.

    ``kind`` is ``sign_up`` (a place held until they confirm, or the waiting list),
    ``offer`` (a freed place held for them), ``confirmed``, or, when the editor changed
    the date, ``date_moved`` (the new time) or ``date_cancelled``. Mails to an
    unconfirmed person ask to confirm through a signed link, and every mail but
    ``date_cancelled`` has a signed link to cancel;
    links are built from the Site's configured root URL. The mail carries only
    editor-written content (title, dates, place, online link once confirmed when it
    is kept for registrants) and never echoes what the visitor typed. Returns whether
    a mail was sent; a failing mail server is logged, not raised, since the
    registration is already stored.
    """
    registration = (
        Registration.objects.select_related("occurrence__venue", "occurrence__page")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or kind not in KINDS:
        return False
    occurrence = registration.occurrence
    event = occurrence.page.specific
    with translation.override(registration.language or event.locale.language_code):
        cancelled = kind == "date_cancelled"
        unconfirmed = registration.status == RegistrantStatus.UNCONFIRMED and not cancelled
        context = {
            "registration": registration,
            "occurrence": occurrence,
            "event": event,
            "kind": kind,
            "zone": occurrence.zone,
            "confirm_url": action_url(registration, event, CONFIRM) if unconfirmed else "",
            "cancel_url": "" if cancelled else action_url(registration, event, CANCEL),
        }
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
