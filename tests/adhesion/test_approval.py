"""Approving an application creates or updates the Member (approval.py)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry

from wagtail_community_matching.adhesion.approval import approve, match_choice
from wagtail_community_matching.adhesion.exceptions import ReviewError
from wagtail_community_matching.adhesion.submissions import submit_application
from wagtail_community_matching.models import (
    AdhesionSubmission,
    Member,
    MemberKind,
    MemberService,
    ProgrammeStatus,
)

from ..conftest import it
from .helpers import JOIN_FIELDS, VALID_ANSWERS, logo_upload, make_form_page, make_home

pytestmark = pytest.mark.django_db

FIELDS = [
    *JOIN_FIELDS,
    {
        "label": "Stato del programma",
        "field_type": "radio",
        "choices": "Attivo\nIn attivazione\nInteresse",
        "maps_to": "programme_status",
    },
    {
        "label": "Pubblicazione",
        "field_type": "consent",
        "required": False,
        "maps_to": "listed",
    },
]
ANSWERS = {**VALID_ANSWERS, "stato_del_programma": "In attivazione", "pubblicazione": "on"}


@pytest.fixture
def page():
    return make_form_page(make_home(), fields=FIELDS)


def verified_application(page, logo=True, **answers):
    files = {"logo": logo_upload()} if logo else {}
    result = submit_application(page, {**ANSWERS, **answers}, files, client_ip="192.0.2.7")
    assert result.submission is not None, result.errors
    submission = result.submission
    submission.email_verified_at = timezone.now()
    submission.status = "verified"
    submission.save()
    return submission


@pytest.mark.parametrize(
    ("choices", "answer", "code"),
    [
        (MemberKind, "Comune", "municipality"),
        (MemberKind, "Municipality", "municipality"),
        (MemberKind, "ETS / associazione", "association"),
        (MemberKind, "Third-sector body / association", "association"),
        (MemberKind, "Altro ente pubblico", "other_public"),
        (MemberKind, "Università", "university"),
        (MemberKind, "Altro", "other_private"),
        (MemberKind, "Astronave", None),
        (ProgrammeStatus, "In attivazione", "starting"),
        (ProgrammeStatus, "Interested", "interested"),
        (MemberService, "Visibilità", "visibility"),
        (MemberService, "toolkit", "toolkit"),
    ],
)
def test_free_answers_match_member_choices(choices, answer, code):
    assert match_choice(choices, answer) == code


def test_approval_creates_a_draft_member_with_the_logo(
    page, admin_user, django_capture_on_commit_callbacks
):
    submission = verified_application(page)
    with django_capture_on_commit_callbacks(execute=True):
        result = approve(submission, user=admin_user, publish=False, note="Ok dal direttivo")

    member = result.member
    assert result.created and not result.published and result.warnings == []
    assert member.name == "Comune di Parma"
    assert member.kind == "municipality" and member.status == "starting"
    assert (member.city, member.province, member.region) == ("Parma", "PR", "emilia-romagna")
    assert member.website == "https://comune.parma.example"
    assert member.services == ["training", "toolkit"]
    assert member.description == "Un comune che avvia il programma."
    assert member.listed is True
    assert not member.live and member.has_unpublished_changes
    assert member.email == ""  # the contact person's address is never copied
    logo = member.logo
    assert logo is not None and (logo.width, logo.height) == (120, 80)
    assert get_image_model().objects.count() == 1
    assert not logo.file.name.endswith("logo.png")  # a random public name

    submission.refresh_from_db()
    assert submission.status == "approved" and submission.member == member
    approved = ModelLogEntry.objects.get(action="wagtail_community_matching.adhesion.approve")
    assert approved.data["created"] is True and approved.data["note"] == "Ok dal direttivo"
    (decision,) = mail.outbox
    assert decision.to == ["referente@parma.example"]
    assert decision.subject == it("Your application has been approved")


def test_approval_can_publish_and_updates_an_existing_member(page, admin_user):
    existing = Member(
        name="Comune di Parma", kind="municipality", city="Parma", status="interested"
    )
    existing.save()
    existing.save_revision().publish()
    submission = verified_application(page, logo=False)

    result = approve(submission, user=admin_user, publish=True)

    assert not result.created and result.member.pk == existing.pk
    existing.refresh_from_db()
    assert existing.live and existing.status == "starting"
    assert Member.objects.count() == 1
    assert Member.objects.public().filter(pk=existing.pk).exists()


def test_draft_approval_keeps_the_live_member_unchanged(page, admin_user):
    existing = Member(name="Comune di Parma", kind="municipality", city="Parma")
    existing.save()
    existing.save_revision().publish()
    approve(verified_application(page, logo=False), user=admin_user, publish=False)
    existing.refresh_from_db()
    assert existing.status == "interested"  # the live row: unchanged
    assert existing.has_unpublished_changes
    assert existing.latest_revision.as_object().status == "starting"


def test_publication_consent_not_given_keeps_the_member_unlisted(page, admin_user):
    submission = verified_application(page, logo=False, pubblicazione="")
    member = approve(submission, user=admin_user, publish=True).member
    assert member.listed is False
    assert not Member.objects.public().filter(pk=member.pk).exists()


def test_unknown_type_is_a_warning_not_an_error(admin_user):
    fields = [dict(f) for f in FIELDS]
    fields[1] = {**fields[1], "choices": "Comune\nAstronave"}
    page = make_form_page(make_home(), fields=fields)
    submission = verified_application(page, logo=False, tipologia="Astronave")
    result = approve(submission, user=admin_user, publish=False)
    assert result.member.kind == "other_private"
    assert any("Astronave" in warning for warning in result.warnings)


def test_approval_needs_a_verified_address_and_a_name(page, admin_user):
    submission = verified_application(page, logo=False)
    AdhesionSubmission.objects.filter(pk=submission.pk).update(email_verified_at=None, status="new")
    submission.refresh_from_db()
    message = it("The applicant has not confirmed their email address yet.")
    with pytest.raises(ReviewError, match=re.escape(message)):
        approve(submission, user=admin_user, publish=False)
    assert Member.objects.count() == 0


def test_reviewer_approves_from_the_admin(admin_client, page):
    submission = verified_application(page)
    detail = f"/admin/community-matching/adhesion/{page.pk}/{submission.pk}/"
    html = admin_client.get(detail).content.decode()
    assert it("Approving creates a new member from the mapped answers") in html

    response = admin_client.post(detail, {"action": "approve", "approve-publish": "on"})

    assert response.status_code == 302
    member = Member.objects.get()
    assert member.live and member.logo is not None
    html = admin_client.get(detail).content.decode()
    assert it("Member: %(name)s") % {"name": "Comune di Parma"} in html
    created = it("Approved; member “%(member)s” created")
    logged = it("%(message)s and published") % {"message": created}
    assert escape(logged % {"member": "Comune di Parma"}) in html
