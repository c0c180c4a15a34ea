"""FAQPage: rendering, anchors, validation and JSON-LD (faq/models.py, blocks.py, jsonld.py)."""

from __future__ import annotations

import json
import re

import pytest
from django.core.checks import run_checks
from django.core.exceptions import ValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError

from wagtail_community_matching.blocks import FAQSectionsBlock
from wagtail_community_matching.faq.jsonld import faq_page_jsonld
from wagtail_community_matching.pages.models import FAQPage
from wagtail_community_matching.text.anchors import slug_anchor, unique_anchor
from wagtail_community_matching.text.jsonld import jsonld_script

from ..factories import add_child, make_document
from .helpers import (
    chosen,
    details_ids,
    jsonld,
    make_faq,
    question,
    section,
    sections,
    soup,
    summaries,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_english_messages")]


def make_faq_page(parent, body: str, **fields):
    fields.setdefault("title", "Domande frequenti")
    fields.setdefault("slug", "faq")
    return add_child(parent, FAQPage, sections=body, **fields)


def test_page_renders_sections_as_disclosure_list(client, home):
    document = make_document("Toolkit")
    page = make_faq_page(
        home,
        sections(
            section(
                "Aderire",
                question("È gratuito aderire?", "<p>Sì, <b>gratis</b>.</p>"),
                question(
                    "Dove trovo il toolkit?",
                    f'<p>Nel <a linktype="document" id="{document.pk}">Toolkit</a>.</p>',
                ),
            ),
            section("", question("Quanto dura la formazione?", "<p>6-7 ore.</p>")),
        ),
        intro="Le domande più comuni.",
    )

    html = soup(client.get(page.url))

    assert html.h1.get_text() == "Domande frequenti"
    assert "Le domande più comuni." in html.select_one(".cm-lead").get_text()
    assert summaries(html) == [
        "È gratuito aderire?",
        "Dove trovo il toolkit?",
        "Quanto dura la formazione?",
    ]
    assert details_ids(html) == [
        "e-gratuito-aderire",
        "dove-trovo-il-toolkit",
        "quanto-dura-la-formazione",
    ]
    assert html.select("details[open]") == []  # closed by default, opened by the visitor
    first = html.select_one("details#e-gratuito-aderire")
    assert first.select_one(".cm-faq__answer").decode_contents() == "<p>Sì, <b>gratis</b>.</p>"
    assert html.select_one(f'a[href="{document.url}"]').get_text() == "Toolkit"
    assert html.select_one("section#aderire h2").get_text() == "Aderire"
    # Table of contents: one entry per section heading and per question.
    toc = html.select_one("nav.cm-faq-toc")
    assert [a["href"] for a in toc.select("a")] == [
        "#aderire",
        "#e-gratuito-aderire",
        "#dove-trovo-il-toolkit",
        "#quanto-dura-la-formazione",
    ]


def test_filter_is_progressive_enhancement(client, home):
    page = make_faq_page(home, sections(section("", question("Una domanda?"))))
    html = soup(client.get(page.url))

    box = html.select_one("[data-cm-faq-filter]")
    assert box.has_attr("hidden")  # the script shows it; without JavaScript it stays away
    field = box.select_one("input[type=search]")
    assert html.select_one(f'label[for="{field["id"]}"]')
    assert box.select_one("button[type=button]")
    status = html.select_one("[data-cm-faq-status]")
    assert status["role"] == "status"
    assert html.select_one("[data-cm-faq-empty]").has_attr("hidden")
    scripts = html.find_all("script")
    assert [s["src"] for s in scripts if s.get("src")] == [
        "/static/wagtail_community_matching/js/faq-filter.js"
    ]
    inline = [s for s in scripts if not s.get("src") and s.get("type") != "application/ld+json"]
    assert inline == []


def test_filter_and_table_of_contents_can_be_turned_off(client, home):
    page = make_faq_page(
        home,
        sections(section("A", question("Q?"))),
        show_filter=False,
        show_table_of_contents=False,
    )
    html = soup(client.get(page.url))
    assert html.select("[data-cm-faq-filter]") == []
    assert html.select("nav.cm-faq-toc") == []
    assert summaries(html) == ["Q?"]


def test_empty_page_says_so(client, home):
    html = soup(client.get(make_faq_page(home, "[]").url))
    assert html.select("details") == []
    assert html.find_all("script", type="application/ld+json") == []


# -- Anchors ------------------------------------------------------------------------------


def test_blank_anchors_are_filled_on_save_and_stay_stable(home):
    page = make_faq_page(
        home, sections(section("Costi", question("È gratuito?"), question("È gratuito?")))
    )
    page.refresh_from_db()
    stored = page.sections.raw_data[0]["value"]
    assert stored["anchor"] == "costi"
    assert [q["value"]["anchor"] for q in stored["questions"]] == ["e-gratuito", "e-gratuito-2"]

    stored["questions"][0]["value"]["question"] = "Quanto costa aderire?"
    page.sections = json.dumps(list(page.sections.raw_data))
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.sections.raw_data[0]["value"]["questions"][0]["value"]["anchor"] == "e-gratuito"


def test_duplicate_anchors_are_rejected_on_save(home):
    page = FAQPage(
        title="FAQ",
        slug="faq",
        sections=sections(
            section("A", question("Uno?", anchor="uguale")),
            section("B", question("Due?", anchor="uguale")),
        ),
    )
    with pytest.raises(ValidationError) as error:
        home.add_child(instance=page)
    message = " ".join(error.value.message_dict["sections"])
    assert "“uguale”" in message and "Uno?" in message


def test_section_anchor_counts_as_a_page_anchor(home):
    page = FAQPage(
        title="FAQ",
        slug="faq",
        sections=sections(
            section("A", question("Uno?", anchor="costi"), anchor="costi"),
        ),
    )
    with pytest.raises(ValidationError):
        home.add_child(instance=page)


def block_error(value_json: str):
    block = FAQSectionsBlock()
    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(block.to_python(json.loads(value_json)))
    return error.value


def test_block_validation_points_at_the_duplicate():
    error = block_error(
        sections(
            section("A", question("Uno?", anchor="uguale"), question("Due?")),
            section("B", question("Tre?"), question("Quattro?", anchor="uguale")),
        )
    )
    assert list(error.block_errors) == [1]
    questions = error.block_errors[1].block_errors["questions"]
    assert list(questions.block_errors) == [1]
    anchor_error = questions.block_errors[1].block_errors["anchor"]
    assert "already used on this page" in anchor_error.messages[0]
    assert "Uno?" in anchor_error.messages[0]


def test_block_validation_reports_a_chosen_snippet_clashing_with_a_question():
    faq = make_faq("Serve un programma?", anchor="programma")
    error = block_error(
        sections(
            section("", question("Che cos'è il programma?", anchor="programma"), chosen(faq)),
        )
    )
    snippet_error = error.block_errors[0].block_errors["questions"].block_errors[1]
    assert "“programma”" in snippet_error.messages[0]


def test_block_clean_fills_blank_anchors_without_clashing():
    block = FAQSectionsBlock()
    value = block.clean(
        block.to_python(
            json.loads(
                sections(
                    section("", question("Costi?"), question("Altro?", anchor="costi")),
                )
            )
        )
    )
    anchors = [child.value["anchor"] for child in value[0].value["questions"]]
    assert anchors == ["costi-2", "costi"]


@pytest.mark.parametrize(
    ("anchor", "fragment"),
    [
        ('x" onclick="alert(1)', "only letters"),
        ("-leading", "Start with"),
        ("main", "reserved"),
        ("cm-faq", "reserved"),
        ("x" * 81, "at most"),
    ],
)
def test_unusable_anchors_are_rejected(anchor, fragment):
    error = block_error(sections(section("", question("Q?", anchor=anchor))))
    struct = error.block_errors[0].block_errors["questions"].block_errors[0]
    assert fragment in " ".join(struct.block_errors["anchor"].messages)


def test_slug_anchor_and_unique_anchor():
    assert slug_anchor("Perché aderire alla rete?") == "perche-aderire-alla-rete"
    assert slug_anchor("???") == "question"
    assert slug_anchor("Main") == "question-main"
    assert len(slug_anchor("parola " * 40)) <= 80
    assert unique_anchor("a", {"a", "a-2"}) == "a-3"
    assert len(unique_anchor("x" * 80, {"x" * 80})) == 80


def test_rendering_keeps_ids_unique_when_stored_anchors_clash(client, home):
    faq = make_faq("Snippet?", anchor="uguale")
    page = make_faq_page(home, sections(section("", question("Inline?", anchor="uguale"))))
    # A snippet edited after the page was published can clash; the page stays valid HTML.
    page.sections = sections(section("", question("Inline?", anchor="uguale"), chosen(faq)))
    page.save_revision(clean=False).publish()
    html = soup(client.get(page.url))
    assert details_ids(html) == ["uguale", "uguale-2"]
    assert [e["url"].rsplit("#", 1)[1] for e in jsonld(html)["mainEntity"]] == details_ids(html)


# -- JSON-LD ------------------------------------------------------------------------------


def test_jsonld_lists_exactly_the_visible_questions(client, home):
    faq = make_faq("Posso aderire?", "<p>Sì.</p>", anchor="posso")
    page = make_faq_page(
        home,
        sections(
            section("Uno", question("Prima?", "<p>Prima <i>risposta</i>.</p>"), chosen(faq)),
            section("Vuota"),
            section("Due", question("Seconda?", "<ul><li>Punto</li></ul>")),
        ),
    )
    html = soup(client.get(page.url))
    data = jsonld(html)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "FAQPage"
    assert data["name"] == "Domande frequenti"
    assert data["inLanguage"] == "it"
    assert [entity["name"] for entity in data["mainEntity"]] == summaries(html)
    answers = [d.select_one(".cm-faq__answer").decode_contents() for d in html.select("details")]
    assert [entity["acceptedAnswer"]["text"] for entity in data["mainEntity"]] == answers
    assert all(entity["@type"] == "Question" for entity in data["mainEntity"])
    assert {entity["acceptedAnswer"]["@type"] for entity in data["mainEntity"]} == {"Answer"}
    assert data["mainEntity"][0]["url"] == f"{page.full_url}#prima"


def test_jsonld_cannot_be_closed_by_an_answer(client, home):
    evil = "<p>a</script><script>alert(1)</script><!-- b</p>"
    page = make_faq_page(home, sections(section("", question("Uno </script> due?", evil))))
    html = client.get(page.url).content.decode()

    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))  # the first </script> closes the JSON-LD, not the answer
    assert data["mainEntity"][0]["name"] == "Uno </script> due?"
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == evil
    assert "<" not in match.group(1) and ">" not in match.group(1)


