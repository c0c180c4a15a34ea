"""The demo FAQ in a real browser: deep links, filter, keyboard, JSON-LD, axe-core."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from ..conftest import assert_no_axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FAQ_IT = "/it/domande-frequenti/"
ITEMS = "[data-cm-faq-item]"
VISIBLE_ITEMS = "[data-cm-faq-item]:not([hidden])"


def expect():
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect


def plain(text: str) -> str:
    """Lower case without accents, as the filter compares."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def item_texts(page, selector: str) -> list[str]:
    return page.locator(selector).evaluate_all(
        "els => els.map(el => Array.from(el.querySelectorAll('[data-cm-faq-text]'))"
        ".map(part => part.textContent).join(' '))"
    )


def active(page, script: str):
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {script}; }})()")


def test_deep_link_opens_the_question(browser_page, demo):
    page = browser_page
    page.goto(f"{demo}{FAQ_IT}#durata-formazione")
    expect()(page.locator("details#durata-formazione")).to_have_attribute("open", "")
    assert page.locator("details[open]").count() == 1
    page.keyboard.press("Tab")  # the browser starts keyboard navigation at the target
    assert active(page, "el.tagName + '#' + el.parentElement.id") == "SUMMARY#durata-formazione"
    assert page.locator("details#durata-formazione .cm-faq__answer").is_visible()

    # A link in the table of contents opens its question too.
    page.locator('nav.cm-faq-toc a[href="#impegni"]').click()
    expect()(page.locator("details#impegni")).to_have_attribute("open", "")
    # Following a link to the question already in the address bar reopens it.
    page.locator("details#impegni > summary").click()
    expect()(page.locator("details#impegni")).not_to_have_attribute("open", "")
    page.locator('nav.cm-faq-toc a[href="#impegni"]').click()
    expect()(page.locator("details#impegni")).to_have_attribute("open", "")


def test_filter_narrows_questions_and_announces_it(browser_page, demo):
    page = browser_page
    page.goto(f"{demo}{FAQ_IT}")
    field = page.locator("#cm-faq-filter-input")
    expect()(field).to_be_visible()
    expect()(page.locator('label[for="cm-faq-filter-input"]')).to_be_visible()
    total = page.locator(ITEMS).count()
    assert total >= 12

    field.press_sequentially("formazione")
    visible = item_texts(page, VISIBLE_ITEMS)
    hidden = item_texts(page, f"{ITEMS}[hidden]")
    assert 0 < len(visible) < total
    assert all("formazione" in plain(text) for text in visible)
    assert not any("formazione" in plain(text) for text in hidden)
    status = page.locator("[data-cm-faq-status]")
    expect()(status).to_have_attribute("role", "status")
    expect()(status).to_contain_text(str(len(visible)))
    # Table of contents entries follow the questions.
    assert page.locator("[data-cm-faq-toc-item]:not([hidden])").count() == len(visible)
    assert_no_axe_violations(page)

    field.fill("universita")  # accents are ignored: matches "università"
    expect()(page.locator(VISIBLE_ITEMS)).to_have_count(1)
    field.fill("logo ENTE")  # every word must appear, in any case
    assert all("logo" in t and "ente" in t for t in map(plain, item_texts(page, VISIBLE_ITEMS)))

    field.fill("zzqqxx")
    expect()(page.locator("[data-cm-faq-empty]")).to_be_visible()
    expect()(page.locator(VISIBLE_ITEMS)).to_have_count(0)
    expect()(page.locator("[data-cm-faq-section]:not([hidden])")).to_have_count(0)
    expect()(status).not_to_be_empty()
    assert_no_axe_violations(page)

    page.locator("[data-cm-faq-filter-clear]").click()
    expect()(field).to_have_value("")
    expect()(page.locator(VISIBLE_ITEMS)).to_have_count(total)
    expect()(page.locator("[data-cm-faq-empty]")).to_be_hidden()
    expect()(status).to_contain_text(str(total))
    assert active(page, "el.id") == "cm-faq-filter-input"

    field.fill("toolkit")
    field.press("Escape")
    expect()(field).to_have_value("")
    expect()(page.locator(VISIBLE_ITEMS)).to_have_count(total)


def test_a_deep_link_to_a_filtered_out_question_clears_the_filter(browser_page, demo):
    page = browser_page
    page.goto(f"{demo}{FAQ_IT}")
    page.locator("#cm-faq-filter-input").fill("zzqqxx")
    expect()(page.locator(VISIBLE_ITEMS)).to_have_count(0)
    page.evaluate("location.hash = 'impegni'")
    expect()(page.locator("details#impegni")).to_have_attribute("open", "")
    expect()(page.locator("details#impegni")).to_be_visible()


def test_keyboard_reaches_filter_clear_button_and_questions(browser_page, demo):
    page = browser_page
    page.goto(f"{demo}{FAQ_IT}")
    page.locator("#cm-faq-filter-input").focus()
    page.keyboard.press("Tab")
    assert active(page, "el.hasAttribute('data-cm-faq-filter-clear')")
    page.keyboard.press("Enter")  # the clear button works from the keyboard
    assert active(page, "el.id") == "cm-faq-filter-input"

    page.locator("nav.cm-faq-toc a").last.focus()
    page.keyboard.press("Tab")
    first = page.locator("details").first
    assert active(page, "el.tagName") == "SUMMARY"
    assert active(page, "el.parentElement.id") == first.get_attribute("id")
    page.keyboard.press("Enter")
    expect()(first).to_have_attribute("open", "")
    page.keyboard.press("Space")
    expect()(first).not_to_have_attribute("open", "")
    page.keyboard.press("Space")
    expect()(first).to_have_attribute("open", "")


def test_jsonld_parses_and_lists_the_visible_questions(browser_page, demo):
    page = browser_page
    for url in (FAQ_IT, "/en/faq/"):
        page.goto(f"{demo}{url}")
        data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
        summaries = page.locator("details > summary").all_inner_texts()
        assert data["@type"] == "FAQPage"
        assert [entity["name"] for entity in data["mainEntity"]] == summaries
        anchors = page.locator("details").evaluate_all("els => els.map(el => el.id)")
        assert [entity["url"].rsplit("#", 1)[1] for entity in data["mainEntity"]] == anchors


def test_english_faq_page_is_accessible(browser_page, demo):
    page = browser_page
    page.goto(f"{demo}/it/domande-frequenti/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"{demo}/en/faq/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("details#is-it-free > summary").click()
    expect()(page.locator("details#is-it-free")).to_have_attribute("open", "")
    page.locator("#cm-faq-filter-input").fill("training")
    expect()(page.locator("[data-cm-faq-status]")).to_contain_text(re.compile(r"\d"))
    assert_no_axe_violations(page)


def test_faq_works_without_javascript(browser, demo):
    context = browser.new_context(locale="it-IT", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{demo}{FAQ_IT}")
        expect()(page.locator("[data-cm-faq-filter]")).to_be_hidden()  # useless without script
        question = page.locator("details#impegni")
        question.locator("summary").click()
        expect()(question).to_have_attribute("open", "")
        expect()(question.locator(".cm-faq__answer")).to_be_visible()
        page.goto(f"{demo}/en/how-to-join/")
        excerpt = page.locator("section.cm-faq--block")
        excerpt.locator("details > summary").first.click()
        expect()(excerpt.locator("details").first).to_have_attribute("open", "")
    finally:
        context.close()
