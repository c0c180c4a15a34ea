"""Approval into members at its edges (issue 18: the bugs mutation testing found).

Only the field mapped to the logo gives the public logo (never a scanned ID uploaded to
another image field), names suggest members only when equal (never "Parma" for "Comune di
Parma"), an invalid member is refused before anything is saved, a failure half-way leaves
nothing behind, ``notify=False`` sends no mail, and the review pages answer only to users
with the page's permission.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, date, datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Locale, ModelLogEntry

from wagtail_community_matching.adhesion import approval
from wagtail_community_matching.adhesion.approval import (
    approve,
    permission_error,
    similar_members,
)
from wagtail_community_matching.adhesion.exceptions import ReviewError
from wagtail_community_matching.adhesion.models import (
    NEEDS_VERIFIED_ADDRESS,
    TRANSITIONS,
    ReviewStatus,
)
from wagtail_community_matching.adhesion.reviewing import (
    BULK_STATUSES,
    bulk_change_status,
    transition_error,
)
from wagtail_community_matching.adhesion.submissions import submit_application
from wagtail_community_matching.models import AdhesionSubmission, Member

from ..conftest import it
from ..factories import png_bytes
from .helpers import (
    JOIN_FIELDS,
    VALID_ANSWERS,
    apply,
    make_form_page,
    make_home,
    urls,
    verified,
)

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


# -- What an approval records -------------------------------------------------------------------


def approval_logs(submission):
    return ModelLogEntry.objects.for_instance(submission)


def test_an_approval_without_a_note_records_none(admin_user):
    submission = application(page_with(CONSENT))
    approve(submission, user=admin_user, publish=False)
    for action in (
        "wagtail_community_matching.adhesion.approve",
        "wagtail_community_matching.adhesion.status",
    ):
        entry = approval_logs(submission).get(action=action)
        assert "note" not in entry.data and entry.user_id == admin_user.pk


def test_an_approval_note_is_recorded_with_the_status_and_the_approval(admin_user):
    submission = application(page_with(CONSENT))
    approve(submission, user=admin_user, publish=False, note="Telefonato il 3 marzo")
    for action in (
        "wagtail_community_matching.adhesion.approve",
        "wagtail_community_matching.adhesion.status",
    ):
        assert approval_logs(submission).get(action=action).data["note"] == "Telefonato il 3 marzo"


def test_without_a_name_nothing_is_approved_and_the_reviewer_is_told_why(admin_user):
    submission = application(page_with(CONSENT, without=("Denominazione ente",)))
    with pytest.raises(ReviewError) as refused:
        approve(submission, user=admin_user, publish=False)
    assert str(refused.value) == it(
        "No answer maps to the organisation name: the member needs one."
    )
    assert not Member.objects.exists()


def test_a_new_member_joins_on_the_sites_local_date(admin_user, monkeypatch):
    """At 23:30 UTC on 31 December it is already 1 January in Rome (the site's zone)."""
    submission = application(page_with(CONSENT))
    instant = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: instant)
    member = Member.objects.get(pk=approve(submission, user=admin_user, publish=False).member.pk)
    assert member.date_joined == date(2027, 1, 1)
    assert member.locale == Locale.get_default()


def test_similar_members_are_of_the_default_locale_only():
    italian = Member(name="Comune di Parma", kind="municipality", city="Parma")
    italian.save()
    english = Member(
        name="Comune di Parma",
        kind="municipality",
        city="Parma",
        locale=Locale.objects.get_or_create(language_code="en")[0],
    )
    english.save()
    assert list(similar_members("Comune di Parma")) == [italian]


# -- Several applications at once ---------------------------------------------------------------

STARTS = ["new", "verified", "in_review", "approved", "rejected", "withdrawn"]


@pytest.fixture
def pool(admin_user):
    """Five applications of one form and one of another form."""
    page = page_with(CONSENT)
    other = make_form_page(page.get_parent(), title="Altro modulo", slug="altro")
    mine = [verified(apply(page, email_referente=f"ente{n}@parma.example")) for n in range(5)]
    return page, mine, verified(apply(other))


