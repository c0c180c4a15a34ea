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


def test_approval_creates_a_draft_member_and_keeps_the_logo_private(
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
    # A draft member: the logo stays in the private storage, out of the image library.
    assert member.logo is None and get_image_model().objects.count() == 0
    assert submission.uploads.get().publish_as_logo

    submission.refresh_from_db()
    assert submission.status == "approved" and submission.member == member
    approved = ModelLogEntry.objects.get(action="wagtail_community_matching.adhesion.approve")
    assert approved.data["created"] is True and approved.data["note"] == "Ok dal direttivo"
    assert approved.data["member_id"] == member.pk and approved.user == admin_user
    (decision,) = mail.outbox
    assert decision.to == ["referente@parma.example"]
    assert decision.subject == it("Your application has been approved")


def test_the_logo_goes_public_when_the_member_is_published_and_listed(page, admin_user):
    member = approve(verified_application(page), user=admin_user, publish=False).member
    assert get_image_model().objects.count() == 0
    member.latest_revision.publish(user=admin_user)  # an editor publishes the draft later
    member.refresh_from_db()
    logo = member.logo
    assert logo is not None and (logo.width, logo.height) == (120, 80)
    assert not logo.file.name.endswith("logo.png")  # a random public name
    assert logo.collection.name == "Member logos"
    # Kept in the revisions: the next edit does not drop it.
    assert member.latest_revision.as_object().logo_id == logo.pk
    member.latest_revision.publish(user=admin_user)
    assert get_image_model().objects.count() == 1  # copied once


def test_a_published_approval_publishes_the_logo_at_once(page, admin_user):
    member = approve(verified_application(page), user=admin_user, publish=True).member
    member.refresh_from_db()
    assert member.live and member.logo is not None


def test_without_consent_the_logo_never_reaches_the_image_library(page, admin_user):
    submission = verified_application(page, pubblicazione="")
    member = approve(submission, user=admin_user, publish=True).member
    member.listed = True  # an editor lists it anyway: the applicant's refusal still holds
    member.save_revision(user=admin_user).publish(user=admin_user)
    member.refresh_from_db()
    assert member.logo is None and get_image_model().objects.count() == 0


def test_an_unlisted_member_gets_no_public_logo_until_listed(page, admin_user):
    member = approve(verified_application(page), user=admin_user, publish=False).member
    member.listed = False
    member.save_revision(user=admin_user).publish(user=admin_user)
    member.refresh_from_db()
    assert member.live and member.logo is None and get_image_model().objects.count() == 0
    member.listed = True
    member.save_revision(user=admin_user).publish(user=admin_user)
    member.refresh_from_db()
    assert member.logo is not None


def test_erasing_the_applicant_deletes_the_image_made_from_the_logo(page, admin_user):
    from wagtail_community_matching.adhesion.reviewing import erase_submission

    submission = verified_application(page)
    member = approve(submission, user=admin_user, publish=True).member
    member.refresh_from_db()
    assert member.logo is not None
    erase_submission(submission, user=admin_user)
    member.refresh_from_db()
    assert member.logo is None and get_image_model().objects.count() == 0


# -- Existing members are updated only when the reviewer picks them --------------------------


def live_member(**fields) -> Member:
    member = Member(
        **{"name": "Comune di Bologna", "kind": "municipality", "city": "Bologna", **fields}
    )
    member.save()
    member.save_revision().publish()
    return member


def test_an_application_named_like_a_member_creates_a_new_member(page, admin_user):
    """The name is typed by the public: it never selects a member to overwrite."""
    existing = live_member(website="https://comune.bologna.example")
    submission = verified_application(
        page, logo=False, nome_ente="comune di bologna", sito_web="https://evil.test/"
    )
    result = approve(submission, user=admin_user, publish=True)
    assert result.created and result.member.pk != existing.pk
    existing.refresh_from_db()
    assert existing.website == "https://comune.bologna.example"
    assert existing.latest_revision == existing.live_revision  # no revision written on it


def test_the_reviewer_updates_only_the_chosen_fields_of_the_chosen_member(page, admin_user):
    existing = live_member(name="Comune di Parma", city="Parma", status="interested")
    submission = verified_application(page, logo=False)
    result = approve(submission, user=admin_user, publish=True, member=existing, fields={"status"})
    assert not result.created and result.member.pk == existing.pk
    existing.refresh_from_db()
    assert existing.live and existing.status == "starting"
    assert existing.website == ""  # not chosen: not taken
    assert Member.objects.count() == 1
    approved = ModelLogEntry.objects.get(action="wagtail_community_matching.adhesion.approve")
    assert approved.data["created"] is False and approved.data["fields"] == ["status"]
    assert approved.data["member_id"] == existing.pk


def test_an_update_builds_on_an_editors_pending_draft(page, admin_user, django_user_model):
    existing = live_member(name="Comune di Parma", city="Parma", status="interested")
    editor = django_user_model.objects.create_user("editor", password="x")  # noqa: S106
    draft = existing.get_latest_revision_as_object()
    draft.description = "Testo della redazione, non ancora pubblicato."
    draft.save_revision(user=editor)
    submission = verified_application(page, logo=False)
    result = approve(submission, user=admin_user, publish=False, member=existing, fields={"status"})
    latest = Member.objects.get(pk=existing.pk).latest_revision.as_object()
    assert latest.status == "starting"
    assert latest.description == "Testo della redazione, non ancora pubblicato."
    assert any("editor" in warning for warning in result.warnings)


def test_draft_approval_keeps_the_live_member_unchanged(page, admin_user):
    existing = live_member(name="Comune di Parma", city="Parma")
    approve(
        verified_application(page, logo=False),
        user=admin_user,
        publish=False,
        member=existing,
        fields={"status"},
    )
    existing.refresh_from_db()
    assert existing.status == "interested"  # the live row: unchanged
    assert existing.has_unpublished_changes
    assert existing.latest_revision.as_object().status == "starting"


# -- Permissions on members -----------------------------------------------------------------


def reviewer(django_user_model, page, *member_actions):
    """A user who may review ``page``'s applications, with ``member_actions`` on members."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    user = django_user_model.objects.create_user("reviewer", password="x")  # noqa: S106
    group = Group.objects.create(name="Reviewers")
    admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    group.permissions.add(admin)
    for action in member_actions:
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label="wagtail_community_matching",
                codename=f"{action}_member",
            )
        )
    for codename in ("change_page", "view_page"):
        permission = Permission.objects.filter(codename=codename).first()
        if permission:
            GroupPagePermission.objects.create(group=group, page=page, permission=permission)
    user.groups.add(group)
    return user


@pytest.mark.parametrize(
    ("actions", "member", "publish", "allowed"),
    [
        ((), None, False, False),
        (("add",), None, False, True),
        (("add",), None, True, False),
        (("add", "publish"), None, True, True),
        (("add",), "existing", False, False),
        (("change",), "existing", False, True),
        (("change",), "existing", True, False),
        (("change", "publish"), "existing", True, True),
    ],
)
def test_member_permissions_are_checked(page, django_user_model, actions, member, publish, allowed):
    user = reviewer(django_user_model, page, *actions)
    existing = live_member(name="Comune di Parma", city="Parma") if member else None
    submission = verified_application(page, logo=False)
    if allowed:
        result = approve(submission, user=user, publish=publish, member=existing, fields={"city"})
        assert result.member.pk == (existing.pk if existing else result.member.pk)
    else:
        with pytest.raises(ReviewError):
            approve(submission, user=user, publish=publish, member=existing, fields={"city"})
        submission.refresh_from_db()
        assert submission.status == "verified"
        assert Member.objects.count() == (1 if existing else 0)


def test_a_refused_approval_is_a_message_on_the_case_page(client, page, django_user_model):
    user = reviewer(django_user_model, page, "add")
    client.force_login(user)
    submission = verified_application(page, logo=False)
    detail = f"/admin/community-matching/adhesion/{page.pk}/{submission.pk}/"
    response = client.post(detail, {"action": "approve", "approve-publish": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == detail  # not the dashboard
    html = response.content.decode()
    assert (
        escape(
            it(
                "You may not publish members: approve without publishing, and someone with the "
                "permission to publish members will publish it."
            )
        )
        in html
    )
    assert Member.objects.count() == 0


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
    message = it(
        "Approving creates a new member from the mapped answers and sends the applicant the "
        "approval mail. To update a member that already exists instead, choose it below: you "
        "will compare its values with the application's and pick what to take."
    )
    assert message in html

    response = admin_client.post(detail, {"action": "approve", "approve-publish": "on"})

    assert response.status_code == 302
    member = Member.objects.get()
    assert member.live and member.logo is not None
    html = admin_client.get(detail).content.decode()
    assert it("Member: %(name)s") % {"name": "Comune di Parma"} in html
    created = it("Approved; member “%(member)s” created")
    logged = it("%(message)s and published") % {"message": created}
    assert escape(logged % {"member": "Comune di Parma"}) in html


def test_reviewer_updates_a_chosen_member_side_by_side(admin_client, page):
    existing = live_member(name="Comune di Parma", city="Parma", status="interested")
    submission = verified_application(page, logo=False)
    detail = f"/admin/community-matching/adhesion/{page.pk}/{submission.pk}/"
    response = admin_client.post(detail, {"action": "approve", "approve-member": existing.pk})
    compare = f"{detail}update-member/{existing.pk}/"
    assert response.status_code == 302 and response["Location"] == compare
    html = admin_client.get(compare).content.decode()
    assert "interested" not in html or it("Programme active") not in html
    assert 'name="take_status"' in html and 'name="take_website"' in html
    response = admin_client.post(compare, {"take_status": "on", "publish": "on"})
    assert response.status_code == 302
    existing.refresh_from_db()
    assert existing.status == "starting" and existing.website == ""
    assert Member.objects.count() == 1


def _public_media_files(settings) -> list:
    from pathlib import Path

    root = Path(settings.MEDIA_ROOT)
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def _listed_images(client) -> list:
    from wagtail import VERSION

    items = client.get("/api/v2/images/").json()["items"]
    if VERSION >= (8, 0):
        v3 = client.get("/api/v3/images/")
        assert v3.status_code == 200
        body = v3.json()
        items += body["items"] if isinstance(body, dict) else body
    return items


def test_a_draft_members_logo_is_in_no_images_api_and_no_public_media(
    client, page, admin_user, settings
):
    submission = verified_application(page)
    approve(submission, user=admin_user, publish=False)
    assert _listed_images(client) == []
    assert _public_media_files(settings) == []  # /media/original_images/ cannot serve it
    upload = submission.uploads.get()
    assert upload.file.storage.exists(upload.file.name)  # still in the private storage

    member = Member.objects.get()
    member.latest_revision.publish(user=admin_user)
    titles = {item["title"] for item in client.get("/api/v2/images/").json()["items"]}
    assert titles == {it("Logo of %(name)s") % {"name": "Comune di Parma"}}
    assert _public_media_files(settings)


def test_the_comparison_needs_the_change_permission(client, page, django_user_model):
    existing = live_member(name="Comune di Parma", city="Parma")
    submission = verified_application(page, logo=False)
    compare = (
        f"/admin/community-matching/adhesion/{page.pk}/{submission.pk}/update-member/{existing.pk}/"
    )
    client.force_login(reviewer(django_user_model, page, "add"))
    response = client.get(compare)
    assert response.status_code == 302 and "update-member" not in response["Location"]
    client.force_login(django_user_model.objects.create_superuser("boss", password="x"))  # noqa: S106
    assert client.get(compare).status_code == 200
