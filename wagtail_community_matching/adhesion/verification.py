"""Signed, expiring links that confirm an applicant's email address.

A token signs the submission's id and a digest of its address with Django's
``SECRET_KEY`` and a timestamp: it cannot be forged or guessed, it stops working
after ``ADHESION_VERIFICATION_MAX_AGE_DAYS`` days, and it stops working when the
address changes (for example once the application is anonymised).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from wagtail_community_matching.adhesion import audit
from wagtail_community_matching.adhesion.models import AdhesionSubmission, ReviewStatus
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.text import address_digest

SALT = "wagtail_community_matching.adhesion.verify"


def make_token(submission: AdhesionSubmission) -> str:
    """The token of the confirmation link of ``submission``.

    Django's signed value has three parts joined by ``:``; Wagtail's page URLs take
    only letters, digits, ``_`` and ``-`` in each segment, so the parts are joined
    by ``/`` instead (the route captures them as one path).
    """
    payload = {"s": submission.pk, "e": address_digest(submission.applicant_email)}
    return signing.dumps(payload, salt=SALT).replace(":", "/")


@dataclass(frozen=True)
class TokenCheck:
    """The outcome of reading a token: a submission, or why there is none."""

    submission: AdhesionSubmission | None = None
    expired: bool = False


def read_token(page, token: str) -> TokenCheck:
    """The submission of ``page`` that ``token`` confirms (``None`` if invalid)."""
    max_age = cm_settings.ADHESION_VERIFICATION_MAX_AGE_DAYS * 86400
    try:
        signed = str(token)[:500].strip("/").replace("/", ":")
        payload = signing.loads(signed, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        return TokenCheck(expired=True)
    except (signing.BadSignature, ValueError, TypeError):
        return TokenCheck()
    if not isinstance(payload, dict) or not isinstance(payload.get("s"), int):
        return TokenCheck()
    submission = page.get_submissions().filter(pk=payload["s"]).first()
    if submission is None or submission.anonymised_at is not None:
        return TokenCheck()
    if address_digest(submission.applicant_email) != payload.get("e"):
        return TokenCheck()
    return TokenCheck(submission=submission)


def verify_submission(submission: AdhesionSubmission) -> bool:
    """Mark the address verified; a new application moves to "verified".

    Returns ``False`` when it was verified already.
    """
    with transaction.atomic():
        locked = AdhesionSubmission.objects.select_for_update().get(pk=submission.pk)
        if locked.email_verified_at is not None:
            return False
        now = timezone.now()
        locked.email_verified_at = now
        fields = ["email_verified_at"]
        if locked.status == ReviewStatus.NEW:
            locked.status = ReviewStatus.VERIFIED
            locked.status_changed_at = now
            fields += ["status", "status_changed_at"]
        locked.save(update_fields=fields)
        log(locked, audit.VERIFY, user=None)
    submission.refresh_from_db()
    return True
