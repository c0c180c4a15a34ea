"""The demo network pages in a real browser, with an axe-core scan."""

from __future__ import annotations

import pytest

from ..conftest import assert_no_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_network_page_in_italian_and_english(browser_page, demo):
    page = browser_page
    page.goto(f"{demo}/it/")
    assert page.locator("h1").inner_text() == "Rete Community Matching"
    assert page.locator("html").get_attribute("lang") == "it"
    assert page.get_by_role("heading", name="Cosa offre la rete ai membri").is_visible()
    assert page.locator(".cm-resources__meta").first.inner_text().startswith(" (PDF,")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{demo}/en/")
    assert page.locator("h1").inner_text() == "Community Matching Network"
    assert page.locator("html").get_attribute("lang") == "en"
    assert_no_axe_violations(page)

    page.get_by_role("link", name="How to join").first.click()
    page.wait_for_url(f"{demo}/en/how-to-join/")
    assert page.get_by_role("heading", name="What members commit to").is_visible()
    assert_no_axe_violations(page)


def test_skip_link_moves_focus_to_main(browser_page, demo):
    page = browser_page
    page.goto(f"{demo}/it/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Salta al contenuto principale")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