@hypothesis_settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    starts=st.lists(st.tuples(st.sampled_from(STARTS), st.booleans()), min_size=1, max_size=5),
    target=st.sampled_from(BULK_STATUSES),
)
def test_bulk_changes_exactly_the_applications_that_may_move(admin_user, pool, starts, target):
    """Property: each selected application moves when its status allows it (and, to enter
    review, its address is verified); the others are counted as skipped, never stop the rest."""
    page, mine, theirs = pool
    chosen = mine[: len(starts)]
    expected = {}
    for submission, (start, confirmed) in zip(chosen, starts, strict=False):
        verified_at = timezone.now() if confirmed and start != "new" else None
        AdhesionSubmission.objects.filter(pk=submission.pk).update(
            status=start, email_verified_at=verified_at
        )
        moves = target in TRANSITIONS[start] and not (
            target in NEEDS_VERIFIED_ADDRESS and verified_at is None
        )
        expected[submission.pk] = target if moves else start
    ModelLogEntry.objects.all().delete()
    ids = [s.pk for s in chosen] + [theirs.pk, "abc", ""]
    changed, skipped = bulk_change_status(page, ids, target, user=admin_user)
    moved = [
        s.pk for s, (start, _v) in zip(chosen, starts, strict=False) if expected[s.pk] != start
    ]
    assert (changed, skipped) == (len(moved), len(chosen) - len(moved))
    stored = dict(AdhesionSubmission.objects.filter(pk__in=expected).values_list("pk", "status"))
    assert stored == expected
    assert AdhesionSubmission.objects.get(pk=theirs.pk).status == "verified"
    entries = ModelLogEntry.objects.filter(action="wagtail_community_matching.adhesion.status")
    assert sorted(int(e.object_id) for e in entries) == sorted(moved)
    assert all(entry.user_id == admin_user.pk for entry in entries)


@pytest.mark.parametrize("status", ["approved", "new", "verified", "nonsense", ""])
def test_bulk_refuses_a_status_that_needs_a_decision_per_application(admin_user, pool, status):
    page, mine, _theirs = pool
    with pytest.raises(ReviewError) as refused:
        bulk_change_status(page, [s.pk for s in mine], status, user=admin_user)
    assert str(refused.value) == it("This status cannot be set on several applications at once.")
    assert set(AdhesionSubmission.objects.values_list("status", flat=True)) == {"verified"}


# -- One application's pages, and the applicant's data -----------------------------------------


def reviewer_of(django_user_model, page, username):
    """A user with admin access and the "change" permission on ``page`` only."""
    user = django_user_model.objects.create_user(username, f"{username}@x.example", "pw")
    group = Group.objects.create(name=f"Reviewers of {page.pk}")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=page, permission=Permission.objects.get(codename="change_page")
    )
    user.groups.add(group)
    return user


def test_each_application_opens_its_own_page(admin_client):
    page = page_with(CONSENT)
    first = application(page)
    second = application(page, denominazione_ente="Comune di Fidenza", email_referente="f@x.it")
    for submission in (first, second):
        response = admin_client.get(urls(page, submission)["detail"])
        assert response.status_code == 200
        assert response.context["submission"] == submission


def test_the_update_page_compares_with_the_chosen_member(admin_client):
    page = page_with(CONSENT)
    submission = application(page)
    members = []
    for city in ("Parma", "Fidenza"):
        member = Member(name=f"Comune di {city}", kind="municipality", city=city)
        member.save()
        member.save_revision().publish()
        members.append(member)
    for member in members:
        address = reverse(
            "wagtail_community_matching_adhesion:update_member",
            args=(page.pk, submission.pk, member.pk),
        )
        response = admin_client.get(address)
        assert response.status_code == 200
        assert response.context["member"] == member


