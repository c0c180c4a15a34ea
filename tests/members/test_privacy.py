"""Unpublished, unlisted and draft member data never reaches anything public."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from wagtail.models import Locale

from .factories import make_member

pytestmark = pytest.mark.django_db

SECRETS = ["Bozza Nascosta", "Ente Riservato", "Nome Segreto", "Ente Ritirato", "Ente Inglese"]


@pytest.fixture
def members(directory):
    public = make_member(
        "Comune di Parma", city="Parma", region="emilia-romagna", latitude=44.8, longitude=10.33
    )
    make_member("Bozza Nascosta", city="Parma", publish=False, latitude=44.8, longitude=10.3)
    make_member("Ente Riservato", city="Parma", listed=False, latitude=44.8, longitude=10.3)
    changed = make_member(
        "Comune di Bari", city="Bari", region="puglia", latitude=41.1, longitude=16.87
    )
    changed.name = "Nome Segreto"
    changed.city = "Segretopoli"
    changed.save_revision()  # a draft change, not published
    withdrawn = make_member("Ente Ritirato", city="Parma", latitude=44.8, longitude=10.3)
    withdrawn.unpublish()
    english = Locale.objects.get_or_create(language_code="en")[0]
    make_member("Ente Inglese", city="Parma", locale=english)
    return {"public": public, "changed": changed, "withdrawn": withdrawn}


def assert_no_secret(text):
    for secret in [*SECRETS, "Segretopoli", "bozza-nascosta", "ente-riservato", "ente-ritirato"]:
        assert secret not in text, f"{secret!r} leaked"


def test_directory_lists_only_public_members(client, directory, members):
    html = client.get(directory.url).content.decode()
    assert "Comune di Parma" in html and "Comune di Bari" in html
    assert_no_secret(html)
    assert "2 members" in html or "2 membri" in html


@pytest.mark.parametrize(
    "text", ["Bozza", "Riservato", "Segreto", "Segretopoli", "Ritirato", "Inglese", "Parma"]
)
def test_search_never_finds_hidden_members(client, directory, members, text):
    response = client.get(directory.url, {"q": text})
    html = response.content.decode()
    cards = "".join(part.split("</article>")[0] for part in html.split("<article")[1:])
    assert_no_secret(cards)
    names = [m.name for m in response.context["members"]]
    assert names == (["Comune di Parma"] if text == "Parma" else [])


@pytest.mark.parametrize(
    "slug",
    [
        "bozza-nascosta",
        "ente-riservato",
        "ente-ritirato",
        "ente-inglese",
        "nome-segreto",
        "nessuno",
    ],
)
def test_detail_view_is_404_for_hidden_members(client, directory, members, slug):
    assert client.get(f"{directory.url}{slug}/").status_code == 404


def test_detail_of_a_member_with_draft_changes_shows_the_live_version(client, directory, members):
    response = client.get(f"{directory.url}comune-di-bari/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Comune di Bari" in html
    assert_no_secret(html)


def test_geojson_holds_only_public_members(client, directory, members):
    response = client.get(f"{directory.url}_map/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    data = response.json()
    names = sorted(f["properties"]["name"] for f in data["features"])
    assert names == ["Comune di Bari", "Comune di Parma"]
    assert_no_secret(json.dumps(data))


def test_sitemap_lists_only_public_members(client, directory, members):
    response = client.get("/sitemap-members.xml")
    xml = response.content.decode()
    assert response.status_code == 200
    assert "/it/membri/comune-di-parma/</loc>" in xml
    assert "/it/membri/comune-di-bari/</loc>" in xml
    assert_no_secret(xml)


def test_api_v2_members_endpoint_holds_only_public_members(client, members):
    data = client.get("/api/v2/members/", {"limit": 20, "locale": "it"}).json()
    assert sorted(item["name"] for item in data["items"]) == ["Comune di Bari", "Comune di Parma"]
    assert data["meta"]["total_count"] == 2
    assert_no_secret(json.dumps(data))
    for text in ["Bozza", "Riservato", "Segreto", "Ritirato"]:
        found = client.get("/api/v2/members/", {"search": text, "locale": "it"}).json()
        assert found["items"] == [], text


def test_api_v2_member_detail_is_404_for_hidden_members(client, members):
    from wagtail_community_matching.models import Member

    hidden = Member.objects.exclude(pk__in=[members["public"].pk, members["changed"].pk])
    for member in hidden.exclude(name="Ente Inglese"):
        # The example site's LocaleMiddleware turns API 404s into a redirect to /it/...
        response = client.get(f"/api/v2/members/{member.pk}/", follow=True)
        assert response.status_code == 404, member.name
        assert_no_secret(response.content.decode())
    detail = client.get(f"/api/v2/members/{members['changed'].pk}/").json()
    assert detail["name"] == "Comune di Bari"
    assert_no_secret(json.dumps(detail))


def test_api_v2_directory_page_fields_hold_only_public_members(client, directory, members):
    data = client.get(f"/api/v2/pages/{directory.pk}/").json()
    assert data["member_count"] == data["members"]["count"] == 2
    assert sorted(m["name"] for m in data["members"]["items"]) == [
        "Comune di Bari",
        "Comune di Parma",
    ]
    assert_no_secret(json.dumps(data))


def test_api_v3_directory_page_fields_hold_only_public_members(client, directory, members):
    if not settings.WAGTAIL_8:
        pytest.skip("Wagtail API v3 exists from Wagtail 8")
    response = client.get(f"/api/v3/pages/{directory.pk}/")
    assert response.status_code == 200, response.content[:300]
    data = response.json()
    assert data["member_count"] == data["members"]["count"] == 2
    assert sorted(m["name"] for m in data["members"]["items"]) == [
        "Comune di Bari",
        "Comune di Parma",
    ]
    assert_no_secret(json.dumps(data))


def test_translation_of_a_member_starts_as_a_draft(client, directory, members):
    english = Locale.objects.get(language_code="en")
    translation = members["changed"].copy_for_translation(english)
    translation.save()
    assert translation.live is False
    # The copy took the source's draft name; unpublished, it stays out of every list.
    assert translation.name == "Nome Segreto"
    data = client.get("/api/v2/members/", {"locale": "en"}).json()
    # English lists every public organisation: its own English row, or the Italian one.
    assert sorted(item["name"] for item in data["items"]) == [
        "Comune di Bari",
        "Comune di Parma",
        "Ente Inglese",
    ]
    assert "Nome Segreto" not in json.dumps(data) and "Segretopoli" not in json.dumps(data)
