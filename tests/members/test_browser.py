"""The member directory in a real browser: filters, search, map and axe-core scans."""

from __future__ import annotations

import re

import pytest
from wagtail.models import Locale

from wagtail_community_matching.models import Member

from ..conftest import assert_no_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def card_names(page):
    return page.locator(".cm-member-card__name").all_inner_texts()


def test_filter_by_region_and_search(browser_page, demo):
    page = browser_page
    page.route(re.compile(r"https://tile\.openstreetmap\.org/.*"), lambda route: route.abort())
    page.goto(f"{demo}/it/membri/")
    assert page.locator("h1").inner_text() == "Membri della rete"
    listed = Member.objects.filter(locale__language_code="it").public()
    assert len(card_names(page)) == listed.count() >= 15
    assert_no_axe_violations(page)

    page.locator("#cm-directory-region").select_option("puglia")
    page.locator(".cm-directory__filters button[type=submit]").click()
    page.wait_for_url(re.compile(r".*region=puglia.*"))
    assert sorted(card_names(page)) == ["Associazione Mare di Mezzo", "Comune di Bari"]
    assert page.locator("#cm-directory-region").input_value() == "puglia"
    assert_no_axe_violations(page)

    page.locator("#cm-directory-q").fill("Lecce")
    page.locator(".cm-directory__filters button[type=submit]").click()
    page.wait_for_url(re.compile(r".*q=Lecce.*"))
    assert card_names(page) == ["Associazione Mare di Mezzo"]

    page.get_by_role("link", name=re.compile("Clear all filters|Cancella")).first.click()
    page.locator("#cm-directory-q").fill("Vicini di Casa")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*q=Vicini.*"))
    assert card_names(page) == ["Associazione Vicini di Casa"]


def test_map_shows_the_filtered_members(browser_page, demo):
    page = browser_page
    page.route(re.compile(r"https://tile\.openstreetmap\.org/.*"), lambda route: route.abort())
    page.goto(f"{demo}/it/membri/?region=lombardia")
    container = page.locator("[data-cm-member-map]")
    container.locator(".leaflet-marker-icon").first.wait_for()
    assert container.is_visible()
    lombardia = Member.objects.filter(locale__language_code="it", region="lombardia").public()
    mapped = lombardia.filter(latitude__isnull=False, longitude__isnull=False)
    # Members close together share a marker; every mapped member is on one.
    on_markers = container.locator("[data-cm-members]").evaluate_all(
        "spans => spans.reduce((sum, span) => sum + Number(span.dataset.cmMembers), 0)"
    )
    assert on_markers == mapped.count() >= 2
    assert len(card_names(page)) == lombardia.count()  # the list stays the primary view
    assert_no_axe_violations(page)


def test_member_page(browser_page, demo):
    page = browser_page
    page.goto(f"{demo}/it/membri/")
    page.get_by_role("link", name="Comune di Bari").first.click()
    page.wait_for_url(f"{demo}/it/membri/comune-di-bari/")
    assert page.locator("h1").inner_text() == "Comune di Bari"
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert_no_axe_violations(page)
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{demo}/en/members/comune-di-bari/")
    assert_no_axe_violations(page)


def test_an_english_visitor_finds_a_member_and_switches_to_italian(browser_page, demo):
    page = browser_page
    page.route(re.compile(r"https://tile\.openstreetmap\.org/.*"), lambda route: route.abort())
    # Italian cards are cached first: the English directory must not show them.
    page.goto(f"{demo}/it/membri/?region=puglia")
    assert "Tipologia" in page.locator(".cm-member-card").first.inner_text()

    page.goto(f"{demo}/en/")
    page.get_by_role("navigation", name=re.compile("Main|Principale")).get_by_role(
        "link", name="Network members"
    ).click()
    page.wait_for_url(f"{demo}/en/members/")
    assert page.locator("html").get_attribute("lang") == "en"
    english = Member.objects.public().in_locale(Locale.objects.get(language_code="en").pk)
    assert sorted(card_names(page)) == sorted(member.name for member in english)
    # A member not translated yet is listed in Italian, on an English card.
    untranslated = english.filter(locale__language_code="it").first()
    assert untranslated is not None and english.count() >= 16
    page.goto(f"{demo}/it/membri/?q={untranslated.name}")  # its Italian card, cached
    page.goto(f"{demo}/en/members/?q={untranslated.name}")
    card = page.locator(".cm-member-card", has_text=untranslated.name)
    assert "Type" in card.inner_text() and "Tipologia" not in card.inner_text()
    page.goto(f"{demo}/en/members/")
    assert_no_axe_violations(page)

    page.goto(f"{demo}/en/members/?region=puglia")
    card = page.locator(".cm-member-card", has_text="Comune di Bari")
    assert "The welfare department coordinates" in card.inner_text()
    assert "Type" in card.inner_text() and "Tipologia" not in card.inner_text()

    page.locator("#cm-directory-q").fill("welfare department")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*q=welfare.*"))
    assert card_names(page) == ["Comune di Bari"]  # the English text is searched
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Comune di Bari").first.click()
    page.wait_for_url(f"{demo}/en/members/comune-di-bari/")
    assert "The welfare department coordinates" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Italiano").click()
    page.wait_for_url(f"{demo}/it/membri/comune-di-bari/")
    assert "L'assessorato al welfare coordina" in page.locator("main").inner_text()
