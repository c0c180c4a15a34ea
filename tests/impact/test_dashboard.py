"""Where reviewers work (issue 13, item 13): the impact menu's name and the dashboard panel
of impact reports waiting for validation."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail_community_matching.impact.viewsets import impact_dashboard_panel
from wagtail_community_matching.models import ImpactReport

from ..conftest import it
from .factories import indicators, make_member, make_report

pytestmark = pytest.mark.django_db

VALIDATE = "/admin/snippets/wagtail_community_matching/impactreport/validate/{}/"


@pytest.fixture
def user_with(django_user_model):
    """A non-superuser with admin access and the ImpactReport permissions ``codenames``."""

    def make(*codenames, username="staff"):
        user = django_user_model.objects.create_user(username, f"{username}@x.example", "pw")
        group = Group.objects.create(name=f"Group {username}")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        for codename in codenames:
            group.permissions.add(Permission.objects.get(codename=codename))
        user.groups.add(group)
        return user

    return make


def reports(waiting: int, validated: int = 1, drafts: int = 1) -> list[ImpactReport]:
    """``waiting`` submitted reports (returned) and some validated and draft ones."""
    indicators()
    made = []
    for number in range(waiting):
        member = make_member(f"Ente in attesa {number}")
        made.append(make_report(member, 2025, {"matches-started": 10}, status="submitted"))
    for number in range(validated):
        make_report(make_member(f"Ente convalidato {number}"), 2025, {"matches-started": 10})
    for number in range(drafts):
        member = make_member(f"Ente in bozza {number}")
        make_report(member, 2025, {"matches-started": 10}, status="draft")
    return made


def test_the_impact_menu_item_is_not_named_like_wagtails_reports_menu(admin_client):
    html = admin_client.get("/admin/").content.decode()  # the admin in Italian
    wagtails = re.search(r'"name": "reports", "label": "([^"]*)"', html).group(1)
    ours = re.search(
        r'"label": "([^"]*)", "icon_name": "clipboard-list", "classname": "", "attrs": \{\}, '
        r'"url": "/admin/snippets/wagtail_community_matching/impactreport/"',
        html,
    ).group(1)
    assert ours == it("Impact reports")
    assert ours != wagtails
    for language in ("it", "en"):
        with translation.override(language):
            assert translation.gettext("Impact reports") != translation.gettext("Reports")


def test_dashboard_panel_lists_reports_waiting_for_validation(client, user_with):
    waiting = reports(2)
    client.force_login(user_with("change_impactreport"))
    html = client.get("/admin/").content.decode()
    assert it("Impact reports waiting for validation") in html
    assert "Ente in attesa 0" in html and "Ente in attesa 1" in html
    assert "Ente convalidato" not in html and "Ente in bozza" not in html
    assert VALIDATE.format(waiting[0].pk) in html


def test_dashboard_panel_says_when_nothing_waits(admin_client):
    reports(0)
    html = admin_client.get("/admin/").content.decode()
    assert it("No impact report is waiting for validation.") in html


@pytest.mark.parametrize("codenames", [(), ("view_impactreport",), ("add_impactreport",)])
def test_users_who_may_not_validate_do_not_see_the_panel(client, user_with, codenames):
    reports(2)
    client.force_login(user_with(*codenames))
    html = client.get("/admin/").content.decode()
    assert it("Impact reports waiting for validation") not in html
    assert "Ente in attesa" not in html


def _panel_queries(user) -> int:
    request = RequestFactory().get("/admin/")
    request.user = user
    panel = impact_dashboard_panel(request)
    with CaptureQueriesContext(connection) as captured:
        panel.render_html({"request": request})
    return len(captured.captured_queries)


def test_dashboard_panel_queries_do_not_grow_with_reports(admin_user):
    reports(1)
    few = _panel_queries(admin_user)
    reports(12, validated=0, drafts=0)
    # The first five waiting reports with their members; their number only when there
    # are five or more.
    assert (few, _panel_queries(admin_user)) == (1, 2)
