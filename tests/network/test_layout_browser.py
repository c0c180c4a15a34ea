"""The default layout in a browser: the footer closes the window on short pages."""

from __future__ import annotations

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_no_gap_below_the_footer_of_a_short_page(browser_page, demo):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 2400})  # taller than the page
    page.goto(f"{demo}/it/informativa-privacy/")
    bottom = page.evaluate(
        "document.querySelector('.cm-site-footer').getBoundingClientRect().bottom"
    )
    height = page.evaluate("window.innerHeight")
    assert abs(bottom - height) < 1
    assert page.locator(".cm-join-link").is_visible()  # the join link in the header