def test_the_applicants_export_holds_their_applications_in_the_reviewers_forms_only(
    client, django_user_model, settings
):
    # The export sets nosniff itself, also on a site without Django's SecurityMiddleware.
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("SecurityMiddleware")]
    page = page_with(CONSENT)
    other = make_form_page(page.get_parent(), title="Altro modulo", slug="altro")
    first = application(page, {"logo": image("logo.png", 120, 80)})
    second = application(page, denominazione_ente="Comune di Parma (bis)")
    elsewhere = application(other)  # same address, in a form this reviewer does not review
    stranger = application(page, email_referente="altro@ente.example")
    reviewer = reviewer_of(django_user_model, page, "revisore")
    client.force_login(reviewer)

    response = client.get(urls(page, second)["export"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        f'attachment; filename="application-{second.pk}.zip"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives  # every admin URL is never_cache
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("applications.json"))
    assert sorted(item["id"] for item in data) == sorted([first.pk, second.pk])
    upload = first.uploads.get()
    assert sorted(archive.namelist()) == [
        "applications.json",
        f"files/{first.pk}-{upload.pk}.png",
    ]
    exported = ModelLogEntry.objects.filter(action="wagtail_community_matching.adhesion.export")
    assert sorted(int(entry.object_id) for entry in exported) == sorted([first.pk, second.pk])
    assert {entry.user_id for entry in exported} == {reviewer.pk}
    assert elsewhere.pk not in {item["id"] for item in data}
    assert stranger.pk not in {item["id"] for item in data}


def test_an_application_without_an_address_exports_only_itself(admin_client):
    page = page_with(CONSENT)
    erased = application(page)
    application(page, denominazione_ente="Comune di Fidenza")  # same address
    application(page, email_referente="altro@ente.example")
    AdhesionSubmission.objects.filter(pk=erased.pk).update(applicant_email="")
    response = admin_client.get(urls(page, erased)["export"])
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("applications.json"))
    assert [item["id"] for item in data] == [erased.pk]


# -- What the reviewer is warned of -------------------------------------------------------------


def test_a_new_member_without_a_type_comes_with_a_warning(admin_user):
    submission = application(page_with(CONSENT, without=("Tipologia",)))
    result = approve(submission, user=admin_user, publish=False)
    assert result.warnings == [it("No type of organisation was given: check it on the member.")]
    assert Member.objects.get(pk=result.member.pk).kind == "other_private"


def test_a_new_member_with_a_type_comes_without_warnings(admin_user):
    result = approve(application(page_with(CONSENT)), user=admin_user, publish=False)
    assert result.warnings == []


def published_member(name="Comune di Parma"):
    member = Member(name=name, kind="municipality", city="Parma")
    member.save()
    member.save_revision().publish()
    return member


def draft_warning(member, author) -> str:
    return it(
        "“%(member)s” had unpublished changes (by %(author)s): this update builds on them."
    ) % {"member": member, "author": author}


def test_updating_a_member_without_a_draft_warns_of_nothing(admin_user):
    member = published_member()
    submission = application(page_with(CONSENT))
    result = approve(submission, user=admin_user, publish=False, member=member, fields={"city"})
    assert result.warnings == []


def test_updating_a_member_with_an_editors_draft_names_the_editor(admin_user, django_user_model):
    member = published_member()
    editor = django_user_model.objects.create_user("redattrice", password="x")  # noqa: S106
    draft = member.get_latest_revision_as_object()
    draft.city = "Parma (PR)"
    draft.save_revision(user=editor)
    submission = application(page_with(CONSENT))
    result = approve(submission, user=admin_user, publish=False, member=member, fields={"kind"})
    assert result.warnings == [draft_warning(member, editor)]


def test_a_draft_saved_by_the_sites_own_code_is_by_someone(admin_user):
    member = published_member()
    member.get_latest_revision_as_object().save_revision()  # no user: an import
    submission = application(page_with(CONSENT))
    result = approve(submission, user=admin_user, publish=False, member=member, fields={"kind"})
    assert result.warnings == [draft_warning(member, it("someone"))]


def test_the_refusal_of_an_invalid_member_lists_every_error_of_every_field(admin_user):
    member = published_member()
    # Two errors on the slug (not a slug, and starts with "_"), one on the city.
    Member.objects.filter(pk=member.pk).update(city="", slug="_bad slug")
    member.refresh_from_db()
    with pytest.raises(ValidationError) as invalid:
        member.full_clean()
    errors = invalid.value.message_dict
    assert len(errors["slug"]) == 2 and "city" in errors
    expected = "; ".join(f"{name}: {' '.join(messages)}" for name, messages in errors.items())
    submission = application(page_with(CONSENT))
    with pytest.raises(ReviewError) as refused:
        approve(submission, user=admin_user, publish=False, member=member, fields={"kind"})
    assert str(refused.value) == it("The member cannot be saved: %(errors)s") % {"errors": expected}


# -- Who did what: the member's history and the approval's record --------------------------------


