"""Impact data in a real browser: a member reports through its link, staff validate it."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from wagtail_community_matching.impact.links import report_url
from wagtail_community_matching.impact.periods import due_period
from wagtail_community_matching.models import ImpactReport

from ..conftest import assert_no_axe_violations
from .factories import bulk_members, bulk_reports, indicators, make_impact_page, make_member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DUE = due_period()


def it(message: str) -> str:
    with translation.override("it"):
        return translation.gettext(message)


@pytest.fixture
def network(live_server, wagtail_bootstrap):
    indicators()
    page = make_impact_page()
    members = bulk_members(6, regions=("lombardia", "lazio", "puglia"))
    bulk_reports(members, [DUE.previous().year, DUE.year], {"matches-started": 50})
    newcomer = make_member(
        "Cooperativa Nuovi Passi", kind="cooperative", city="Genova", region="liguria"
    )
    get_user_model().objects.create_superuser("staff", "staff@rete.example", "pw-staff-123")
    link = urlsplit(report_url(newcomer, page=page))
    return {
        "page_url": f"{live_server.url}{page.url}",
        "link": f"{live_server.url}{link.path}",
        "admin": f"{live_server.url}/admin/",
        "newcomer": newcomer,
    }


def started_label() -> str:
    """The report form's label of "matches started", as the Italian page shows it."""
    return f"{it('Matches started')} ({it('matches')})"


def key_figure(page, label: str) -> str:
    item = page.locator(".cm-figures__item", has_text=label).first
    return item.locator(".cm-figures__value").inner_text()


def test_report_through_the_link_then_validation_changes_the_totals(browser_page, network):
    page = browser_page
    page.goto(network["page_url"])
    assert key_figure(page, it("Matches started")) == "300"
    assert_no_axe_violations(page)

    # The member opens its link, makes a mistake, corrects it and sends the report.
    page.goto(network["link"])
    assert page.get_by_role("heading", level=1).inner_text().endswith(DUE.label)
    assert_no_axe_violations(page)
    page.get_by_label(started_label()).fill("-40")
    page.get_by_label(it("Found housing")).fill("35,5")
    page.get_by_role("button", name=it("Send the report")).click()
    error = page.locator(".cm-field--error")
    assert error.count() == 1
    assert it("The value cannot be negative.") in error.inner_text()
    assert page.get_by_label(it("Found housing")).input_value() == "35,5"
    assert page.get_by_label(started_label()).get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(page)
    page.get_by_label(started_label()).fill("40")
    page.get_by_label(it("Comments on your figures")).fill("Primo anno di attività.")
    page.get_by_role("button", name=it("Send the report")).click()
    page.wait_for_url("**sent=1")
    assert page.get_by_role("heading", name=it("Thank you")).is_visible()
    assert_no_axe_violations(page)
    report = ImpactReport.objects.get(member=network["newcomer"])
    assert report.status == "submitted"

    # Not validated yet: the published totals have not moved.
    page.goto(network["page_url"])
    assert key_figure(page, it("Matches started")) == "300"

    # Staff validate the report in the admin.
    page.goto(network["admin"])
    page.locator("#id_username").fill("staff")
    page.locator("#id_password").fill("pw-staff-123")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(network["admin"])
    page.goto(network["admin"] + "snippets/wagtail_community_matching/impactreport/")
    validate = page.locator(f"a[href$='/validate/{report.pk}/']").first
    if not validate.is_visible():  # Wagtail 7 keeps listing buttons in a dropdown
        page.get_by_role("button", name=str(report)).first.click()
    validate.click()
    page.get_by_role("button", name=it("Validate the report")).click()
    page.wait_for_url("**/impactreport/")
    report.refresh_from_db()
    assert report.status == "validated"

    page.goto(network["page_url"])
    assert key_figure(page, it("Matches started")) == "340"
    assert_no_axe_violations(page)


def test_tampered_link_shows_a_clear_page(browser_page, network):
    page = browser_page
    response = page.goto(network["link"].rstrip("/") + "x/")
    assert response.status == 400
    assert page.get_by_role("heading", level=1).inner_text() == it(
        "This report link cannot be used"
    )
    assert_no_axe_violations(page)


def test_demo_impact_page_is_readable_on_a_390_px_screen(browser_page, demo):
    """Issue 13, item 5: the demo's figures by area are shown, labels wrap, nothing is cut."""
    browser_page.set_viewport_size({"width": 390, "height": 844})
    browser_page.goto(f"{demo}/it/impatto/")
    # Nothing wider than the screen: the page never scrolls sideways.
    assert browser_page.evaluate("document.documentElement.scrollWidth") <= 390
    # The demo's latest year has a breakdown to show: North and the other areas.
    table = browser_page.locator("#cm-impact-table-area")
    assert table.is_visible()
    assert it("North") in table.inner_text() and it("Other areas") in table.inner_text()
    assert it("suppressed") not in table.inner_text()
    # Every chart label is whole (no "…", nothing clipped) and large enough to read.
    labels = browser_page.locator(".cm-chart__label")
    assert labels.count() >= 10
    for index in range(labels.count()):
        label = labels.nth(index)
        assert not label.inner_text().endswith("…")
        box = label.evaluate(
            "el => [el.scrollWidth <= el.clientWidth, el.getBoundingClientRect().height,"
            " el.getBoundingClientRect().right]"
        )
        assert box[0] and box[1] >= 14 and box[2] <= 390, (label.inner_text(), box)
    # The type of member has no two groups of five in the demo: one sentence says why.
    assert browser_page.locator(".cm-impact__omitted").count() == 1
    assert_no_axe_violations(browser_page)
