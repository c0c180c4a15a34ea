"""The ModelAdmin group in a real browser: each listing and inspect view, scanned by axe-core."""

from __future__ import annotations

import pytest

from wagtail_community_matching.models import (
    AdhesionSubmission,
    ImpactReport,
    Indicator,
    Member,
    Registration,
    Venue,
)

from ..conftest import assert_no_axe_violations
from .conftest import INDEX, action_url

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MODELS = {
    "member": Member,
    "venue": Venue,
    "registration": Registration,
    "application": AdhesionSubmission,
    "indicator": Indicator,
    "report": ImpactReport,
}


def log_in(page, demo) -> None:
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("staff", "staff@rete.example", "a-long-Passw0rd")
    page.goto(f"{demo}/admin/login/")
    page.locator("#id_username").fill("staff")
    page.locator("#id_password").fill("a-long-Passw0rd")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{demo}/admin/")


def test_each_listing_and_inspect_view_passes_axe(browser_page, demo):
    page = browser_page
    log_in(page, demo)
    for name, model in MODELS.items():
        instance = model.objects.order_by("pk").first()
        assert instance is not None, f"the demo has no {name}"
        page.goto(f"{demo}{INDEX[name]}")
        assert page.locator("table.listing tbody tr").count() >= 1, name
        assert_no_axe_violations(page)
        page.goto(f"{demo}{action_url(name, 'inspect', instance.pk)}")
        assert page.locator("main, #main").first.is_visible(), name
        assert_no_axe_violations(page)
