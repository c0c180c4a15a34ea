"""NetworkPage, its blocks and NetworkSettings (models/network.py, blocks.py)."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.blocks import StreamValue
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Site

from wagtail_community_matching.blocks import CallToActionBlock, HeadingBlock
from wagtail_community_matching.models import NetworkSettings
from wagtail_community_matching.pages.models import NetworkPage

from ..factories import add_child, make_document, make_image, make_site_root

pytestmark = pytest.mark.django_db


def body(*blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def resources(documents):
    return (
        "resources",
        {
            "heading": "Downloads",
            "items": [
                {"document": d.pk, "title": "", "description": "About it"} for d in documents
            ],
        },
    )


@pytest.fixture
def home():
    return make_site_root(NetworkPage, title="Rete", intro="Una rete di enti.")


def test_every_block_renders(client, home):
    joining = add_child(home, NetworkPage, title="Come aderire")
    document = make_document("Toolkit", content=b"%PDF-1.4\n" + b"x" * 2048)
    image = make_image()
    home.body = body(
        ("rich_text", "<p>Il <b>community matching</b> abbina volontari e rifugiati.</p>"),
        ("heading", {"text": "Cosa offriamo", "level": "h2", "anchor": "offerta"}),
        (
            "offer_list",
            {
                "heading": "Offerta",
                "intro": "Per i membri",
                "items": [{"icon": "training", "title": "Formazione", "text": "6-7 ore"}],
            },
        ),
        (
            "phases",
            {
                "heading": "Fasi",
                "phases": [{"title": "Fase 1", "period": "2024", "steps": ["Coinvolgere enti"]}],
            },
        ),
        (
            "call_to_action",
            {
                "title": "Aderisci",
                "text": "Gratis",
                "button_label": "Vai",
                "page": joining.pk,
                "url": "",
            },
        ),
        resources([document]),
        (
            "contact",
            {
                "heading": "Contatti",
                "organisation": "Segreteria",
                "email": "a@b.example",
                "phone": "+39 02 1234",
                "address": "Via Roma 1\nMilano",
                "text": "",
            },
        ),
        ("image", {"image": image.pk, "alt_text": "Due cerchi", "decorative": False}),
    )
    home.save_revision().publish()

    response = client.get(home.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Rete</h1>" in html
    assert "Una rete di enti." in html
    assert "<b>community matching</b>" in html
    assert 'id="offerta"' in html
    assert "Formazione" in html and "Fase 1" in html and "Coinvolgere enti" in html
    assert f'href="{joining.url}"' in html
    assert "(PDF, 2,0\xa0KB)" in html  # Italian number format
    assert 'href="mailto:a@b.example"' in html
    assert 'alt="Due cerchi"' in html
    assert "srcset=" in html


def test_base_template_setting_changes_the_layout(client, home, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"BASE_TEMPLATE": "wagtail_community_matching/base.html"}
    assert client.get(home.url).status_code == 200


def test_resource_query_count_is_constant(client, home, django_assert_num_queries):
    def render_with(count):
        documents = [make_document(f"Doc {i}") for i in range(count)]
        home.body = body(resources(documents))
        home.save_revision().publish()
        client.get(home.url)  # warm caches (site root paths, content types)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(home.url).status_code == 200
        return len(queries)

    assert render_with(2) == render_with(30)


def test_query_count_of_network_page(client, home, django_assert_max_num_queries):
    home.body = body(resources([make_document("Toolkit")]))
    home.save_revision().publish()
    client.get(home.url)
    with django_assert_max_num_queries(12):
        assert client.get(home.url).status_code == 200


def test_call_to_action_needs_exactly_one_target(home):
    block = CallToActionBlock()
    base = {"title": "T", "text": "", "button_label": "Go"}
    for target in ({"page": None, "url": ""}, {"page": home, "url": "https://example.org/"}):
        with pytest.raises(StructBlockValidationError) as error:
            block.clean(
                block.to_python({**base, **target, "page": getattr(target["page"], "pk", None)})
            )
        assert "page" in error.value.block_errors
    value = block.clean(block.to_python({**base, "page": home.pk, "url": ""}))
    assert value["page"].pk == home.pk


def test_a_translated_call_to_action_links_to_the_live_translation_of_its_page(client, home):
    """A translation keeps the source's chosen page: the English button opens the English form."""
    from wagtail.models import Locale

    english = Locale.objects.get_or_create(language_code="en")[0]
    form = add_child(home, NetworkPage, title="Aderisci", slug="aderisci")
    cta = {"title": "Aderite", "text": "", "button_label": "Vai", "page": form.pk, "url": ""}
    home.body = body(("call_to_action", cta))
    home.save_revision().publish()
    home_en = home.copy_for_translation(english)
    home_en.save_revision().publish()
    form_en = form.copy_for_translation(english)
    form_en.save_revision().publish()

    def button(page):
        html = client.get(page.url).content.decode()
        return html.split('class="cm-button" href="')[1].split('"')[0]

    assert button(home) == form.url
    assert button(home_en) == form_en.url
    form_en.refresh_from_db()  # live since its revision was published
    form_en.unpublish()
    assert button(home_en) == form.url  # no live translation: the page chosen

    def queries(page) -> int:
        client.get(page.url)  # warm Wagtail's caches
        with CaptureQueriesContext(connection) as captured:
            client.get(page.url)
        return len(captured)

    with_button = queries(home)
    home.body = body(("call_to_action", {**cta, "page": None, "url": "https://example.org/"}))
    home.save_revision().publish()
    # The chosen page of the language shown: no translation looked up, one query for the page.
    assert with_button - queries(home) == 1


