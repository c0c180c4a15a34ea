"""Admin of impact data: validation, edit form, report links, permissions, deletion."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import ModelLogEntry

from wagtail_community_matching.models import Indicator

from .factories import (
    indicators,
    make_member,
    make_report,
    t,
    text,
)

pytestmark = pytest.mark.django_db


# -- Admin ---------------------------------------------------------------------------------


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("staff", "staff@rete.example", "pw")
    client.force_login(user)
    return user


def test_admin_validates_a_report_and_logs_it(client, page, staff):
    member = make_member()
    report = make_report(member, 2025, {"matches-started": 10}, status="submitted")
    listing = client.get("/admin/snippets/wagtail_community_matching/impactreport/")
    assert listing.status_code == 200
    validate_url = f"/admin/snippets/wagtail_community_matching/impactreport/validate/{report.pk}/"
    assert validate_url in listing.content.decode()
    confirm = client.get(validate_url)
    assert confirm.status_code == 200 and "10" in text(confirm)
    response = client.post(validate_url)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "validated" and report.validated_by == staff
    assert ModelLogEntry.objects.filter(
        action="wagtail_community_matching.impact_report.validate"
    ).exists()
    history = client.get(
        f"/admin/snippets/wagtail_community_matching/impactreport/history/{report.pk}/"
    )
    assert history.status_code == 200 and t("Validated") in text(history)


def test_admin_edit_form_stamps_validation_and_refuses_bad_values(client, page, staff):
    catalogue = indicators()
    member = make_member()
    report = make_report(member, 2025, {"matches-started": 10}, status="submitted")
    value = report.values.get()
    edit_url = f"/admin/snippets/wagtail_community_matching/impactreport/edit/{report.pk}/"
    assert client.get(edit_url).status_code == 200
    data = {
        "member": member.pk,
        "year": 2025,
        "half": 0,
        "status": "validated",
        "comment": "",
        "staff_note": "",
        "values-TOTAL_FORMS": 2,
        "values-INITIAL_FORMS": 1,
        "values-MIN_NUM_FORMS": 0,
        "values-MAX_NUM_FORMS": 1000,
        "values-0-id": value.pk,
        "values-0-indicator": catalogue["matches-started"].pk,
        "values-0-value": "12",
        "values-0-ORDER": 1,
        "values-1-id": "",
        "values-1-indicator": catalogue["outcome-housing"].pk,
        "values-1-value": "140",
        "values-1-ORDER": 2,
    }
    response = client.post(edit_url, data)
    assert response.status_code == 200  # the form comes back with the error
    assert t("A percentage must be between 0 and 100.") in text(response)
    data["values-1-value"] = "40"
    english = Indicator.objects.get(code="matches-started", locale__language_code="en")
    data["values-1-indicator"] = english.pk  # the same indicator in another language
    response = client.post(edit_url, data)
    assert response.status_code == 200
    assert t("This indicator already has a value in this report.") in text(response)
    data["values-1-indicator"] = catalogue["outcome-housing"].pk
    response = client.post(edit_url, data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "validated" and report.validated_by == staff
    assert report.values.count() == 2
    assert ModelLogEntry.objects.filter(
        action="wagtail_community_matching.impact_report.validate", object_id=str(report.pk)
    ).exists()


def test_admin_report_links_and_indicator_listing(client, page, staff):
    make_member("Comune di Bari", region="puglia")
    html = client.get("/admin/snippets/wagtail_community_matching/impactreport/links/").content
    assert b"Comune di Bari" in html and b"/report/" in html
    listing = client.get("/admin/snippets/wagtail_community_matching/indicator/")
    assert listing.status_code == 200 and b"matches-started" in listing.content


def test_admin_views_need_permission(client, page):
    user = get_user_model().objects.create_user("visitor", "v@example.com", "pw")
    client.force_login(user)
    report = make_report(make_member(), 2025, {"matches-started": 1}, status="submitted")
    base = "/admin/snippets/wagtail_community_matching/impactreport/"
    for path in [f"{base}validate/{report.pk}/", f"{base}links/"]:
        assert client.get(path).status_code in (302, 403)
    client.post(f"{base}validate/{report.pk}/")
    report.refresh_from_db()
    assert report.status == "submitted"


def test_an_indicator_with_values_cannot_be_deleted_from_the_admin(client, page, staff):
    catalogue = indicators()
    make_report(make_member(), 2025, {"matches-started": 10})
    started = catalogue["matches-started"]
    url = f"/admin/snippets/wagtail_community_matching/indicator/delete/{started.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert t(
        "'%(indicator)s' has reported values and cannot be deleted. Untick 'Published' to hide "
        "it, or set 'Active to' to stop asking for it.",
        indicator=str(started),
    ) in text(response)
    assert Indicator.objects.filter(pk=started.pk).exists()
