"""Approval into members at its edges (issue 18: the bugs mutation testing found).

Only the field mapped to the logo gives the public logo (never a scanned ID uploaded to
another image field), names suggest members only when equal (never "Parma" for "Comune di
Parma"), an invalid member is refused before anything is saved, a failure half-way leaves
nothing behind, ``notify=False`` sends no mail, and the review pages answer only to users
with the page's permission.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.images import get_image_model

from wagtail_community_matching.adhesion import approval
from wagtail_community_matching.adhesion.approval import approve, similar_members
from wagtail_community_matching.adhesion.exceptions import ReviewError
from wagtail_community_matching.adhesion.submissions import submit_application
from wagtail_community_matching.models import AdhesionSubmission, Member

from ..factories import png_bytes
from .helpers import JOIN_FIELDS, VALID_ANSWERS, make_form_page, make_home, urls

pytestmark = pytest.mark.django_db

CONSENT = {
    "label": "Pubblicazione",
    "field_type": "consent",
    "required": False,
    "maps_to": "listed",
}
DOCUMENT = {"label": "Documento", "field_type": "image", "required": False}


def page_with(*extra, without=()):
    fields = [f for f in JOIN_FIELDS if f["label"] not in without]
    return make_form_page(make_home(), fields=[*fields, *extra])


def application(page, files=None, **answers):
    data = {**VALID_ANSWERS, "pubblicazione": "on", **answers}
    result = submit_application(page, data, files or {}, client_ip="192.0.2.7")
    assert result.submission is not None, result.errors
    submission = result.submission
    AdhesionSubmission.objects.filter(pk=submission.pk).update(
        status="verified", email_verified_at=timezone.now()
    )
    submission.refresh_from_db()
    return submission


def image(name, width, height):
    return SimpleUploadedFile(name, png_bytes(width, height), content_type="image/png")


# -- The logo ---------------------------------------------------------------------------------


def test_an_image_uploaded_to_another_field_never_becomes_the_logo(admin_user):
    page = page_with(CONSENT, DOCUMENT)
    submission = application(page, {"documento": image("carta-identita.png", 300, 200)})
    result = approve(submission, user=admin_user, publish=True)
    member = Member.objects.get(pk=result.member.pk)
    assert member.live and member.listed
    assert member.logo is None
    assert get_image_model().objects.count() == 0
    assert not submission.uploads.filter(publish_as_logo=True).exists()


def test_with_both_images_the_logo_fields_one_is_published(admin_user):
    page = page_with(CONSENT, DOCUMENT)
    files = {"documento": image("carta.png", 300, 200), "logo": image("logo.png", 120, 80)}
    submission = application(page, files)
    result = approve(submission, user=admin_user, publish=True)
    logo = Member.objects.get(pk=result.member.pk).logo
    assert logo is not None and (logo.width, logo.height) == (120, 80)
    assert get_image_model().objects.count() == 1
    assert [u.field_name for u in submission.uploads.filter(publish_as_logo=True)] == ["logo"]


def test_an_update_takes_the_logo_only_when_the_reviewer_chose_it(admin_user):
    page = page_with(CONSENT)
    existing = Member(name="Comune di Parma", kind="municipality", city="Parma")
    existing.save()
    existing.save_revision().publish()
    submission = application(page, {"logo": image("logo.png", 120, 80)})
    approve(submission, user=admin_user, publish=True, member=existing, fields={"city"})
    assert not submission.uploads.filter(publish_as_logo=True).exists()
    assert Member.objects.get(pk=existing.pk).logo is None


# -- Names --------------------------------------------------------------------------------------


def test_similar_members_are_the_same_name_never_a_part_of_it():
    locale_member = Member(name="Comune di Parma", kind="municipality", city="Parma")
    locale_member.save()
    assert list(similar_members("Parma")) == []
    assert list(similar_members("Comune di")) == []
    assert list(similar_members("Comune di Parma e Piacenza")) == []
    assert list(similar_members("  comune DI parma ")) == [locale_member]
    assert list(similar_members("")) == []


def test_an_application_named_like_part_of_a_member_creates_a_new_one(admin_user):
    page = page_with(CONSENT)
    existing = Member(name="Comune di Parma", kind="municipality", city="Parma")
    existing.save()
    existing.save_revision().publish()
    result = approve(application(page, denominazione_ente="Parma"), user=admin_user, publish=True)
    assert result.created and result.member.pk != existing.pk
    assert Member.objects.get(pk=existing.pk).name == "Comune di Parma"


# -- Validation, transaction, mail ------------------------------------------------------------


def test_an_invalid_member_is_refused_and_nothing_is_saved(admin_user):
    page = page_with(CONSENT, without=("Città",))  # a member needs a city
    submission = application(page)
    with pytest.raises(ReviewError) as refused:
        approve(submission, user=admin_user, publish=True)
    assert "city" in str(refused.value)
    assert not Member.objects.exists()
    submission.refresh_from_db()
    assert submission.status == "verified" and submission.member is None


def test_an_update_into_an_invalid_member_is_refused(admin_user):
    page = page_with(CONSENT)
    existing = Member(name="Comune di Parma", kind="municipality", city="Parma")
    existing.save()
    existing.save_revision().publish()
    submission = application(page, sito_web="")
    Member.objects.filter(pk=existing.pk).update(city="")
    existing.refresh_from_db()
    with pytest.raises(ReviewError):
        approve(submission, user=admin_user, publish=False, member=existing, fields={"kind"})
    assert Member.objects.get(pk=existing.pk).revisions.count() == 1


def test_a_failure_after_the_member_is_saved_leaves_nothing_behind(admin_user, monkeypatch):
    page = page_with(CONSENT)
    submission = application(page, {"logo": image("logo.png", 120, 80)})

    def broken(*args, **kwargs):
        raise RuntimeError("the status could not be recorded")

    monkeypatch.setattr(approval, "set_status", broken)
    with pytest.raises(RuntimeError):
        approve(submission, user=admin_user, publish=True)
    assert not Member.objects.exists()
    assert get_image_model().objects.count() == 0
    stored = AdhesionSubmission.objects.get(pk=submission.pk)
    assert stored.member is None and stored.status == "verified"
    assert not stored.uploads.filter(publish_as_logo=True).exists()


@pytest.mark.parametrize("notify", [True, False])
def test_notify_false_sends_no_decision_mail(
    admin_user, django_capture_on_commit_callbacks, notify
):
    page = page_with(CONSENT)
    submission = application(page)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approve(submission, user=admin_user, publish=False, notify=notify)
    decisions = [m for m in mail.outbox if m.to == [submission.applicant_email]]
    assert len(decisions) == (1 if notify else 0)
    stored = AdhesionSubmission.objects.get(pk=submission.pk)
    assert stored.status == "approved"
    assert (stored.decision_sent_at is not None) is notify


# -- The review pages answer only to the page's reviewers ---------------------------------------


def test_review_pages_refuse_users_without_the_pages_permission(client, django_user_model):
    page = page_with(CONSENT)
    other = make_form_page(page.get_parent(), title="Altro modulo", slug="altro")
    submission = application(page)
    stranger = django_user_model.objects.create_user("stranger", password="x")  # noqa: S106
    from django.contrib.auth.models import Permission

    stranger.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    client.force_login(stranger)
    addresses = urls(page, submission)
    for name in ("listing", "detail", "export"):
        response = client.get(addresses[name])
        assert response.status_code in (302, 403, 404), name
        assert b"Comune di Parma" not in response.content
    response = client.post(addresses["bulk"], {"ids": [submission.pk], "status": "rejected"})
    assert response.status_code in (302, 403, 404)
    assert AdhesionSubmission.objects.get(pk=submission.pk).status == "verified"
    # A reviewer of another form sees none of this form's applications.
    other_reviewer = django_user_model.objects.create_user("other", password="x")  # noqa: S106
    other_reviewer.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    group = Group.objects.create(name="Other form")
    for codename in ("change_page", "view_page"):
        permission = Permission.objects.filter(codename=codename).first()
        if permission:
            GroupPagePermission.objects.create(group=group, page=other, permission=permission)
    other_reviewer.groups.add(group)
    client.force_login(other_reviewer)
    assert client.get(urls(other, submission)["listing"]).status_code == 200
    for name in ("detail", "export"):
        response = client.get(addresses[name])
        assert response.status_code in (302, 403, 404), name
        assert b"Comune di Parma" not in response.content