@pytest.mark.parametrize("publish", [True, False])
def test_the_members_history_names_the_reviewer(admin_user, publish):
    submission = application(page_with(CONSENT))
    result = approve(submission, user=admin_user, publish=publish)
    assert result.published is publish and result.created is True
    member = Member.objects.get(pk=result.member.pk)
    assert member.latest_revision.user == admin_user
    entries = ModelLogEntry.objects.for_instance(member)
    edits = entries.filter(action="wagtail.edit")
    assert edits.count() == 1 and edits.get().user == admin_user
    published = entries.filter(action="wagtail.publish")
    assert [entry.user for entry in published] == ([admin_user] if publish else [])


def approval_record(submission) -> dict:
    return approval_logs(submission).get(action="wagtail_community_matching.adhesion.approve").data


def test_the_approval_records_the_fields_taken_logo_included(admin_user):
    page = page_with(CONSENT)
    created = application(page, {"logo": image("logo.png", 120, 80)})
    member = approve(created, user=admin_user, publish=False).member
    record = approval_record(created)
    assert record["created"] is True and record["member_id"] == member.pk
    assert "logo" in record["fields"] and {"name", "city", "kind"} <= set(record["fields"])

    update = application(page, {"logo": image("nuovo.png", 90, 60)}, citta="Fidenza")
    approve(update, user=admin_user, publish=False, member=member, fields={"city", "logo"})
    record = approval_record(update)
    assert record["created"] is False and record["fields"] == ["city", "logo"]


def test_an_approval_keeps_what_changed_on_the_application_meanwhile(admin_user):
    """The reviewer's page loaded the application before a colleague took it over: approving
    saves only the member and the status, never the page's older copy of the rest."""
    submission = application(page_with(CONSENT))
    AdhesionSubmission.objects.filter(pk=submission.pk).update(
        assignee=admin_user, organisation_name="Comune di Parma (corretto)"
    )
    approve(submission, user=admin_user, publish=False)
    stored = AdhesionSubmission.objects.get(pk=submission.pk)
    assert stored.assignee == admin_user
    assert stored.organisation_name == "Comune di Parma (corretto)"
    assert stored.status == "approved" and stored.member is not None


# -- Why an approval or a status change is refused ----------------------------------------------


def member_user(django_user_model, *actions):
    user = django_user_model.objects.create_user("-".join(("r", *actions)), password="x")  # noqa: S106
    for action in actions:
        user.user_permissions.add(
            Permission.objects.get(
                content_type__app_label="wagtail_community_matching", codename=f"{action}_member"
            )
        )
    return user


def test_the_refusals_say_which_permission_on_members_is_missing(django_user_model):
    member = published_member()
    assert permission_error(member_user(django_user_model), member=None, publish=False) == it(
        "You may not create members: approving this application needs the permission to "
        "add members. Ask an administrator, or a colleague who has it."
    )
    adder = member_user(django_user_model, "add")
    assert permission_error(adder, member=member, publish=False) == it(
        "You may not change members: updating “%(member)s” needs the permission to change "
        "members. Ask an administrator, or approve it as a new member if you may add them."
    ) % {"member": member}
    assert permission_error(adder, member=None, publish=True) == it(
        "You may not publish members: approve without publishing, and someone with the "
        "permission to publish members will publish it."
    )
    assert permission_error(adder, member=None, publish=False) is None
    assert permission_error(None, member=member, publish=True) is None  # the site's own code


def test_the_refusals_of_a_status_change_name_the_statuses(admin_user):
    submission = application(page_with(CONSENT))
    assert transition_error(submission, "nonsense") == it("Unknown status.")
    approve(submission, user=admin_user, publish=False)
    submission.refresh_from_db()
    assert transition_error(submission, "in_review") == it(
        "An application that is “%(old)s” cannot become “%(new)s”."
    ) % {"old": submission.get_status_display(), "new": ReviewStatus.IN_REVIEW.label}
    assert transition_error(submission, "withdrawn") is None


def test_the_application_page_reads_its_reviewer_with_the_application(admin_client, admin_user):
    page = page_with(CONSENT)
    submission = application(page)
    detail = urls(page, submission)["detail"]

    def queries() -> int:
        admin_client.get(detail)
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get(detail).status_code == 200
        return len(captured)

    without = queries()
    AdhesionSubmission.objects.filter(pk=submission.pk).update(assignee=admin_user)
    assert queries() == without
