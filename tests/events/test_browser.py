"""The demo events in a real browser: list, event page, registration, with axe-core scans."""

from __future__ import annotations

import pytest
from django.core import mail

from wagtail_community_matching.models import Registration

from ..conftest import assert_no_axe_violations, it

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_find_an_event_and_register(browser_page, demo):
    page = browser_page
    page.goto(f"{demo}/it/eventi/")
    assert page.locator("h1").inner_text() == "Eventi e formazioni"
    cards = page.locator(".cm-event-card__title")
    assert cards.count() >= 4
    assert_no_axe_violations(page)

    page.goto(f"{demo}/it/eventi/past/")
    assert "Presentazione della rete a Roma" in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    page.goto(f"{demo}/it/eventi/?from=2027-02-30&city=Atlantide")
    assert page.locator('[role="alert"]').is_visible()
    assert_no_axe_violations(page)

    page.goto(f"{demo}/it/eventi/")
    page.locator(
        ".cm-event-card__title a", has_text="Formazione per le équipe locali a Parma"
    ).click()
    page.wait_for_url(f"{demo}/it/eventi/formazione-equipe-locali-parma/")
    assert "Europe/Rome" in page.locator(".cm-event__facts").inner_text()
    assert_no_axe_violations(page)

    page.locator(".cm-event__registration a.cm-button").click()
    page.wait_for_url("**/register/")
    assert_no_axe_violations(page)

    page.locator("button[type=submit]").click()  # nothing filled in
    errors = page.locator(".cm-form-errors")
    assert errors.is_visible()
    assert page.locator("#id_email").get_attribute("aria-invalid") == "true"
    assert_no_axe_violations(page)

    page.fill("#id_name", "Marco Verdi")
    page.fill("#id_email", "marco.verdi@example.org")
    page.fill("#id_organisation", "Comune di Parma")
    page.fill("#id_phone", "+39 0521 000000")
    page.check("#id_consent")
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/register/done/?ticket=*")
    assert page.locator("h1").inner_text() == it("Check your email to confirm your place")
    assert "Formazione per le équipe locali a Parma" in page.locator("[role=status]").inner_text()
    assert_no_axe_violations(page)
    registration = Registration.objects.get(email="marco.verdi@example.org")
    assert registration.status == "unconfirmed"

    # The mail's confirm link, then its cancel link, as the person would follow them.
    (message,) = [m for m in mail.outbox if m.to == ["marco.verdi@example.org"]]
    confirm_url = "http" + message.body.split(it("Confirm your place") + ": http", 1)[1].split()[0]
    assert confirm_url.startswith(f"{demo}/it/eventi/formazione-equipe-locali-parma/"), confirm_url
    page.goto(confirm_url)
    assert_no_axe_violations(page)
    page.get_by_role("button", name=it("Confirm my place")).click()
    assert page.locator("[role=status]").inner_text() == it("Your place is confirmed.")
    assert_no_axe_violations(page)
    registration.refresh_from_db()
    assert registration.status == "registered"
    page.get_by_role("link", name=it("Cannot come? Cancel your registration")).click()
    page.get_by_role("button", name=it("Cancel my registration")).click()
    assert page.locator("[role=status]").inner_text() == it(
        "Your registration is cancelled. Thank you for letting us know."
    )
    assert_no_axe_violations(page)
    registration.refresh_from_db()
    assert registration.status == "cancelled"


def test_english_events_and_network_page_block(browser_page, demo):
    page = browser_page
    page.goto(f"{demo}/en/events/")
    assert page.locator("h1").inner_text() == "Events and trainings"
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Cancelled" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.goto(f"{demo}/en/events/monthly-supervision/")
    assert page.get_by_role("heading", name="Next dates").is_visible()
    assert_no_axe_violations(page)
