"""Collect these tests only under ``tests.settings_modeladmin``; their shared fixtures.

The sub-app ``wagtail_community_matching.contrib.modeladmin`` registers its admin only
when installed, so under any other settings these tests are not collected at all.
"""

from __future__ import annotations

import pytest
from django.conf import settings

if not (settings.configured and getattr(settings, "MODELADMIN_TESTS", False)):
    collect_ignore_glob = ["test_*.py"]

#: Index URL of each ModelAdmin of the group, by model.
INDEX = {
    "member": "/admin/community-matching/members/",
    "venue": "/admin/community-matching/venues/",
    "registration": "/admin/community-matching/event-registrations/",
    "application": "/admin/community-matching/applications/",
    "indicator": "/admin/community-matching/indicators/",
    "report": "/admin/community-matching/impact-reports/",
}


def action_url(model: str, action: str, pk) -> str:
    """URL of a ModelAdmin's ``action`` view ("inspect", "edit", "delete", "history")."""
    return f"{INDEX[model]}{action}/{pk}/"


def refused(response) -> bool:
    """Wagtail turns a refused admin request into a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"] == "/admin/"


def in_english(user):
    """The admin speaks English to ``user`` (their Wagtail profile's preferred language)."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def staff(django_user_model):
    """A non-superuser with admin access and the model permissions named, per call."""
    from django.contrib.auth.models import Group, Permission

    def make(username="staff", *codenames):
        user = django_user_model.objects.create_user(username, f"{username}@x.example", "pw")
        group = Group.objects.create(name=f"group of {username}")
        group.permissions.add(*Permission.objects.filter(codename__in=["access_admin", *codenames]))
        user.groups.add(group)
        return user

    return make


@pytest.fixture
def reviewer_of(staff):
    """A user with admin access who may review the applications of one form page."""
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupPagePermission

    def make(page, username="reviewer"):
        user = staff(username)
        GroupPagePermission.objects.create(
            group=user.groups.get(),
            page=page,
            permission=Permission.objects.get(codename="change_page"),
        )
        return user

    return make
