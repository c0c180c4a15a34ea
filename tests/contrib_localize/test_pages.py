"""Network, FAQ and impact pages, FAQ snippets and indicators translated through wagtail-localize.

Text in StreamField blocks and rich text becomes segments; display choices, the
charted indicator and an indicator's code and kind are synchronised.
"""

from __future__ import annotations

import json

import pytest
from wagtail.models import Locale
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

from wagtail_community_matching.models import FAQ, Indicator
from wagtail_community_matching.pages.models import FAQPage, NetworkPage

from ..factories import add_child, make_site_root
from ..faq.helpers import chosen, make_faq, question, section, sections
from .conftest import TRANSLATED_ROOT_QUERIES, count_queries, source_strings, translate

pytestmark = pytest.mark.django_db

WORDS = {
    "Rete": "Network",
    "Chi siamo": "About us",
    "Una rete di enti.": "A network of organisations.",
    "Cosa facciamo": "What we do",
    "Formazione e <b>supervisione</b>.": "Training and <b>supervision</b>.",
    "Domande frequenti": "Frequently asked questions",
    "Le domande più comuni.": "The most common questions.",
    "Aderire": "Joining",
    "aderire": "joining",
    "e-gratuito-aderire": "is-joining-free",
    "È gratuito aderire?": "Is joining free?",
    "Sì, sempre.": "Yes, always.",
    "Chi può aderire?": "Who can join?",
    "chi-puo-aderire": "who-can-join",
    "Enti pubblici e privati.": "Public and private organisations.",
}


@pytest.fixture
def home(english):
    body = [
        {"type": "heading", "value": {"text": "Cosa facciamo", "level": "h2", "anchor": ""}},
        {"type": "rich_text", "value": "<p>Formazione e <b>supervisione</b>.</p>"},
    ]
    return make_site_root(
        NetworkPage, title="Rete", slug="rete", intro="Una rete di enti.", body=json.dumps(body)
    )


def test_the_display_choices_and_the_charted_indicator_are_synchronised():
    from wagtail_community_matching.pages.models import (
        EventIndexPage,
        ImpactPage,
        MemberDirectoryPage,
    )

    expected = {
        FAQPage: ("show_filter", "show_table_of_contents"),
        MemberDirectoryPage: ("per_page", "show_map"),
        EventIndexPage: ("events_per_page",),
        ImpactPage: ("breakdown_indicator",),
        Indicator: tuple(Indicator.shared_fields),
    }
    for model, names in expected.items():
        fields = {field.field_name: field for field in get_translatable_fields(model)}
        for name in names:
            assert isinstance(fields[name], SynchronizedField), (model, name)
            assert not fields[name].overridable, (model, name)
    assert get_translatable_fields(NetworkPage)  # wagtail-localize's own rule: text translated


def test_the_network_pages_blocks_become_segments_and_show_in_english(client, home, english):
    assert sorted(source_strings(home)) == sorted(
        ["Rete", "rete", "Una rete di enti.", "Cosa facciamo", "Formazione e <b>supervisione</b>."]
    )
    home_en = translate(home, english, WORDS)
    italian_queries, _html = count_queries(client, home.url)
    english_queries, html = count_queries(client, home_en.url)
    assert home_en.url == "/en/"
    assert "A network of organisations." in html and "What we do" in html
    assert "Training and <b>supervision</b>." in html
    assert "Cosa facciamo" not in html
    assert english_queries == italian_queries + TRANSLATED_ROOT_QUERIES


def test_an_faq_page_with_a_chosen_question_and_its_display_choices(client, home, english):
    snippet = make_faq("Chi può aderire?", "<p>Enti pubblici e privati.</p>")
    body = sections(
        section("Aderire", question("È gratuito aderire?", "<p>Sì, sempre.</p>"), chosen(snippet))
    )
    page = add_child(
        home, FAQPage, title="Domande frequenti", slug="faq", sections=body,
        intro="Le domande più comuni.", show_filter=False,
    )  # fmt: skip
    translate(home, english, WORDS)
    snippet_en = translate(snippet, english, WORDS)
    assert snippet_en.question == "Who can join?" and snippet_en.locale == english
    page_en = translate(page, english, WORDS)
    assert page_en.show_filter is False

    html = count_queries(client, page_en.url)[1]
    for text in ("The most common questions.", "Joining", "Is joining free?", "Who can join?"):
        assert text in html, text
    assert "Public and private organisations." in html
    assert "Chi può aderire?" not in html and "È gratuito aderire?" not in html

    page.show_filter = True
    page.save_revision().publish()
    assert FAQPage.objects.get(pk=page_en.pk).show_filter is False  # until synchronised
    page_en = translate(FAQPage.objects.get(pk=page.pk), english, WORDS)
    assert page_en.show_filter is True and page_en.title == "Frequently asked questions"
    assert FAQ.objects.filter(translation_key=snippet.translation_key).count() == 2


def test_an_indicator_keeps_its_code_and_kind_in_every_language(english):
    source = Indicator.objects.create(
        name="Abbinamenti avviati",
        code="abbinamenti-avviati",
        kind="count",
        unit="abbinamenti",
        description="Quanti abbinamenti sono iniziati.",
        locale=Locale.get_default(),
    )
    strings = source_strings(source)
    assert sorted(strings) == [
        "Abbinamenti avviati",
        "Quanti abbinamenti sono iniziati.",
        "abbinamenti",
    ]
    words = {
        "Abbinamenti avviati": "Matches started",
        "abbinamenti": "matches",
        "Quanti abbinamenti sono iniziati.": "How many matches started.",
    }
    translation = translate(source, english, words)
    assert (translation.name, translation.unit) == ("Matches started", "matches")
    assert (translation.code, translation.kind) == ("abbinamenti-avviati", "count")

    source.published = False
    source.save()
    source.refresh_from_db()
    translation = translate(source, english, words)
    assert translation.published is False and translation.code == source.code
