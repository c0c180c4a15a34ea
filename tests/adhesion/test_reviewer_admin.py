"""Where reviewers work (issue 13, item 13): the "Applications" menu item with the number
waiting, its index, and the dashboard panel of applications waiting for review."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import GroupPagePermission

from wagtail_community_matching.adhesion.views.dashboard import (
    ApplicationsPanel,
    hide_generic_forms_item,
)
from wagtail_community_matching.models import AdhesionSubmission

from ..conftest import it
from .helpers import apply, verified

pytestmark = pytest.mark.django_db

INDEX = "/admin/community-matching/adhesion/"


@pytest.fixture
def user_with(django_user_model):
    """A non-superuser with admin access and ``codename`` on ``page``."""

    def make(page, codename="change_page", username="reviewer"):
        user = django_user_model.objects.create_user(username, f"{username}@x.example", "pw")
        group = Group.objects.create(name=f"Group {username}")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        if page is not None:
            GroupPagePermission.objects.create(
                group=group, page=page, permission=Permission.objects.get(codename=codename)
            )
        user.groups.add(group)
        return user

    return make


def waiting_label(count: int) -> str:
    return it("%(label)s (%(count)d)") % {"label": it("Applications"), "count": count}


def applications(page, waiting: int, other: int = 1) -> list:
    """``waiting`` verified applications and ``other`` unverified (new) ones of ``page``."""
    made = [verified(apply(page, denominazione_ente=f"Ente in attesa {n}")) for n in range(waiting)]
    made += [apply(page, denominazione_ente=f"Ente non confermato {n}") for n in range(other)]
    return made


def test_menu_item_counts_the_applications_waiting_for_review(client, page, user_with):
    first, second, *_ = applications(page, waiting=2)
    client.force_login(user_with(page))
    html = client.get("/admin/").content.decode()
    assert "community-matching-applications" in html and waiting_label(2) in html
    # In review still waits; decided applications do not.
    second.status = "in_review"
    second.save()
    first.status = "approved"
    first.save()
    html = client.get("/admin/").content.decode()
    assert waiting_label(1) in html and waiting_label(2) not in html


def test_menu_item_without_waiting_applications_has_no_count(client, page, user_with):
    applications(page, waiting=0, other=2)
    client.force_login(user_with(page))
    html = client.get("/admin/").content.decode()
    assert "community-matching-applications" in html
    item = html.split("community-matching-applications")[1][:300]
    assert f'"label": "{it("Applications")}",' in item


def test_applications_are_not_under_the_generic_forms_menu(admin_client, page):
    html = admin_client.get("/admin/").content.decode()
    assert "community-matching-applications" in html
    # Wagtail's "Forms" item would list only this adhesion form: it is left out.
    assert '"name": "forms"' not in html
    assert f'"url": "{reverse("wagtailforms:index")}"' not in html


def test_generic_forms_item_stays_when_it_lists_other_forms(admin_user, page):
    class Item:
        def __init__(self, name):
            self.name = name

    request = RequestFactory().get("/admin/")
    request.user = admin_user
    items = [Item("explorer"), Item("forms")]
    hide_generic_forms_item(request, items)
    assert [item.name for item in items] == ["explorer"]  # only adhesion forms: hidden
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    request._cm_reviewable_pages = []  # a user who reviews no adhesion form
    items = [Item("explorer"), Item("forms")]
    hide_generic_forms_item(request, items)
    assert [item.name for item in items] == ["explorer", "forms"]


def test_users_who_may_not_review_see_no_item_no_panel_and_no_index(client, home, page, user_with):
    applications(page, waiting=3)
    client.force_login(user_with(home, codename="view_page", username="reader"))
    html = client.get("/admin/").content.decode()
    assert "community-matching-applications" not in html
    assert it("Applications waiting for review") not in html
    assert "Ente in attesa" not in html
    response = client.get(INDEX)  # Wagtail sends the refused user to the dashboard
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_index_leads_to_the_one_form_or_lists_several(admin_client, page, other_page):
    applications(page, waiting=2)
    listing = reverse("wagtailforms:list_submissions", args=(page.pk,))
    response = admin_client.get(INDEX)
    assert response.status_code == 200  # two adhesion forms: a choice, with counts
    html = response.content.decode()
    assert listing in html and page.title in html and other_page.title in html
    other_page.delete()
    response = admin_client.get(INDEX)
    assert response.status_code == 302 and response["Location"] == listing


def test_dashboard_panel_lists_applications_waiting_for_review(client, page, user_with):
    waiting = applications(page, waiting=2, other=1)
    client.force_login(user_with(page))
    html = client.get("/admin/").content.decode()
    assert it("Applications waiting for review") in html
    assert "Ente in attesa 0" in html and "Ente in attesa 1" in html
    assert "Ente non confermato" not in html  # the address is not confirmed yet
    detail = reverse("wagtail_community_matching_adhesion:detail", args=(page.pk, waiting[0].pk))
    assert detail in html


def _panel_queries(user) -> int:
    request = RequestFactory().get("/admin/")
    request.user = user
    with CaptureQueriesContext(connection) as captured:
        panel = ApplicationsPanel.for_request(request)
        panel.render_html({"request": request})
    return len(captured.captured_queries)


def test_dashboard_panel_queries_do_not_grow_with_applications(page, admin_user):
    applications(page, waiting=1)
    few = _panel_queries(admin_user)
    applications(page, waiting=12)
    assert AdhesionSubmission.objects.filter(status="verified").count() == 13
    # The reviewable forms and the first five waiting applications; their number only
    # when there are five or more.
    assert (few, _panel_queries(admin_user)) == (2, 3)
