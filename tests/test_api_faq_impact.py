"""The JSON API's FAQ and impact endpoints."""

from __future__ import annotations

import pytest
from wagtail.models import Locale, PageViewRestriction

from wagtail_community_matching.pages.models import FAQPage, NetworkPage

from .api_helpers import api_get, error_codes
from .factories import add_child, make_site_root
from .faq_helpers import chosen, make_faq, question, section, sections
from .impact_factories import bulk_members, bulk_reports, indicators, populate

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return make_site_root(NetworkPage, title="Rete")


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


# -- Impact --------------------------------------------------------------------------------


def test_impact_figures_match_the_published_aggregates(client):
    indicators()
    populate(count=8)
    body = api_get(client, "impact/").json()
    assert body["suppression_threshold"] == 5
    assert [p["key"] for p in body["periods"]] == ["2023", "2024", "2025"]
    assert body["period"] == "2025"
    started = next(i for i in body["indicators"] if i["code"] == "matches-started")
    assert started["periods"]["2025"] == {"value": 200, "members": 8, "suppressed": False}
    assert started["all_periods"]["value"] == 600
    regions = {g["key"]: g for g in started["breakdowns"]["region"]}
    assert regions["lombardia"]["suppressed"] is True and regions["lombardia"]["value"] is None


def test_impact_period_and_locale(client):
    indicators()
    populate(count=8)
    assert api_get(client, "impact/?period=2024").json()["period"] == "2024"
    english = Locale.objects.get_or_create(language_code="en")[0]
    assert api_get(client, f"impact/?locale={english.language_code}").status_code == 200
    for query, name in (
        ("period=1999", "period"),
        ("period=%00", "period"),
        ("locale=xx", "locale"),
    ):
        response = api_get(client, f"impact/?{query}")
        assert response.status_code == 422 and list(error_codes(response)) == [name]


def test_impact_without_reports_is_empty_not_an_error(client):
    indicators()
    body = api_get(client, "impact/").json()
    assert body["periods"] == [] and body["period"] is None


@pytest.mark.parametrize("count", [10, 2000])
def test_impact_queries_do_not_grow_with_reports(client, count, django_assert_num_queries):
    indicators()
    members = bulk_members(count // 2, regions=("lombardia", "lazio", "puglia"))
    bulk_reports(members, (2024, 2025), {"matches-started": 3, "volunteers-trained": 2})
    with django_assert_num_queries(IMPACT_QUERIES):
        assert api_get(client, "impact/").status_code == 200


#: The default locale, the indicators, the totals per period and the breakdowns.
IMPACT_QUERIES = 4


@pytest.mark.parametrize("count", [10, 60])
def test_page_lists_do_not_grow_with_the_pages(client, home, count, django_assert_num_queries):
    from .adhesion_helpers import make_form_page

    for number in range(count):
        add_child(home, FAQPage, title=f"FAQ {number}", slug=f"faq-{number}")
        make_form_page(home, fields=[], title=f"Modulo {number}", slug=f"modulo-{number}")
    for path in ("faq/", "forms/"):
        api_get(client, path)
        with django_assert_num_queries(PAGE_LIST_QUERIES):
            assert len(api_get(client, path).json()) == count


#: The pages with their locales, and the site root of their URLs.
PAGE_LIST_QUERIES = 2
