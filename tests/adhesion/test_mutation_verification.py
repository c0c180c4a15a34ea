"""Email verification links at their boundaries (issue 18: the bugs mutation testing found).

Links live exactly ``ADHESION_VERIFICATION_MAX_AGE_DAYS`` days (a minute before and after
the end are tried), are bound to the whole address (a new address whose digest shares its
first characters with the old one does not reopen the old link), verify only new
applications, and verify once, under the row lock, with ``status_changed_at`` saved.
"""

from __future__ import annotations

import hashlib
import itertools
import time

import pytest
from django.core import signing
from django.utils import timezone
from wagtail.models import ModelLogEntry

from wagtail_community_matching.adhesion.verification import (
    SALT,
    make_token,
    read_token,
    verify_submission,
)
from wagtail_community_matching.models import AdhesionSubmission, ReviewStatus

from ..conftest import it
from .helpers import apply

pytestmark = pytest.mark.django_db

EXPIRED = (
    "This link has expired. Your application is kept: write to us and we will confirm "
    "your address another way."
)
INVALID = "This link is not valid. Please copy the whole link from the mail we sent you."
VERIFIED = "Thank you: your address is confirmed. We will now review your application."


def verify_url(page, submission) -> str:
    return page.url + f"verify/{make_token(submission)}/"


def at(monkeypatch, seconds_from_now: float) -> None:
    """Read tokens as if ``seconds_from_now`` had passed (Django's signer uses time.time)."""
    real = time.time
    moment = real() + seconds_from_now
    monkeypatch.setattr("django.core.signing.time.time", lambda: moment)


@pytest.mark.parametrize("days", [1, 7, 30])
def test_a_link_lives_exactly_the_configured_days(client, page, settings, monkeypatch, days):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADHESION_VERIFICATION_MAX_AGE_DAYS": days}
    submission = apply(page)
    url = verify_url(page, submission)
    at(monkeypatch, days * 86400 - 60)  # a minute left
    opened = client.get(url)
    assert opened.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in opened.content.decode()  # rendered for the request
    confirmed = client.post(url)
    assert confirmed.status_code == 200
    assert it(VERIFIED) in confirmed.content.decode()
    submission.refresh_from_db()
    assert submission.is_verified


@pytest.mark.parametrize("days", [1, 7, 30])
def test_a_link_expires_seconds_after_the_configured_days(
    client, page, settings, monkeypatch, days
):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADHESION_VERIFICATION_MAX_AGE_DAYS": days}
    submission = apply(page)
    url = verify_url(page, submission)
    at(monkeypatch, days * 86400 + 2)  # signatures count whole seconds
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 400
        assert it(EXPIRED) in response.content.decode()
    submission.refresh_from_db()
    assert not submission.is_verified and submission.status == ReviewStatus.NEW


def test_the_default_age_is_seven_days(page, monkeypatch):
    submission = apply(page)
    token = make_token(submission)
    at(monkeypatch, 7 * 86400 - 60)
    assert read_token(page, token).submission == submission
    at(monkeypatch, 7 * 86400 + 2)
    assert read_token(page, token) == type(read_token(page, token))(expired=True)


def _address_sharing_digest_prefix(address: str, length: int) -> str:
    """Another address whose digest starts with the same ``length`` hex characters."""
    prefix = hashlib.sha256(address.encode()).hexdigest()[:length]
    for number in itertools.count():
        candidate = f"nuovo{number}@parma.example"
        if hashlib.sha256(candidate.encode()).hexdigest().startswith(prefix):
            return candidate
    raise AssertionError("unreachable")  # pragma: no cover


@pytest.mark.parametrize("shared", [0, 1, 4])
def test_a_changed_address_invalidates_the_old_link(client, page, shared):
    """Staff correct the address: the link mailed to the old one stops working, even when
    the new address's digest begins like the old one's."""
    submission = apply(page)
    url = verify_url(page, submission)
    new = _address_sharing_digest_prefix(submission.applicant_email, shared)
    AdhesionSubmission.objects.filter(pk=submission.pk).update(applicant_email=new)
    response = client.post(url)
    assert response.status_code == 400
    assert it(INVALID) in response.content.decode()
    assert not AdhesionSubmission.objects.get(pk=submission.pk).is_verified


