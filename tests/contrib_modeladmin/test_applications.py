"""Applications in the ModelAdmin group: the review's permissions, filters, inspect, exports.

Every rule of ``adhesion/views/listing.py`` holds here: a user sees, inspects, exports and
erases only the applications of the forms whose submissions Wagtail lets them review.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from wagtail_community_matching.adhesion.reviewing import add_note, change_status
from wagtail_community_matching.models import AdhesionSubmission

from ..adhesion.helpers import apply, make_form_page, make_home, verified
from .conftest import INDEX, action_url, in_english, refused

pytestmark = pytest.mark.django_db

LIST = INDEX["application"]


@pytest.fixture
def forms():
    home = make_home()
    return make_form_page(home), make_form_page(home, title="Registrazione evento", slug="evento")


@pytest.fixture
def applications(forms):
    join, other = forms
    return {
        "parma": apply(join),
        "bari": apply(join, denominazione_ente="Cooperativa Bari", citta="Bari", provincia="BA"),
        "evil": apply(join, denominazione_ente='=HYPERLINK("http://x")', citta="-2+3"),
        "theirs": apply(other, denominazione_ente="Fondazione Altra", citta="Torino"),
    }


def rows(response):
    return sorted(str(item.organisation_name) for item in response.context["object_list"])


def csv_rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_a_reviewer_of_one_form_lists_only_its_applications(
    client, forms, applications, reviewer_of, django_assert_max_num_queries
):
    join, other = forms
    client.force_login(reviewer_of(join))
    with django_assert_max_num_queries(30):
        response = client.get(LIST)
    assert response.status_code == 200
    assert rows(response) == ['=HYPERLINK("http://x")', "Comune di Parma", "Cooperativa Bari"]
    html = response.content.decode()
    assert "Fondazione Altra" not in html
    assert other.title not in html  # not even among the form filter's choices


def test_the_listing_makes_the_same_queries_for_3_and_30_applications(
    client, forms, reviewer_of, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    join, _other = forms
    user = reviewer_of(join)
    counts = []
    for total in (3, 30):
        while AdhesionSubmission.objects.count() < total:
            apply(join)
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_users_who_review_no_form_are_refused(client, applications, staff):
    client.force_login(staff("outsider", "view_adhesionsubmission"))
    assert refused(client.get(LIST))
    assert refused(client.get(LIST + "?export=csv"))
    submission = applications["parma"]
    for action in ("inspect", "history", "delete"):
        assert refused(client.get(action_url("application", action, submission.pk))), action


def test_another_forms_application_cannot_be_inspected_erased_or_seen_in_history(
    client, forms, applications, reviewer_of
):
    join, _other = forms
    client.force_login(reviewer_of(join))
    theirs = applications["theirs"]
    for action in ("inspect", "history", "delete"):
        assert refused(client.get(action_url("application", action, theirs.pk))), action
    assert AdhesionSubmission.objects.filter(pk=theirs.pk).exists()
    mine = applications["parma"]
    assert client.get(action_url("application", "inspect", mine.pk)).status_code == 200
    assert client.get(action_url("application", "history", mine.pk)).status_code == 200


def test_delete_goes_to_the_erasure_of_the_package(client, forms, applications, reviewer_of):
    """The package's erasure erases the applicant's applications in the reviewer's forms only."""
    join, other = forms
    client.force_login(reviewer_of(join))
    mine = applications["parma"]
    response = client.get(action_url("application", "delete", mine.pk))
    erase = reverse("wagtail_community_matching_adhesion:erase", args=(join.pk, mine.pk))
    assert response.status_code == 302 and response["Location"] == erase
    # The same applicant applied to the other form: that application stays.
    same_applicant = apply(other)
    client.post(erase)
    assert not AdhesionSubmission.objects.filter(page=join, pk=mine.pk).exists()
    assert AdhesionSubmission.objects.filter(pk=same_applicant.pk).exists()


def test_nobody_creates_or_edits_an_application(admin_client, applications):
    mine = applications["parma"]
    assert refused(admin_client.get(LIST + "create/"))
    assert refused(admin_client.get(action_url("application", "edit", mine.pk)))
    html = admin_client.get(action_url("application", "inspect", mine.pk)).content.decode()
    assert action_url("application", "edit", mine.pk) not in html
    assert "<form" not in html.split('id="cm-answers"')[1]  # answers are not editable


def test_filters_by_form_and_status_and_search(admin_client, forms, applications, admin_user):
    join, other = forms
    change_status(verified(applications["bari"]), "in_review", user=admin_user)
    assert rows(admin_client.get(f"{LIST}?form={other.pk}")) == ["Fondazione Altra"]
    assert rows(admin_client.get(f"{LIST}?form={join.pk}&status__exact=in_review")) == [
        "Cooperativa Bari"
    ]
    assert rows(admin_client.get(f"{LIST}?q=torino")) == ["Fondazione Altra"]
    html = admin_client.get(LIST).content.decode()
    assert join.title in html and other.title in html  # the superuser reviews both


