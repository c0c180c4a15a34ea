"""FAQ over the APIs: the JSON API's FAQ endpoints, Wagtail's API v2 (api_fields, api/v2.py),
and query counts at 10 and 300 questions."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, PageViewRestriction

from wagtail_community_matching.models import FAQ
from wagtail_community_matching.pages.models import FAQPage

from ..api_helpers import api_get, error_codes
from ..factories import add_child, make_document
from .helpers import chosen, make_faq, question, section, sections, soup, summaries

pytestmark = pytest.mark.django_db


# -- JSON API ------------------------------------------------------------------------------


@pytest.fixture
def faq_page(home):
    snippet = make_faq("Serve un account?", "<p>No, basta il modulo.</p>", anchor="account")
    return add_child(
        home,
        FAQPage,
        title="Domande frequenti",
        slug="faq",
        sections=sections(
            section(
                "Costi",
                question("È gratuito?", "<p>Sì, l'adesione è <b>gratuita</b>.</p>", "gratis"),
                chosen(snippet),
            ),
            section("Formazione", question("Quanto dura la formazione?", "<p>Due giorni.</p>")),
        ),
    )


def test_faq_pages_are_listed(client, faq_page):
    body = api_get(client, "faq/").json()
    assert [(p["id"], p["title"], p["locale"]) for p in body] == [
        (faq_page.pk, "Domande frequenti", "it")
    ]
    assert body[0]["html_url"].endswith("/faq/")
    assert api_get(client, "faq/?locale=it").json() == body


def test_faq_page_questions_in_order_with_anchors_and_sections(client, faq_page):
    body = api_get(client, f"faq/{faq_page.pk}/").json()
    assert body["count"] == 3
    assert [(q["question"], q["anchor"], q["section"]) for q in body["items"]] == [
        ("È gratuito?", "gratis", "Costi"),
        ("Serve un account?", "account", "Costi"),
        ("Quanto dura la formazione?", "quanto-dura-la-formazione", "Formazione"),
    ]
    assert body["items"][0]["answer_html"] == "<p>Sì, l'adesione è <b>gratuita</b>.</p>"


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("gratuita", ["gratis"]),  # words of the answer, without its markup
        ("FORMAZIONE due", ["quanto-dura-la-formazione"]),
        ("modulo account", ["account"]),
        ("nulla", []),
        ("", ["gratis", "account", "quanto-dura-la-formazione"]),
    ],
)
def test_faq_search_narrows_questions(client, faq_page, q, expected):
    body = api_get(client, f"faq/{faq_page.pk}/?q={q}").json()
    assert [item["anchor"] for item in body["items"]] == expected
    assert body["q"] == q and body["count"] == len(expected)


def test_faq_bad_input(client, home, faq_page):
    too_long = api_get(client, f"faq/{faq_page.pk}/?q={'x' * 201}")
    assert too_long.status_code == 422 and error_codes(too_long) == {"q": ["too_long"]}
    for ref in (home.pk, 999999, 0):
        missing = api_get(client, f"faq/{ref}/")
        assert missing.status_code == 404 and error_codes(missing) == {"__all__": ["not_found"]}
    bad_locale = api_get(client, "faq/?locale=xx")
    assert bad_locale.status_code == 422 and error_codes(bad_locale) == {
        "locale": ["unknown_locale"]
    }


def test_faq_private_and_draft_pages_are_not_served(client, home, faq_page):
    PageViewRestriction.objects.create(
        page=faq_page, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert api_get(client, "faq/").json() == []
    assert api_get(client, f"faq/{faq_page.pk}/").status_code == 404


def test_faq_queries_do_not_grow_with_questions(client, home, django_assert_num_queries):
    english = Locale.objects.get_or_create(language_code="en")[0]
    assert english
    small = add_child(
        home,
        FAQPage,
        title="Poche",
        slug="poche",
        sections=sections(section("", *[question(f"Domanda {n}?") for n in range(10)])),
    )
    snippets = [make_faq(f"Scheda {n}?") for n in range(150)]
    large = add_child(
        home,
        FAQPage,
        title="Molte",
        slug="molte",
        sections=sections(
            section("", *[question(f"Domanda {n}?") for n in range(150)]),
            section("Schede", *[chosen(faq) for faq in snippets]),
        ),
    )
    api_get(client, f"faq/{small.pk}/")
    with django_assert_num_queries(FAQ_QUERIES):
        assert api_get(client, f"faq/{small.pk}/").json()["count"] == 10
    with django_assert_num_queries(FAQ_QUERIES + 1):  # + the chosen snippets, in one query
        assert api_get(client, f"faq/{large.pk}/").json()["count"] == 300


#: The page (base and specific) and the site root of its URL.
FAQ_QUERIES = 4


# -- Wagtail API v2 and v3 -----------------------------------------------------------------

#: Query counts measured by the tests below (printed with ``pytest -s``).
MEASURED: dict[str, int] = {}


def measured(name: str, value: int) -> int:
    MEASURED[name] = value
    print(f"queries: {name}: {value}")
    return value


def test_api_v2_page_questions(client, home):
    faq = make_faq("Riutilizzabile?", "<p>Sì.</p>", anchor="riuso")
    page = add_child(
        home,
        FAQPage,
        title="FAQ",
        slug="faq",
        intro="Intro",
        sections=sections(
            section("Costi", question("Costa?", "<p>No.</p>", anchor="costa"), chosen(faq)),
            section("", question("Altro?", "<p>Boh.</p>")),
        ),
    )
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["intro"] == "Intro"
    assert data["questions"] == [
        {"question": "Costa?", "answer_html": "<p>No.</p>", "anchor": "costa", "section": "Costi"},
        {
            "question": "Riutilizzabile?",
            "answer_html": "<p>Sì.</p>",
            "anchor": "riuso",
            "section": "Costi",
        },
        {"question": "Altro?", "answer_html": "<p>Boh.</p>", "anchor": "altro", "section": ""},
    ]
    assert [q["question"] for q in data["questions"]] == summaries(soup(client.get(page.url)))
    listing = client.get(
        "/api/v2/pages/?type=wagtail_community_matching_pages.FAQPage&fields=questions"
    ).json()
    assert listing["items"][0]["questions"] == data["questions"]


def test_api_v3_page_questions(client, home):
    from django.conf import settings

    if not settings.WAGTAIL_8:
        pytest.skip("Wagtail API v3 exists from Wagtail 8")
    page = add_child(
        home,
        FAQPage,
        title="FAQ",
        slug="faq",
        sections=sections(section("S", question("Costa?", "<p>No.</p>"))),
    )
    response = client.get(f"/api/v3/pages/{page.pk}/")
    assert response.status_code == 200, response.content
    assert response.json()["questions"] == [
        {"question": "Costa?", "answer_html": "<p>No.</p>", "anchor": "costa", "section": "S"}
    ]


def make_translated_faqs(document, english):
    answer = f'<p>Vedi <a linktype="document" id="{document.pk}">qui</a>.</p>'
    faq_it = make_faq("È gratuito?", answer)
    faq_en = faq_it.copy_for_translation(english)
    faq_en.question, faq_en.answer = "Is it free?", "<p>Yes.</p>"
    faq_en.save()
    return faq_it, faq_en


def test_api_v2_faq_snippets(client, home, english, django_capture_on_commit_callbacks):
    document = make_document("Toolkit")
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail 7 indexes on commit
        faq_it, faq_en = make_translated_faqs(document, english)

    listing = client.get("/api/v2/faqs/").json()
    assert listing["meta"]["total_count"] == 2
    first = listing["items"][0]
    assert first["question"] == "È gratuito?"
    assert first["answer_html"] == f'<p>Vedi <a href="{document.url}">qui</a>.</p>'
    assert first["anchor"] == "e-gratuito"
    assert first["meta"]["locale"] == "it"
    assert first["meta"]["type"] == "wagtail_community_matching.FAQ"

    english_only = client.get("/api/v2/faqs/?locale=en").json()
    assert [item["question"] for item in english_only["items"]] == ["Is it free?"]
    detail = client.get(f"/api/v2/faqs/{faq_en.pk}/").json()
    assert detail["answer_html"] == "<p>Yes.</p>"
    ordered = client.get("/api/v2/faqs/?order=question").json()
    assert [item["question"] for item in ordered["items"]] == ["Is it free?", "È gratuito?"]
    assert client.get("/api/v2/faqs/?search=free").json()["items"][0]["id"] == faq_en.pk


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("?locale=xx", 400),
        ("?order=nonsense", 400),
        ("?limit=abc", 400),
        ("?unknown=1", 400),
        ("?fields=nope", 400),
    ],
)
def test_api_v2_faq_bad_input_gets_a_clear_error(client, query, status):
    make_faq("Una?")
    response = client.get(f"/api/v2/faqs/{query}")
    assert response.status_code == status
    assert response.json()["message"]


def test_api_v2_faq_unknown_id_is_not_found(client):
    # The example site's LocaleMiddleware sends 404s to the language-prefixed URL first.
    assert client.get("/api/v2/faqs/999999/", follow=True).status_code == 404
    assert client.get("/api/v2/faqs/abc/", follow=True).status_code == 404


# -- Query counts -------------------------------------------------------------------------


def count_queries(client, url: str) -> int:
    assert client.get(url).status_code == 200  # warm caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def linked_answer(number: int, page, document) -> str:
    return (
        f'<p>Risposta {number}: <a linktype="page" id="{page.pk}">pagina</a> e '
        f'<a linktype="document" id="{document.pk}">documento</a>.</p>'
    )


def test_faq_page_queries_do_not_grow_with_inline_questions(client, home):
    document = make_document("Toolkit")
    page = add_child(home, FAQPage, title="FAQ", slug="faq")

    def render_with(count: int) -> int:
        items = [question(f"Domanda {n}?", linked_answer(n, home, document)) for n in range(count)]
        page.sections = sections(*(section(f"S{i}", *items[i::5]) for i in range(5)))
        page.save_revision().publish()
        html = soup(client.get(page.url))
        assert len(html.select("details")) == count
        return count_queries(client, page.url)

    small = measured("faq page, 10 inline questions", render_with(10))
    large = measured("faq page, 300 inline questions", render_with(300))
    assert small == large
    assert large <= 20  # layout, page serving, one page and one document link


def test_faq_page_queries_do_not_grow_with_chosen_snippets(client, home, english):
    document = make_document("Toolkit")
    locale = Locale.get_default()
    snippets = FAQ.objects.bulk_create(
        FAQ(
            question=f"Snippet {n}?",
            answer=linked_answer(n, home, document),
            anchor=f"s-{n}",
            locale=locale,
        )
        for n in range(300)
    )
    FAQ.objects.bulk_create(
        FAQ(
            question=f"Snippet {s.pk} EN?",
            answer="<p>EN</p>",
            anchor=f"en-{s.pk}",
            locale=english,
            translation_key=s.translation_key,
        )
        for s in snippets
    )
    page = add_child(home, FAQPage, title="FAQ", slug="faq")
    page_en = page.copy_for_translation(english, copy_parents=True)

    def render_with(target, count: int) -> int:
        target.sections = sections(section("Tutte", *(chosen(s) for s in snippets[:count])))
        target.save_revision().publish()
        html = soup(client.get(target.url))
        assert len(html.select("details")) == count
        return count_queries(client, target.url)

    small = measured("faq page, 10 snippets", render_with(page, 10))
    large = measured("faq page, 300 snippets", render_with(page, 300))
    assert small == large
    # The English page names Italian snippets: their translations come in one more query.
    small_en = measured("english faq page, 10 translated snippets", render_with(page_en, 10))
    large_en = measured("english faq page, 300 translated snippets", render_with(page_en, 300))
    assert small_en == large_en
    assert summaries(soup(client.get(page_en.url)))[0] == f"Snippet {snippets[0].pk} EN?"


def test_faq_block_queries_do_not_grow_with_questions(client, home):
    document = make_document("Toolkit")
    snippets = [make_faq(f"Snippet {n}?", anchor=f"s-{n}") for n in range(150)]

    def render_with(count: int) -> int:
        inline = [question(f"Q {n}?", linked_answer(n, home, document)) for n in range(count // 2)]
        value = {
            "heading": "FAQ",
            "page": None,
            "link_text": "",
            "questions": inline + [chosen(s) for s in snippets[: count // 2]],
        }
        home.body = json.dumps([{"type": "faq", "value": value}])
        home.save_revision().publish()
        assert len(soup(client.get(home.url)).select("details")) == count
        return count_queries(client, home.url)

    small = measured("network page faq block, 10 questions", render_with(10))
    large = measured("network page faq block, 300 questions", render_with(300))
    assert small == large


def test_api_v2_faq_listing_queries_do_not_grow(client, home):
    document = make_document("Toolkit")

    def list_with(count: int) -> int:
        FAQ.objects.all().delete()
        for n in range(count):
            make_faq(f"Q {n}?", linked_answer(n, home, document), anchor=f"q-{n}")
        return count_queries(client, "/api/v2/faqs/?limit=20")

    small = measured("api v2 faqs listing, 5 items", list_with(5))
    large = measured("api v2 faqs listing, 20 items", list_with(20))
    assert small == large