def test_heading_anchor_rejects_unsafe_characters():
    block = HeadingBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"text": "T", "level": "h2", "anchor": 'x" onclick="y'}))
    assert "anchor" in error.value.block_errors
    assert block.clean(block.to_python({"text": "T", "level": "h3", "anchor": "a-b_1"}))


def test_unknown_block_type_in_stored_body_does_not_break_the_page(client, home):
    home.body = body(("removed_block", {"x": 1}), ("rich_text", "<p>still here</p>"))
    home.save_revision().publish()
    response = client.get(home.url)
    assert response.status_code == 200
    assert "still here" in response.content.decode()


def test_settings_reject_bad_staff_addresses(home):
    settings_obj = NetworkSettings.for_site(Site.objects.get(is_default_site=True))
    settings_obj.staff_notification_emails = "ok@example.org\nnot an address"
    with pytest.raises(ValidationError) as error:
        settings_obj.full_clean()
    (problem,) = error.value.error_dict["staff_notification_emails"]
    assert problem.code == "invalid_email_line"
    assert problem.params == {"number": 2, "address": "not an address"}
    settings_obj.staff_notification_emails = " a@example.org \n\nb@example.org"
    settings_obj.full_clean()
    assert settings_obj.staff_notification_list == ["a@example.org", "b@example.org"]


def test_settings_show_in_footer(client, home):
    privacy = add_child(home, NetworkPage, title="Privacy")
    network = NetworkSettings.for_site(Site.objects.get(is_default_site=True))
    network.set_language_values(network_name="Rete CM", privacy_notice_page=privacy)
    network.contact_email = "rete@example.org"
    network.social_links = body(("link", {"platform": "linkedin", "url": "https://l.example/x"}))
    network.save()
    html = client.get(home.url).content.decode()
    assert "Rete CM" in html
    assert 'href="mailto:rete@example.org"' in html
    assert f'href="{privacy.url}"' in html
    assert ">LinkedIn</a>" in html


def test_unpublished_page_is_not_served(client, home):
    draft = add_child(home, NetworkPage, title="Bozza")
    draft.unpublish()
    assert client.get(draft.url or "/it/rete/bozza/").status_code == 404


def test_api_v2_serves_intro_and_body(client, home):
    home.body = body(("rich_text", "<p>Ciao</p>"))
    home.save_revision().publish()
    response = client.get(f"/api/v2/pages/{home.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["intro"] == "Una rete di enti."
    assert data["body"][0]["type"] == "rich_text"
    assert "Ciao" in data["body"][0]["value"]


def test_api_v3_serves_intro_and_body(client, home):
    from django.conf import settings

    if not settings.WAGTAIL_8:
        pytest.skip("Wagtail API v3 exists from Wagtail 8")
    home.body = body(("rich_text", "<p>Ciao</p>"))
    home.save_revision().publish()
    response = client.get(f"/api/v3/pages/{home.pk}/")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["intro"] == "Una rete di enti."
    assert "Ciao" in json.dumps(data["body"])


def test_stream_value_type():
    assert isinstance(NetworkPage().body, StreamValue)


def test_menu_lists_live_children_shown_in_menus(client, home):
    shown = add_child(home, NetworkPage, title="Come aderire", show_in_menus=True)
    add_child(home, NetworkPage, title="Nascosta", show_in_menus=False)
    draft = add_child(home, NetworkPage, title="Bozza", show_in_menus=True)
    draft.unpublish()

    html = client.get(shown.url).content.decode()
    nav = html[html.index('class="cm-nav"') : html.index("</nav>")]

    assert f'<a href="{shown.url}" aria-current="page">Come aderire</a>' in nav
    assert "Nascosta" not in nav
    assert "Bozza" not in nav
