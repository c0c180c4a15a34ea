"""Reviewing applications in the admin: permissions, listing, exports, one application
(models/review.py, reviewing.py, views/review.py, views/case.py, exports.py)."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook
from wagtail.models import GroupPagePermission, ModelLogEntry

from wagtail_community_matching.adhesion.reviewing import add_note, change_status
from wagtail_community_matching.models import AdhesionNote, AdhesionSubmission

from ..conftest import it
from .helpers import apply, urls, verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_of(django_user_model):
    """A non-superuser with admin access and "change" permission on one page."""

    def make(page, username="editor"):
        user = django_user_model.objects.create_user(username, f"{username}@x.example", "pw")
        group = Group.objects.create(name=f"Reviewers of {page.pk} {username}")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        GroupPagePermission.objects.create(
            group=group, page=page, permission=Permission.objects.get(codename="change_page")
        )
        user.groups.add(group)
        return user

    return make


# --- Permissions -----------------------------------------------------------------


def test_only_users_with_the_page_permission_see_anything(client, page, other_page, editor_of):
    submission = apply(page, logo=True)
    links = urls(page, submission, submission.uploads.get())
    client.force_login(editor_of(other_page, "outsider"))
    for name in ("listing", "detail", "export", "erase", "download"):
        response = client.get(links[name])  # Wagtail redirects to the dashboard with a message
        assert response.status_code == 302 and response["Location"] == "/admin/", name
    client.post(links["bulk"], {"selected-submissions": [submission.pk], "status": "rejected"})
    client.post(links["erase"])
    assert AdhesionSubmission.objects.get().status == "new"

    client.force_login(editor_of(page, "insider"))
    for name in ("listing", "detail", "download"):
        assert client.get(links[name]).status_code == 200, name


def test_cross_form_bulk_actions_use_only_the_pages_own_submissions(
    client, page, other_page, editor_of
):
    """Regression test for the CVE-2026-44199 pattern: ids of another form's submissions."""
    mine = apply(page)
    theirs = [apply(other_page), apply(other_page)]
    client.force_login(editor_of(page))
    ids = [str(s.pk) for s in [mine, *theirs]]

    response = client.post(
        urls(page, mine)["bulk"], {"selected-submissions": ids, "status": "rejected"}
    )
    assert response.status_code == 302
    assert AdhesionSubmission.objects.get(pk=mine.pk).status == "rejected"
    assert {s.status for s in AdhesionSubmission.objects.filter(page=other_page)} == {"new"}

    delete_url = reverse("wagtailforms:delete_submissions", args=(page.pk,))
    query = "&".join(f"selected-submissions={i}" for i in ids)
    client.post(f"{delete_url}?{query}")
    assert not AdhesionSubmission.objects.filter(pk=mine.pk).exists()
    assert AdhesionSubmission.objects.filter(page=other_page).count() == 2


def test_submission_of_another_page_is_not_found_through_this_page(admin_client, page, other_page):
    theirs = apply(other_page, logo=True)
    links = urls(page, theirs, theirs.uploads.get())
    for name in ("detail", "download", "export", "erase"):
        response = admin_client.get(links[name], follow=True)
        assert response.status_code == 404, name


# --- Listing, filters, exports ---------------------------------------------------


def test_listing_filters_and_search(admin_client, page, admin_user):
    parma = apply(page)
    milano = apply(page, denominazione_ente="Fondazione Milano", citta="Milano", provincia="MI")
    bari = apply(page, denominazione_ente="Cooperativa Bari", citta="Bari", provincia="BA")
    change_status(verified(milano), "in_review", user=admin_user)
    bari.assignee = admin_user
    bari.save()
    listing = urls(page, parma)["listing"]

    def names(query):
        response = admin_client.get(listing + query)
        assert response.status_code == 200
        return sorted(row["submission"].organisation_name for row in response.context["rows"])

    assert names("") == ["Comune di Parma", "Cooperativa Bari", "Fondazione Milano"]
    assert names("?status=in_review") == ["Fondazione Milano"]
    assert names("?region=puglia") == ["Cooperativa Bari"]
    assert names(f"?assignee={admin_user.pk}") == ["Cooperativa Bari"]
    assert names("?q=milano") == ["Fondazione Milano"]
    assert names("?status=not-a-status&region=%00") is not None  # bad filters: no 500
    html = admin_client.get(listing).content.decode()
    assert urls(page, parma)["detail"] in html
    assert "Emilia-Romagna" in html


