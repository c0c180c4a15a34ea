"""The demo events in a real browser: list, event page, registration, with axe-core scans."""

from __future__ import annotations

import pytest
from django.core import mail

from wagtail_community_matching.events import recurrence
from wagtail_community_matching.models import Registration

from ..conftest import assert_no_axe_violations, it

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def translation_of_admin():
    """The admin's language: the site's default, Italian."""
    from django.utils import translation

    return translation.override("it")


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
    errors = page.locator("#cm-error-summary")
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


def test_recurring_event_with_a_full_first_date_offers_the_open_ones(browser_page, demo):
    """Issue 13, item 4: weekly, 3 dates, 2 places each, waiting list on, first date full."""
    from datetime import timedelta

    from django.utils import timezone

    from wagtail_community_matching.events.booking import register
    from wagtail_community_matching.models import Occurrence
    from wagtail_community_matching.pages.models import EventIndexPage

    from .factories import make_event

    index = EventIndexPage.objects.get(locale__language_code="it")
    day = (timezone.now() + timedelta(days=8)).date().isoformat()
    event = make_event(
        index,
        "Laboratorio settimanale",
        start=f"{day} 18:00",
        end=f"{day} 20:00",
        slug="laboratorio-settimanale",
        recurrence_rule="FREQ=WEEKLY;COUNT=3",
        registration_mode="built_in",
        capacity=2,
        waiting_list=True,
    )
    first, second, third = Occurrence.objects.filter(page=event).order_by("start")
    for number in range(3):
        outcome = register(
            event, first.pk, name=f"P{number}", email=f"p{number}@example.org", consent_text="Sì"
        )
        assert outcome.registration is not None

    page = browser_page
    page.goto(f"{demo}{event.url}")
    dates = page.locator(".cm-event__dates li")
    assert dates.count() == 3
    assert it("full: waiting list") in dates.nth(0).inner_text()
    assert "2" in dates.nth(1).inner_text() and it("full") not in dates.nth(1).inner_text()
    registration = page.locator(".cm-event__registration")
    assert it("Registration open") in registration.inner_text()
    button = registration.locator("a.cm-button")
    assert button.inner_text() == it("Register")
    assert_no_axe_violations(page)

    button.click()
    page.wait_for_url("**/register/")
    select = page.locator("#id_occurrence")
    submit = page.locator("button[data-cm-submit]")
    assert select.input_value() == str(second.pk)  # the first date with places
    assert submit.inner_text() == it("Register")
    assert_no_axe_violations(page)

    select.select_option(str(first.pk))  # the full date: sending joins the waiting list
    assert submit.inner_text() == it("Join the waiting list")
    assert_no_axe_violations(page)
    select.select_option(str(third.pk))
    assert submit.inner_text() == it("Register")

    select.select_option(str(first.pk))
    page.fill("#id_name", "Giulia Neri")
    page.fill("#id_email", "giulia.neri@example.org")
    page.check("#id_consent")
    submit.click()
    page.wait_for_url("**/register/done/?ticket=*")
    registration = Registration.objects.get(email="giulia.neri@example.org")
    assert registration.status == "waitlisted" and registration.occurrence_id == first.pk
    assert_no_axe_violations(page)

    # Without JavaScript the page still works: the server words the button by its choice.
    context = page.context.browser.new_context(locale="it-IT", java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto(f"{demo}{event.url}register/")
        assert plain.locator("#id_occurrence").input_value() == str(second.pk)
        assert plain.locator("button[data-cm-submit]").inner_text() == it("Register")
    finally:
        context.close()


def test_editor_builds_a_rule_with_the_recurrence_widget(browser_page, demo):
    """Issue 13, item 10: menus write the rule; the rule in words follows."""
    from django.contrib.auth import get_user_model

    from wagtail_community_matching.pages.models import EventPage

    get_user_model().objects.create_superuser("editor", "editor@example.org", "a-long-password")
    event = EventPage.objects.get(slug="supervisione-mensile")
    page = browser_page
    page.goto(f"{demo}/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "a-long-password")
    page.locator("button[type=submit]").click()
    page.wait_for_url("**/admin/")
    page.goto(f"{demo}/admin/pages/{event.pk}/edit/")
    widget = page.locator("[data-cm-recurrence]").first
    rule = widget.locator("input[name=recurrence_rule]")
    summary = widget.locator("[data-cm-recurrence-summary]")
    assert widget.locator("[data-cm-recurrence-builder]").is_visible()
    # The stored rule set the menus: monthly, on the second Tuesday.
    assert widget.locator('[data-part="freq"]').input_value() == "MONTHLY"
    assert widget.locator('[data-part="ordinal"]').input_value() == "2"
    assert widget.locator('[data-part="monthday"]').input_value() == "TU"

    widget.locator('[data-part="freq"]').select_option("WEEKLY")
    widget.locator('[data-part="weekday"][value="TU"]').check()
    widget.locator('[data-part="weekday"][value="TH"]').check()
    widget.locator('[data-part="end"][value="count"]').check()
    widget.locator('[data-part="count"]').fill("6")
    widget.locator('[data-part="count"]').dispatch_event("change")
    assert rule.input_value() == "FREQ=WEEKLY;BYDAY=TU,TH;COUNT=6"
    with translation_of_admin():
        words = recurrence.describe_rule("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=6")
    page.wait_for_function(
        "([node, text]) => node.textContent.trim() === text",
        arg=[summary.element_handle(), words],
    )

    widget.locator('[data-part="freq"]').select_option("MONTHLY")
    widget.locator('[data-part="ordinal"]').select_option("-1")
    widget.locator('[data-part="monthday"]').select_option("FR")
    widget.locator('[data-part="end"][value="until"]').check()
    widget.locator('[data-part="until"]').fill("2027-06-30")
    widget.locator('[data-part="until"]').dispatch_event("change")
    assert rule.input_value() == "FREQ=MONTHLY;BYDAY=-1FR;UNTIL=20270630"

    # A rule typed by hand sets the menus.
    rule.fill("FREQ=DAILY;INTERVAL=2")
    rule.dispatch_event("change")
    assert widget.locator('[data-part="freq"]').input_value() == "DAILY"
    assert widget.locator('[data-part="interval"]').input_value() == "2"
