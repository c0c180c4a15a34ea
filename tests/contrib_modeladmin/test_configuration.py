"""The sub-app's configuration: which admin shows the menu items, and the system checks."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu

from wagtail_community_matching.checks import admin as admin_checks
from wagtail_community_matching.checks import check_settings

from ..adhesion.helpers import make_form_page, make_home
from ..conftest import it

pytestmark = pytest.mark.django_db

#: Names of the package's own menu items for the models the group lists.
PACKAGE_ITEMS = {
    "members",
    "event_registrations",
    "impact_data",
    "community-matching-applications",
}


@pytest.fixture(autouse=True)
def _admin_urls_loaded():
    """Viewsets register their menu items when the admin's URLs load: load them first."""
    reverse("wagtailadmin_home")
    admin_menu.__dict__.pop("registered_menu_items", None)  # rebuilt with every item


def menu_names(user) -> set[str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    return {item.name for item in admin_menu.menu_items_for_request(request)}


def group_labels(user) -> list[str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    group = next(
        item
        for item in admin_menu.menu_items_for_request(request)
        if item.name == "community_matching"
    )
    return [item.label for item in group.menu.menu_items_for_request(request)]


def test_modeladmin_shows_the_group_and_hides_the_packages_items(admin_user):
    names = menu_names(admin_user)
    assert "community_matching" in names
    assert not names & PACKAGE_ITEMS
    assert {"explorer", "snippets", "images"} <= names  # Wagtail's own items stay
    labels = [it("Members"), it("Venues"), it("Event registrations")]
    labels += [it("Impact indicators"), it("Impact reports")]
    assert group_labels(admin_user) == labels  # no adhesion form: nothing to review
    make_form_page(make_home())
    admin_user.refresh_from_db()  # as a new request would, forget what the user reviewed
    del admin_user._cm_reviewable_forms
    assert group_labels(admin_user) == [*labels[:3], it("Applications"), *labels[3:]]
    assert not menu_names(admin_user) & PACKAGE_ITEMS  # the package's "Applications" too


def test_viewsets_show_the_packages_items_and_hide_the_group(admin_user, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADMIN_INTERFACE": "viewsets"}
    make_form_page(make_home())  # the package's "Applications" item needs a form to review
    names = menu_names(admin_user)
    assert "community_matching" not in names
    assert names >= PACKAGE_ITEMS


def test_the_group_shows_each_user_only_what_they_may_list(staff):
    assert "community_matching" not in menu_names(staff("nobody"))
    viewer = staff("viewer", "view_venue", "view_registration")
    assert "community_matching" in menu_names(viewer)
    assert len(group_labels(viewer)) == 2


@pytest.fixture
def installed(monkeypatch):
    """Pretend the named apps are, or are not, installed: ``installed(sub_app, modeladmin)``."""

    def pretend(sub_app: bool, modeladmin: bool):
        real = apps.is_installed
        answers = {admin_checks.MODELADMIN_SUBAPP: sub_app, "wagtail_modeladmin": modeladmin}
        monkeypatch.setattr(
            admin_checks.apps, "is_installed", lambda name: answers.get(name, real(name))
        )

    return pretend


def ids() -> list[str]:
    """Ids of the ``ADMIN_INTERFACE`` messages, without the package's prefix."""
    prefix = "wagtail_community_matching."
    return [
        message.id.removeprefix(prefix)
        for message in check_settings()
        if message.id in {f"{prefix}{code}" for code in ("E100", "E101", "E102", "W100")}
    ]


@pytest.mark.parametrize(
    ("choice", "sub_app", "modeladmin", "expected"),
    [
        ("modeladmin", True, True, []),
        ("viewsets", False, False, []),
        ("viewsets", False, True, []),
        ("modeladmin", True, False, ["E101"]),
        ("viewsets", True, False, ["E101", "W100"]),
        ("modeladmin", False, True, ["E102"]),
        ("viewsets", True, True, ["W100"]),
        ("django-admin", True, True, ["E100"]),
        ("", False, False, ["E100"]),
    ],
)
def test_admin_interface_checks(settings, installed, choice, sub_app, modeladmin, expected):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADMIN_INTERFACE": choice}
    installed(sub_app, modeladmin)
    assert ids() == expected


def test_the_installed_combination_passes_the_checks():
    assert ids() == []
    assert apps.is_installed("wagtail_community_matching.contrib.modeladmin")