def test_jsonld_helpers_escape_every_markup_character():
    script = jsonld_script({"text": "</script><!--&"})
    assert script.startswith('<script type="application/ld+json">')
    assert "\\u003C/script\\u003E\\u003C!--\\u0026" in script
    assert faq_page_jsonld([])["mainEntity"] == []


# -- Settings -----------------------------------------------------------------------------


def test_faq_rich_text_features_setting_is_checked(settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"FAQ_RICH_TEXT_FEATURES": "bold"}
    ids = [message.id for message in run_checks()]
    assert "wagtail_community_matching.E020" in ids
    settings.WAGTAIL_COMMUNITY_MATCHING = {"FAQ_RICH_TEXT_FEATURES": ["bold", "link"]}
    assert "wagtail_community_matching.E020" not in [m.id for m in run_checks()]


def test_expand_many_matches_wagtail_rendering(home):
    from wagtail.rich_text import expand_db_html

    from wagtail_community_matching.text.rich_text import expand_many

    document = make_document("Toolkit")
    sources = [
        f'<p><a linktype="page" id="{home.pk}">Casa</a> <a linktype="page" id="999">x</a></p>',
        f'<p><a linktype="document" id="{document.pk}">Doc</a></p>',
        "",
        f'<p><a linktype="page" id="{home.pk}">Di nuovo</a> <a href="https://example.org/">x</a></p>',
        "<p>con \x00 un carattere nullo</p>",
    ]
    assert expand_many(sources) == [expand_db_html(source) for source in sources]
    assert expand_many(sources[:4]) == [expand_db_html(source) for source in sources[:4]]
    assert expand_many([]) == []