def test_the_same_address_in_other_capitals_keeps_the_link(client, page):
    submission = apply(page)
    url = verify_url(page, submission)
    AdhesionSubmission.objects.filter(pk=submission.pk).update(
        applicant_email=submission.applicant_email.upper()
    )
    assert client.post(url).status_code == 200
    assert AdhesionSubmission.objects.get(pk=submission.pk).is_verified


@pytest.mark.parametrize(
    "status", [ReviewStatus.REJECTED, ReviewStatus.WITHDRAWN, ReviewStatus.APPROVED, "in_review"]
)
def test_a_link_never_revives_a_decided_application(client, page, status):
    submission = apply(page)
    url = verify_url(page, submission)
    AdhesionSubmission.objects.filter(pk=submission.pk).update(status=status)
    before = AdhesionSubmission.objects.get(pk=submission.pk).status_changed_at
    assert client.post(url).status_code == 200
    submission.refresh_from_db()
    assert submission.status == status  # the address is confirmed, the decision stands
    assert submission.is_verified
    assert submission.status_changed_at == before


def test_verifying_a_new_application_saves_status_and_its_time(page):
    submission = apply(page)
    assert verify_submission(submission) is True
    stored = AdhesionSubmission.objects.get(pk=submission.pk)
    assert stored.status == ReviewStatus.VERIFIED
    assert stored.email_verified_at is not None
    assert stored.status_changed_at == stored.email_verified_at
    assert submission.status == ReviewStatus.VERIFIED  # the caller's object is refreshed


def test_a_second_verification_changes_nothing_even_from_a_stale_object(page):
    """Two clicks at once: the second reads the row under the lock, not its old copy."""
    submission = apply(page)
    stale = AdhesionSubmission.objects.get(pk=submission.pk)
    assert verify_submission(submission) is True
    first = AdhesionSubmission.objects.get(pk=submission.pk).email_verified_at
    assert stale.email_verified_at is None
    assert verify_submission(stale) is False
    assert AdhesionSubmission.objects.get(pk=submission.pk).email_verified_at == first
    logged = ModelLogEntry.objects.filter(action="wagtail_community_matching.adhesion.verify")
    assert logged.count() == 1


def test_opening_the_link_does_not_verify_and_a_verified_link_says_so(client, page):
    submission = apply(page)
    url = verify_url(page, submission)
    assert client.get(url).status_code == 200
    assert client.head(url).status_code in (200, 405)
    assert not AdhesionSubmission.objects.get(pk=submission.pk).is_verified
    client.post(url)
    verified_at = AdhesionSubmission.objects.get(pk=submission.pk).email_verified_at
    again = client.post(url)
    assert again.status_code == 200
    assert it("Your address was already confirmed. There is nothing more to do.") in (
        again.content.decode()
    )
    assert AdhesionSubmission.objects.get(pk=submission.pk).email_verified_at == verified_at


@pytest.mark.parametrize(
    "payload",
    [
        lambda s: {"s": str(s.pk), "e": "x"},  # the id as text
        lambda s: [s.pk],
        lambda s: {"e": "x"},
        lambda s: {"s": s.pk + 1000, "e": "x"},  # no such application
    ],
)
def test_signed_but_malformed_payloads_are_invalid(client, page, payload):
    submission = apply(page)
    token = signing.dumps(payload(submission), salt=SALT).replace(":", "/")
    response = client.post(page.url + f"verify/{token}/")
    assert response.status_code == 400
    assert it(INVALID) in response.content.decode()


def test_a_token_signed_with_another_salt_is_invalid(client, page):
    submission = apply(page)
    token = make_token(submission)
    forged = signing.dumps(signing.loads(token.replace("/", ":"), salt=SALT), salt="other")
    assert client.post(page.url + f"verify/{forged.replace(':', '/')}/").status_code == 400
    assert read_token(page, token + "/").submission == submission  # a trailing slash is fine


def test_an_anonymised_application_cannot_be_verified(client, page):
    submission = apply(page)
    url = verify_url(page, submission)
    AdhesionSubmission.objects.filter(pk=submission.pk).update(anonymised_at=timezone.now())
    assert client.post(url).status_code == 400
    assert not AdhesionSubmission.objects.get(pk=submission.pk).is_verified
