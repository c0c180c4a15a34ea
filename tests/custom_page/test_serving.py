"""A custom network page is served, listed by the APIs and found by search."""

from __future__ import annotations

import json

import pytest
from django.conf import settings

from . import WAGTAIL_7_REASON

if not settings.WAGTAIL_8:
    pytest.skip(WAGTAIL_7_REASON, allow_module_level=True)

from wagtail.models import Site  # noqa: E402

from tests.custom_base.models import BasePage, CustomNetworkPage  # noqa: E402
from wagtail_community_matching.models import NetworkSettings  # noqa: E402

pytestmark = [pytest.mark.custom_page_model, pytest.mark.django_db]


def body(*blocks) -> str:
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


@pytest.fixture
def network_page(site_root):
    page = CustomNetworkPage(
        title="La rete",
        slug="la-rete",
        intro="Enti che abbinano volontari e rifugiati.",
        listing_summary="Chi siamo, in breve.",
        body=body(
            ("heading", {"text": "Cosa offriamo", "level": "h2", "anchor": "offerta"}),
            (
                "offer_list",
                {
                    "heading": "Per i membri",
                    "intro": "",
                    "items": [{"icon": "training", "title": "Formazione", "text": "Sei ore"}],
                },
            ),
        ),
    )
    site_root.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_page_serves_with_the_package_template(client, network_page):
    assert network_page.url == "/it/la-rete/"
    response = client.get(network_page.url)
    assert response.status_code == 200
    # No custom_base/custom_network_page.html: the mixin's default template is used.
    assert [t.name for t in response.templates][:2] == [
        "wagtail_community_matching/network_page.html",
        "wagtail_community_matching/base.html",
    ]
    html = response.content.decode()
    assert "<h1>La rete</h1>" in html
    assert "Enti che abbinano volontari e rifugiati." in html
    assert '<h2 class="cm-heading" id="offerta">Cosa offriamo</h2>' in html
    assert "Formazione" in html and "Sei ore" in html


def test_the_base_template_works_without_default_page_fields(client, network_page):
    """No seo_title, search_description or show_in_menus on the custom base page."""
    network = NetworkSettings.for_site(Site.objects.get(is_default_site=True))
    network.set_language_values(network_name="Rete CM", privacy_notice_page=network_page)
    html = client.get(network_page.url).content.decode()
    assert "<title>La rete · Rete CM</title>" in html
    assert 'name="description"' not in html
    assert 'class="cm-nav"' not in html  # no show_in_menus field, so no automatic menu
    assert f'href="{network_page.url}">' in html  # the privacy notice link in the footer


def test_a_draft_is_not_served(client, network_page):
    network_page.unpublish()
    assert client.get("/it/la-rete/").status_code == 404


def test_api_v3_serves_intro_and_body(client, network_page):
    response = client.get(f"/api/v3/pages/{network_page.pk}/")
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["intro"] == "Enti che abbinano volontari e rifugiati."
    assert data["listing_summary"] == "Chi siamo, in breve."
    assert "Cosa offriamo" in json.dumps(data["body"])
    assert data["meta"]["type"] == "custom_base.CustomNetworkPage"


def test_api_v3_lists_pages_of_the_custom_type(client, network_page):
    response = client.get("/api/v3/pages/", {"type": "custom_base.CustomNetworkPage"})
    assert response.status_code == 200, response.content
    items = response.json()["items"]
    assert [item["id"] for item in items] == [network_page.pk]


def test_api_v3_rejects_an_unknown_page_type(client, network_page):
    # The default pages app is not installed: its page type does not exist here.
    response = client.get(
        "/api/v3/pages/", {"type": "wagtail_community_matching_pages.networkpage"}
    )
    assert response.status_code == 422, response.content
    (error,) = response.json()["errors"]
    assert "'custom_base.CustomNetworkPage'" in error["msg"]


def test_api_v2_serves_intro(client, network_page):
    response = client.get(f"/api/v2/pages/{network_page.pk}/")
    assert response.status_code == 200, response.content
    assert response.json()["intro"] == "Enti che abbinano volontari e rifugiati."


def test_search_finds_the_page_by_its_intro_and_base_field(network_page):
    assert list(CustomNetworkPage.objects.live().search("rifugiati")) == [network_page]
    found = BasePage.objects.live().search("Chi siamo")
    assert [page.pk for page in found] == [network_page.pk]
