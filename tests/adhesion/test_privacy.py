"""Address verification, file downloads and the applicant's privacy (verification.py,
views/verify.py, views/download.py, reviewing.py erase/export, retention command)."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core import signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from wagtail_community_matching.adhesion.reviewing import add_note, change_status
from wagtail_community_matching.adhesion.storage import private_storage
from wagtail_community_matching.adhesion.verification import SALT, make_token
from wagtail_community_matching.models import AdhesionNote, AdhesionSubmission, AdhesionUpload

from ..conftest import it
from .helpers import apply, urls

pytestmark = pytest.mark.django_db


# --- Verification ------------------------------------------------------------------


def test_verification_link_confirms_on_post_only(client, page):
    submission = apply(page)
    url = page.url + page.reverse_subpage("verify", kwargs={"token": make_token(submission)})
    response = client.get(url)
    assert response.status_code == 200
    assert it("Confirm my address") in response.content.decode()
    assert AdhesionSubmission.objects.get(pk=submission.pk).email_verified_at is None

    assert client.post(url).status_code == 200
    submission.refresh_from_db()
    assert submission.is_verified and submission.status == "verified"
    assert ModelLogEntry.objects.filter(action="wagtail_community_matching.adhesion.verify")
    already = it("Your address was already confirmed. There is nothing more to do.")
    assert already in client.get(url).content.decode()


@pytest.mark.parametrize("token", ["garbage", "a" * 600, "e30/1abc/xyz", "a/b/c/d/e"])
def test_bad_verification_tokens_get_a_clear_400(client, page, token):
    response = client.get(page.url + f"verify/{token}/")
    assert response.status_code == 400
    message = it("This link is not valid. Please copy the whole link from the mail we sent you.")
    assert message in response.content.decode()


def test_expired_and_foreign_tokens(client, page, other_page, settings, monkeypatch):
    submission = apply(page)
    wrong_address = signing.dumps({"s": submission.pk, "e": "0" * 16}, salt=SALT)
    wrong_address = wrong_address.replace(":", "/")
    assert client.get(page.url + f"verify/{wrong_address}/").status_code == 400
    token = make_token(submission)
    assert client.get(other_page.url + f"verify/{token}/").status_code == 400

    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADHESION_VERIFICATION_MAX_AGE_DAYS": 1}
    now = timezone.now().timestamp()
    # Both sides of the end of the link's day: a minute before, then a minute after.
    monkeypatch.setattr("django.core.signing.time.time", lambda: now + 86400 - 60)
    assert client.get(page.url + f"verify/{token}/").status_code == 200
    monkeypatch.setattr("django.core.signing.time.time", lambda: now + 86400 + 60)
    response = client.get(page.url + f"verify/{token}/")
    assert response.status_code == 400
    message = it(
        "This link has expired. Your application is kept: write to us and we will confirm "
        "your address another way."
    )
    assert message in response.content.decode()


# --- Files, privacy ------------------------------------------------------------------


def test_download_is_an_attachment_with_nosniff(admin_client, page):
    submission = apply(page, logo=True)
    upload = submission.uploads.get()
    response = admin_client.get(urls(page, submission, upload)["download"])
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="logo.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_deleting_submissions_deletes_their_files(
    admin_client, page, django_capture_on_commit_callbacks
):
    submission = apply(page, logo=True)
    name = submission.uploads.get().file.name
    delete_url = reverse("wagtailforms:delete_submissions", args=(page.pk,))
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"{delete_url}?selected-submissions={submission.pk}")
    assert not private_storage.exists(name)


def test_export_and_erase_one_applicants_data(
    admin_client, page, other_page, admin_user, django_capture_on_commit_callbacks
):
    first = apply(page, logo=True)
    second = apply(other_page)
    stranger = apply(page, email_referente="altro@ente.example")
    add_note(first, "Telefonato il 3 marzo", user=admin_user)
    links = urls(page, first)

    response = admin_client.get(links["export"])
    assert response["Content-Disposition"] == f'attachment; filename="application-{first.pk}.zip"'
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("applications.json"))
    assert sorted(item["id"] for item in data) == sorted([first.pk, second.pk])
    assert any(name.startswith("files/") for name in archive.namelist())

    file_name = first.uploads.get().file.name
    with translation.override("it"):
        deletes = translation.ngettext(
            "This deletes %(counter)s application of this applicant, with its files and notes.",
            "This deletes %(counter)s applications of this applicant (same email address), "
            "with their files and notes.",
            2,
        ) % {"counter": 2}
    assert deletes in admin_client.get(links["erase"]).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_client.post(links["erase"]).status_code == 302
    assert list(AdhesionSubmission.objects.all()) == [stranger]
    assert not AdhesionNote.objects.exists() and not private_storage.exists(file_name)
    logged = ModelLogEntry.objects.filter(object_id=str(first.pk))
    assert logged.filter(action="wagtail_community_matching.adhesion.erase").exists()
    assert all("note" not in (entry.data or {}) for entry in logged)


def test_retention_command_is_a_dry_run_by_default(page, admin_user):
    old = timezone.now() - timedelta(days=400)
    rejected = apply(page, logo=True)
    change_status(rejected, "rejected", user=admin_user)
    stale = apply(page)
    fresh = apply(page)
    AdhesionSubmission.objects.filter(pk=rejected.pk).update(status_changed_at=old)
    AdhesionSubmission.objects.filter(pk=stale.pk).update(submit_time=old)

    out = io.StringIO()
    call_command("adhesion_retention", stdout=out)
    assert "Dry run" in out.getvalue() and "rejected: 1" in out.getvalue()
    assert "stale: 1" in out.getvalue()
    assert AdhesionSubmission.objects.filter(anonymised_at__isnull=False).count() == 0

    call_command("adhesion_retention", "--apply", stdout=io.StringIO())
    rejected.refresh_from_db()
    assert rejected.anonymised_at and rejected.form_data == {} and rejected.applicant_email == ""
    assert rejected.status == "rejected" and rejected.consents  # the record of consent stays
    assert not AdhesionUpload.objects.filter(submission=rejected).exists()
    fresh.refresh_from_db()
    assert fresh.anonymised_at is None

    call_command("adhesion_retention", "--apply", "--action", "delete", stdout=io.StringIO())
    assert list(AdhesionSubmission.objects.all()) == [fresh]


def test_without_verification_new_applications_are_not_stale(page, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADHESION_VERIFICATION_REQUIRED": False}
    waiting = apply(page)
    old = timezone.now() - timedelta(days=400)
    AdhesionSubmission.objects.filter(pk=waiting.pk).update(submit_time=old)
    out = io.StringIO()
    call_command("adhesion_retention", "--apply", stdout=out)
    assert "stale" not in out.getvalue()
    waiting.refresh_from_db()
    assert waiting.anonymised_at is None