def test_listing_query_count_is_constant(admin_client, page, admin_user):
    listing = reverse("wagtailforms:list_submissions", args=(page.pk,))

    def count_for(n):
        for _ in range(n):
            submission = apply(page)
            submission.assignee = admin_user
            submission.save()
        admin_client.get(listing)
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(listing).status_code == 200
        return len(queries)

    assert count_for(2) == count_for(15)


def test_exports_follow_snapshots_and_neutralise_formulas(admin_client, page):
    apply(page, denominazione_ente='=HYPERLINK("http://evil.example","x")')
    field = page.form_fields.get(clean_name="breve_descrizione")
    field.label = "Descrizione"
    field.save()
    old = page.form_fields.get(clean_name="telefono_referente")
    old.delete()  # removed from the form: its answers keep their column
    listing = reverse("wagtailforms:list_submissions", args=(page.pk,))

    english = {"HTTP_ACCEPT_LANGUAGE": "en"}  # streamed after the view: request language
    response = admin_client.get(listing + "?export=csv", **english)
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, row = rows[0], rows[1]
    assert "Descrizione" in header and "Telefono referente" in header
    assert row[header.index("Denominazione ente")].startswith("'=HYPERLINK")
    assert row[header.index("Telefono referente")] == "'+390521123456"
    assert row[header.index("Status")] == "New"

    response = admin_client.get(listing + "?export=xlsx", **english)
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in r] for r in sheet.iter_rows()]
    cell = values[1][values[0].index("Denominazione ente")]
    assert cell == '=HYPERLINK("http://evil.example","x")'
    assert sheet.cell(row=2, column=values[0].index("Denominazione ente") + 1).data_type == "s"


# --- One application: status, reviewer, notes, history -----------------------------


def test_status_change_is_logged_with_its_note(admin_client, page, admin_user):
    submission = verified(apply(page))
    detail = urls(page, submission)["detail"]
    response = admin_client.post(
        detail, {"action": "status", "status-status": "in_review", "status-note": "Chiamare"}
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "in_review"
    entry = ModelLogEntry.objects.filter(action="wagtail_community_matching.adhesion.status").get()
    assert entry.user == admin_user
    assert entry.data == {"from": "verified", "to": "in_review", "note": "Chiamare"}
    html = admin_client.get(detail).content.decode()
    changed = it("Status changed from “%(old)s” to “%(new)s”") % {
        "old": it("Address verified"),
        "new": it("In review"),
    }
    assert escape(changed) in html
    assert "Chiamare" in html


def test_unverified_application_cannot_enter_review(admin_client, page):
    submission = apply(page)
    detail = urls(page, submission)["detail"]
    response = admin_client.post(detail, {"action": "status", "status-status": "in_review"})
    assert response.status_code == 400
    assert AdhesionSubmission.objects.get(pk=submission.pk).status == "new"
    message = it("The applicant has not confirmed their email address yet.")
    assert escape(message) in admin_client.get(detail).content.decode()


def test_assign_and_note(admin_client, page, admin_user):
    submission = apply(page)
    detail = urls(page, submission)["detail"]
    admin_client.post(detail, {"action": "assign", "assign-assignee": admin_user.pk})
    admin_client.post(detail, {"action": "note", "note-text": "Ente già attivo a Parma"})
    submission.refresh_from_db()
    assert submission.assignee == admin_user
    assert AdhesionNote.objects.get().text == "Ente già attivo a Parma"
    actions = set(ModelLogEntry.objects.values_list("action", flat=True))
    assert {
        "wagtail_community_matching.adhesion.assign",
        "wagtail_community_matching.adhesion.note",
    } <= actions
    assert admin_client.post(detail, {"action": "nonsense"}).status_code == 400


def test_rejection_sends_the_editor_written_mail_after_commit(
    page, admin_user, django_capture_on_commit_callbacks
):
    page.rejection_subject = "Esito della domanda"
    page.rejection_body = "Non possiamo accogliere la domanda."
    page.save_revision().publish()
    submission = apply(page)
    with django_capture_on_commit_callbacks(execute=True):
        change_status(submission, "rejected", user=admin_user)
    (message,) = mail.outbox
    assert message.subject == "Esito della domanda"
    assert message.body == "Non possiamo accogliere la domanda."
    assert message.to == ["referente@parma.example"]


def test_detail_query_count_does_not_grow_with_history(admin_client, page, admin_user):
    submission = apply(page, logo=True)
    detail = urls(page, submission)["detail"]

    def count_after(notes):
        for number in range(notes):
            add_note(submission, f"Nota {number}", user=admin_user)
        admin_client.get(detail)
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(detail).status_code == 200
        return len(queries)

    assert count_after(2) == count_after(12)
