"""FAQ snippets, translations, the FAQ block in NetworkPage, the admin and the demo."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from wagtail_community_matching.models import FAQ
from wagtail_community_matching.pages.models import FAQPage

from ..factories import add_child
from .helpers import chosen, make_faq, question, section, sections, soup, summaries

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_english_messages")]


def faq_block(*items, heading="Domande", page=None, link_text=""):
    return {
        "type": "faq",
        "value": {
            "heading": heading,
            "questions": list(items),
            "page": page.pk if page else None,
            "link_text": link_text,
        },
    }


def test_snippet_fills_its_anchor_and_validates_it():
    faq = make_faq("È gratuito aderire?")
    assert faq.anchor == "e-gratuito-aderire"
    assert str(faq) == "È gratuito aderire?"
    faq.question = "Quanto costa?"
    faq.save()
    assert faq.anchor == "e-gratuito-aderire"  # stable once saved
    faq.anchor = "main"
    with pytest.raises(ValidationError) as error:
        faq.full_clean()
    assert "anchor" in error.value.message_dict


def test_one_snippet_on_several_pages_follows_its_edits(client, home):
    faq = make_faq("Chi può aderire?", "<p>Enti pubblici e privati.</p>")
    faq_page = add_child(
        home, FAQPage, title="FAQ", slug="faq", sections=sections(section("", chosen(faq)))
    )
    home.body = json.dumps([faq_block(chosen(faq), page=faq_page)])
    home.save_revision().publish()

    faq.answer = "<p>Comuni, associazioni, cooperative.</p>"
    faq.save()

    for url in (faq_page.url, home.url):
        html = soup(client.get(url))
        assert html.select_one("details#chi-puo-aderire .cm-faq__answer").get_text() == (
            "Comuni, associazioni, cooperative."
        )


def test_pages_show_the_snippet_translation_of_their_locale(client, home, english):
    faq_it = make_faq("È gratuito?", "<p>Sì.</p>", anchor="gratuito")
    faq_en = faq_it.copy_for_translation(english)
    faq_en.question, faq_en.answer, faq_en.anchor = "Is it free?", "<p>Yes.</p>", "free"
    faq_en.save()
    page_it = add_child(
        home,
        FAQPage,
        title="FAQ",
        slug="faq",
        sections=sections(section("", chosen(faq_it), question("Inline?"))),
    )
    # Wagtail's simple translation copies the page as it is: it still names the Italian snippet.
    page_en = page_it.copy_for_translation(english, copy_parents=True)
    page_en.save_revision().publish()

    assert summaries(soup(client.get(page_it.url))) == ["È gratuito?", "Inline?"]
    html_en = soup(client.get(page_en.url))
    assert summaries(html_en) == ["Is it free?", "Inline?"]
    assert html_en.select_one("details#free")
    assert page_en.questions[0] == {
        "question": "Is it free?",
        "answer_html": "<p>Yes.</p>",
        "anchor": "free",
        "section": "",
    }


def test_a_snippet_without_translation_is_shown_as_it_is(client, home, english):
    faq_it = make_faq("Solo in italiano?")
    page = add_child(
        home, FAQPage, title="FAQ", slug="faq", sections=sections(section("", chosen(faq_it)))
    )
    page_en = page.copy_for_translation(english, copy_parents=True)
    page_en.save_revision().publish()
    assert summaries(soup(client.get(page_en.url))) == ["Solo in italiano?"]


def test_deleted_snippet_disappears_from_page_and_jsonld(client, home):
    keep, gone = make_faq("Resta?"), make_faq("Sparisce?")
    page = add_child(
        home,
        FAQPage,
        title="FAQ",
        slug="faq",
        sections=sections(section("Sezione", chosen(keep), chosen(gone))),
    )
    gone.delete()
    html = soup(client.get(page.url))
    assert summaries(html) == ["Resta?"]
    data = json.loads(html.find("script", type="application/ld+json").string)
    assert [entity["name"] for entity in data["mainEntity"]] == ["Resta?"]


def test_faq_block_in_network_page(client, home):
    faq_page = add_child(
        home,
        FAQPage,
        title="Tutte le FAQ",
        slug="faq",
        sections=sections(section("", question("Altro?"))),
    )
    faq = make_faq("Come si aderisce?", anchor="aderire")
    home.body = json.dumps(
        [
            {"type": "rich_text", "value": "<p>Intro</p>"},
            faq_block(question("È gratuito?", "<p>Sì.</p>"), chosen(faq), page=faq_page),
        ]
    )
    home.save_revision().publish()

    html = soup(client.get(home.url))
    block = html.select_one("section.cm-faq--block")
    assert block.h2.get_text() == "Domande"
    assert summaries(block) == ["È gratuito?", "Come si aderisce?"]
    assert [d["id"] for d in block.select("details")] == ["e-gratuito", "aderire"]
    assert block.select_one(".cm-faq__more a")["href"] == faq_page.url
    assert html.find_all("script", type="application/ld+json") == []  # not an FAQ page
    assert html.select('script[src$="faq-filter.js"]')


def test_faq_block_validation_rejects_duplicates_and_fills_blanks(home):
    from wagtail.blocks.struct_block import StructBlockValidationError

    from wagtail_community_matching.blocks import FAQBlock

    block = FAQBlock()
    raw = faq_block(question("Uno?", anchor="x"), question("Due?", anchor="x"))["value"]
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(raw))
    assert 1 in error.value.block_errors["questions"].block_errors
    value = block.clean(block.to_python(faq_block(question("Tre?"))["value"]))
    assert value["questions"][0].value["anchor"] == "tre"


def test_faq_block_api_representation(client, home):
    faq = make_faq("Riutilizzata?", "<p>Sì.</p>", anchor="riuso")
    home.body = json.dumps([faq_block(question("Inline?", "<p>No.</p>", anchor="in"), chosen(faq))])
    home.save_revision().publish()
    data = client.get(f"/api/v2/pages/{home.pk}/").json()
    value = data["body"][0]["value"]
    assert value["heading"] == "Domande"
    assert value["questions"] == [
        {"question": "Inline?", "answer_html": "<p>No.</p>", "anchor": "in", "section": "Domande"},
        {
            "question": "Riutilizzata?",
            "answer_html": "<p>Sì.</p>",
            "anchor": "riuso",
            "section": "Domande",
        },
    ]


# -- Admin --------------------------------------------------------------------------------


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    return client


def test_admin_creates_a_snippet_with_a_revision(
    admin_client, home, django_capture_on_commit_callbacks
):
    url = "/admin/snippets/wagtail_community_matching/faq/"
    assert admin_client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail 7 indexes on commit
        response = admin_client.post(
            f"{url}add/?locale=it",
            {
                "question": "Quanto dura la formazione?",
                "answer": rich_text("<p>6-7 ore.</p>"),
                "anchor": "",
            },
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    faq = FAQ.objects.get()
    assert faq.anchor == "quanto-dura-la-formazione"
    assert faq.revisions.count() == 1
    assert admin_client.get(f"{url}?q=formazione").status_code == 200
    chooser = admin_client.get(
        "/admin/snippets/choose/wagtail_community_matching/faq/results/?q=formazione&locale=it"
    )
    assert chooser.status_code == 200
    assert "Quanto dura la formazione?" in chooser.content.decode()

    response = admin_client.post(
        f"{url}add/?locale=it",
        {
            "question": "Altra?",
            "answer": rich_text("<p>x</p>"),
            "anchor": "main",
        },
    )
    assert response.status_code == 200
    assert "anchor" in response.context["form"].errors
    assert FAQ.objects.count() == 1


def page_form(title: str, questions: list) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": "faq-admin",
            "intro": "",
            "sections": streamfield(
                [
                    (
                        "section",
                        {"heading": "Sezione", "anchor": "", "questions": streamfield(questions)},
                    ),
                ]
            ),
            "show_filter": "on",
            "show_table_of_contents": "on",
            "action-publish": "publish",
        }
    )


def admin_question(text: str, anchor: str = "") -> tuple:
    return (
        "question",
        {"question": text, "answer": rich_text("<p>Risposta.</p>"), "anchor": anchor},
    )


def test_admin_rejects_duplicate_anchors_and_points_at_the_duplicate(admin_client, home):
    url = f"/admin/pages/add/wagtail_community_matching_pages/faqpage/{home.pk}/"
    response = admin_client.post(
        url,
        page_form(
            "FAQ",
            [
                admin_question("Uno?", "doppio"),
                admin_question("Due?"),
                admin_question("Tre?", "doppio"),
            ],
        ),
    )
    assert response.status_code == 200
    error = response.context["form"].errors["sections"].as_data()[0]
    questions = error.block_errors[0].block_errors["questions"]
    assert list(questions.block_errors) == [2]
    (anchor_error,) = questions.block_errors[2].block_errors["anchor"].error_list
    assert anchor_error.code == "duplicate_anchor"
    assert anchor_error.params["anchor"] == "doppio"
    assert not FAQPage.objects.exists()

    response = admin_client.post(
        url,
        page_form(
            "FAQ",
            [
                admin_question("Uno?"),
                admin_question("Uno?"),
                admin_question("Due?", "uno"),
            ],
        ),
    )
    assert response.status_code == 302
    page = FAQPage.objects.get()
    assert [q["anchor"] for q in page.questions] == ["uno-2", "uno-3", "uno"]


# -- Demo ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_demo_builds_the_faq_idempotently(client):
    call_command("load_community_matching_demo", "--no-superuser", "--faq", "30", stdout=None)
    call_command("load_community_matching_demo", "--no-superuser", "--faq", "30", stdout=None)

    assert FAQ.objects.count() == 4  # two questions, Italian and English
    pages = FAQPage.objects.order_by("locale__language_code", "slug")
    assert [(p.locale.language_code, p.slug) for p in pages] == [
        ("en", "faq"),
        ("it", "domande-frequenti"),
        ("it", "faq-benchmark"),
    ]
    benchmark = FAQPage.objects.get(slug="faq-benchmark")
    assert len(benchmark.get_faq_questions()) == 30
    italian = FAQPage.objects.get(slug="domande-frequenti")
    english = FAQPage.objects.get(slug="faq")
    assert len(italian.get_faq_questions()) == len(english.get_faq_questions()) >= 12
    html = soup(client.get("/it/domande-frequenti/"))
    assert "Aderire alla rete costa qualcosa?" in summaries(html)
    assert soup(client.get("/en/faq/")).select_one("details#is-it-free")
    assert soup(client.get("/en/how-to-join/")).select_one("section.cm-faq--block")

    call_command("load_community_matching_demo", "--no-superuser", "--flush", stdout=None)
    assert FAQ.objects.count() == 4
    assert not FAQPage.objects.filter(slug="faq-benchmark").exists()
    assert Page.objects.filter(slug="domande-frequenti").count() == 1


def test_demo_rejects_a_bad_faq_count():
    with pytest.raises(CommandError, match="positive number"):
        call_command("load_community_matching_demo", "--no-superuser", "--faq", "0", stdout=None)
