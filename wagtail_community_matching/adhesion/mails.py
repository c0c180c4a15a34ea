"""The mails of adhesion forms, built from editor-written text.

Mails to an address typed by the public (confirmation, decisions) carry only the
texts the editors wrote on the form page, the verification link and the page's
address: never an answer, so the form cannot be used to send arbitrary text to
someone else. Staff mails carry a link to the admin, not the answers.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail_community_matching.adhesion.verification import make_token
from wagtail_community_matching.conf import cm_settings

HEADERS = {"Auto-Submitted": "auto-generated"}


def _language(page) -> str:
    locale = getattr(page, "locale", None)
    return locale.language_code if locale is not None else settings.LANGUAGE_CODE


def _sender(page) -> str:
    return page.from_address or settings.DEFAULT_FROM_EMAIL


def verification_url(submission) -> str:
    """The absolute address of the page that confirms ``submission``'s address."""
    page = submission.page.specific
    route = page.reverse_subpage("verify", kwargs={"token": make_token(submission)})
    return page.get_full_url().rstrip("/") + "/" + route.lstrip("/")


def admin_url(submission) -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    path = reverse(
        "wagtail_community_matching_adhesion:detail", args=(submission.page_id, submission.pk)
    )
    return base + path


def confirmation_message(submission) -> EmailMessage:
    page = submission.page.specific
    with translation.override(_language(page)):
        subject = page.confirmation_subject or _("We have received your application")
        body = page.confirmation_body or _(
            "Thank you for applying to join the network. We will read your application "
            "and contact you."
        )
        if cm_settings.ADHESION_VERIFICATION_REQUIRED:
            body += "\n\n" + _(
                "Please confirm your email address by opening this link; until then we "
                "cannot review your application:"
            )
            body += f"\n{verification_url(submission)}\n"
            body += _("The link works for %(days)s days.") % {
                "days": cm_settings.ADHESION_VERIFICATION_MAX_AGE_DAYS
            }
        body += "\n\n" + _("If you did not apply, you can ignore this message.")
        return EmailMessage(
            subject=subject,
            body=body,
            from_email=_sender(page),
            to=[submission.applicant_email],
            headers=HEADERS,
        )


def staff_message(submission, recipients: list[str]) -> EmailMessage:
    page = submission.page.specific
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("New application: %(form)s") % {"form": page.title}
        body = _(
            "A new application was sent through the form “%(form)s”. Review it in the admin:"
        ) % {"form": page.title}
        body += f"\n{admin_url(submission)}\n"
        return EmailMessage(
            subject=subject, body=body, from_email=_sender(page), to=recipients, headers=HEADERS
        )


def decision_message(submission) -> EmailMessage | None:
    """The approval or rejection mail, or ``None`` for other statuses."""
    page = submission.page.specific
    with translation.override(_language(page)):
        if submission.status == "approved":
            subject = page.approval_subject or _("Your application has been approved")
            body = page.approval_body or _(
                "Welcome to the network! Your application has been approved. We will "
                "contact you soon to plan an introductory meeting."
            )
        elif submission.status == "rejected":
            subject = page.rejection_subject or _("About your application")
            body = page.rejection_body or _(
                "Thank you for your interest in the network. We are unable to accept your "
                "application at this time."
            )
        else:
            return None
        return EmailMessage(
            subject=subject,
            body=body,
            from_email=_sender(page),
            to=[submission.applicant_email],
            headers=HEADERS,
        )