@pytest.mark.parametrize(
    "query",
    [
        "?form=abc",
        "?form=999999",
        "?status__exact=not-a-status",
        "?o=zz",
        "?p=abc",
        "?submit_time__gte=not-a-date",
        "?assignee__password__startswith=md5",
        "?form_data__icontains=Parma",
    ],
)
def test_bad_or_unknown_parameters_never_fail_nor_filter_by_other_fields(
    admin_client, applications, query
):
    response = admin_client.get(LIST + query)
    assert response.status_code == 200
    if query.startswith("?form="):
        assert rows(response) == []
    elif "password" in query or "form_data" in query or "submit_time" in query:
        assert len(response.context["object_list"]) == 4  # ignored, not a lookup


def test_a_reviewer_cannot_filter_nor_export_another_form(client, forms, applications, reviewer_of):
    join, other = forms
    client.force_login(in_english(reviewer_of(join)))
    assert rows(client.get(f"{LIST}?form={other.pk}")) == []
    response = client.get(f"{LIST}?form={other.pk}&export=csv")
    assert response.status_code == 200
    table = csv_rows(response)
    assert len(table) == 1  # headings only
    # No answer column of the other form: its field labels are not revealed either.
    assert table[0] == [
        "Form",
        "Number",
        "Submission date",
        "Status",
        "Organisation",
        "Address verified",
        "Reviewer",
    ]


def test_exports_are_formula_safe_and_carry_a_forms_answers(
    client, forms, applications, reviewer_of, admin_user
):
    join, _other = forms
    client.force_login(in_english(reviewer_of(join)))
    table = csv_rows(client.get(f"{LIST}?export=csv"))
    assert len(table) == 4
    evil = next(row for row in table if "HYPERLINK" in "".join(row))
    assert evil[4] == '\'=HYPERLINK("http://x")'

    with_answers = csv_rows(client.get(f"{LIST}?form={join.pk}&export=csv"))
    assert "Città" in with_answers[0] and "Denominazione ente" in with_answers[0]
    city = with_answers[0].index("Città")
    assert {row[city] for row in with_answers[1:]} == {"Parma", "Bari", "'-2+3"}

    xlsx = client.get(f"{LIST}?form={join.pk}&export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    values = list(sheet.values)
    assert values[0][0] == "Form"
    assert {row[city] for row in values[1:]} == {"Parma", "Bari", "'-2+3"}
    assert all(row[0] == join.title for row in values[1:])


def test_inspect_shows_answers_files_notes_and_history(
    client, forms, reviewer_of, admin_user, django_assert_max_num_queries
):
    join, _other = forms
    submission = apply(join, logo=True, breve_descrizione="Prima riga\nseconda riga")
    add_note(submission, "Chiamare il referente", user=admin_user)
    change_status(verified(submission), "in_review", user=admin_user)
    client.force_login(reviewer_of(join))
    with django_assert_max_num_queries(40):
        response = client.get(action_url("application", "inspect", submission.pk))
    html = response.content.decode()
    assert "Comune di Parma" in html and "Prima riga<br>seconda riga" in html
    upload = submission.uploads.get()
    download = reverse(
        "wagtail_community_matching_adhesion:download", args=(join.pk, submission.pk, upload.pk)
    )
    assert download in html
    assert "Chiamare il referente" in html
    assert 'id="cm-history"' in html and "admin" in html.split('id="cm-history"')[1]
    review = reverse("wagtail_community_matching_adhesion:detail", args=(join.pk, submission.pk))
    assert review in html


def test_a_reviewer_of_a_form_reviews_the_applications_of_its_translations(
    client, forms, applications, reviewer_of
):
    """A form and its translations share one list of applications, as in the package's views.

    The English translation's application is listed, inspected and erased through the
    Italian form the reviewer may review (the package's views check that page).
    """
    from wagtail.models import Locale

    join, other = forms
    english = Locale.objects.get_or_create(language_code="en")[0]
    join_en = join.copy_for_translation(english, copy_parents=True)
    join_en.save_revision().publish()
    other_en = other.copy_for_translation(english, copy_parents=True)
    other_en.save_revision().publish()
    sent_in_english = apply(join_en, denominazione_ente="Comune di Lecce", citta="Lecce")
    not_theirs = apply(other_en, denominazione_ente="Fondazione Inglese", citta="Torino")
    client.force_login(reviewer_of(join))

    listed = rows(client.get(LIST))
    assert "Comune di Lecce" in listed and "Fondazione Inglese" not in listed
    html = client.get(action_url("application", "inspect", sent_in_english.pk)).content.decode()
    review = reverse(
        "wagtail_community_matching_adhesion:detail", args=(join.pk, sent_in_english.pk)
    )
    assert review in html
    assert client.get(review).status_code == 200  # the package's view agrees
    response = client.get(action_url("application", "delete", sent_in_english.pk))
    assert response["Location"] == reverse(
        "wagtail_community_matching_adhesion:erase", args=(join.pk, sent_in_english.pk)
    )
    for action in ("inspect", "history", "delete"):
        assert refused(client.get(action_url("application", action, not_theirs.pk))), action
