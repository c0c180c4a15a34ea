"""Structured data that cannot go missing: the network organises an event nobody else
organises, and a site's base template without a <head> block keeps the JSON-LD."""

from __future__ import annotations

import json

import pytest
from django.core.checks import Warning
from wagtail.models import Site

from wagtail_community_matching.checks import check_settings
from wagtail_community_matching.network.settings import NetworkSettings

from .factories import make_event, soon

pytestmark = pytest.mark.django_db

#: A partner's layout as seen in the field: a <head> with no block, the page in "content".
PARTNER_BASE = """<!DOCTYPE html>
<html lang="it"><head><meta charset="utf-8"><title>Partner</title></head>
<body><header>Partner</header><main>{% block content %}{% endblock %}</main></body></html>
"""
#: A layout that extends another one holding both blocks: no warning.
PARTNER_CHILD = '{% extends "partner/base_ok.html" %}{% block content %}{% endblock %}'
PARTNER_BASE_OK = (
    "<!DOCTYPE html><html><head>{% block extra_head %}{% endblock %}</head>"
    "<body>{% block content %}{% endblock %}</body></html>"
)


def name_the_network(name: str, **fields) -> NetworkSettings:
    network = NetworkSettings.for_site(Site.objects.get(is_default_site=True))
    for field, value in fields.items():
        setattr(network, field, value)
    network.save()
    network.set_language_values(network_name=name)  # the name is one per language
    return network


def jsonld(client, page) -> dict:
    html = client.get(page.url).content.decode()
    scripts = html.split('<script type="application/ld+json">')
    assert len(scripts) == 2, "one JSON-LD script on the page"
    return json.loads(scripts[1].split("</script>")[0])


def test_an_event_nobody_organises_is_organised_by_the_network(client, index):
    name_the_network("Rete Community Matching", contact_email="rete@example.org")
    page = make_event(index, "Formazione", start=soon(8))
    assert jsonld(client, page)["organizer"] == {
        "@type": "Organization",
        "name": "Rete Community Matching",
        "url": "http://localhost/",
        "email": "rete@example.org",
    }


def test_the_network_website_is_its_url_and_its_profiles_are_same_as(client, index):
    name_the_network(
        "Rete CM",
        social_links=[
            {
                "type": "link",
                "value": {"platform": "website", "url": "https://rete.example/"},
            },
            {
                "type": "link",
                "value": {"platform": "mastodon", "url": "https://m.example/@r"},
            },
        ],
    )
    page = make_event(index, "Formazione", start=soon(8))
    assert jsonld(client, page)["organizer"] == {
        "@type": "Organization",
        "name": "Rete CM",
        "url": "https://rete.example/",
        "sameAs": ["https://m.example/@r"],
    }


def test_an_organiser_named_by_the_editor_comes_before_the_network(client, index):
    name_the_network("Rete CM")
    page = make_event(index, "Formazione", start=soon(8), organiser_name="Ufficio formazione")
    assert jsonld(client, page)["organizer"] == {
        "@type": "Organization",
        "name": "Ufficio formazione",
    }


def test_a_network_without_a_name_organises_nothing(client, index):
    page = make_event(index, "Formazione", start=soon(8))
    assert "organizer" not in jsonld(client, page)


@pytest.fixture
def partner_templates(settings, tmp_path):
    folder = tmp_path / "partner"
    folder.mkdir()
    (folder / "base.html").write_text(PARTNER_BASE)
    (folder / "base_ok.html").write_text(PARTNER_BASE_OK)
    (folder / "child.html").write_text(PARTNER_CHILD)
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [tmp_path, *templates[0].get("DIRS", [])]
    settings.TEMPLATES = templates  # Django resets its template engines on the change


def test_a_partner_base_without_a_head_block_keeps_the_json_ld(
    client, index, settings, partner_templates
):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"BASE_TEMPLATE": "partner/base.html"}
    name_the_network("Rete CM")
    page = make_event(index, "Formazione", start=soon(8))
    html = client.get(page.url).content.decode()
    assert "<header>Partner</header>" in html
    data = jsonld(client, page)
    assert data["@type"] == "Event"
    assert data["organizer"]["name"] == "Rete CM"


def test_a_base_template_without_the_blocks_is_warned_about(settings, partner_templates):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"BASE_TEMPLATE": "partner/base.html"}
    warnings = [m for m in check_settings() if m.id == "wagtail_community_matching.W004"]
    assert len(warnings) == 1 and isinstance(warnings[0], Warning)
    assert "no block 'extra_head'" in warnings[0].msg and "'content'" not in warnings[0].msg


@pytest.mark.parametrize(
    "base", ["partner/child.html", "partner/base_ok.html", "wagtail_community_matching/base.html"]
)
def test_a_base_template_with_the_blocks_is_not_warned_about(settings, partner_templates, base):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"BASE_TEMPLATE": base}
    assert [m.id for m in check_settings() if m.id.endswith("W004")] == []
