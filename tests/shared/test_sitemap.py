"""Every language in the sitemap and in each page's <head>, with hreflang alternates."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from wagtail_community_matching.base import page_alternates
from wagtail_community_matching.pages.models import NetworkPage
from wagtail_community_matching.templatetags.community_matching_tags import cm_page_translations

from ..factories import add_child
from ..members.factories import make_directory, make_member

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
HOST = "http://localhost"


def translate(page, english, slug):
    """The English translation of ``page`` (parents copied), published."""
    translation = page.copy_for_translation(english, copy_parents=True)
    translation.slug = slug
    translation.save_revision().publish()
    parent = translation.get_parent().specific
    if not parent.live:
        parent.save_revision().publish()
    translation.refresh_from_db()
    return translation


def translate_member(member, english):
    translation = member.copy_for_translation(english)
    translation.save()
    translation.save_revision().publish()
    return translation


@pytest.fixture
def english():
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def bilingual(english):
    """A home and a member directory in Italian and English; Roma translated, one member not
    (the English directory lists it in Italian, at its Italian slug)."""
    directory = make_directory()
    directory_en = translate(directory, english, "members")
    translate_member(make_member("Comune di Roma", city="Roma"), english)
    make_member("Solo Italiano")
    return directory, directory_en


def sitemap_locations(client) -> list[str]:
    """The sitemap pages /sitemap.xml (a sitemap index) points to."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own answer)
    return [item.findtext("s:loc", namespaces=NS) for item in root.findall("s:sitemap", NS)]


def sitemap_entries(client) -> dict[str, dict[str, str]]:
    """``{location: {hreflang: href}}`` of every sitemap page of /sitemap.xml's index."""
    entries = {}
    for location in sitemap_locations(client):
        response = client.get(location.removeprefix(HOST))
        assert response.status_code == 200, location
        root = ET.fromstring(response.content)  # noqa: S314 (our own answer)
        for url in root.findall("s:url", NS):
            entries[url.findtext("s:loc", namespaces=NS)] = {
                link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
            }
    return entries


def test_the_sitemap_lists_every_language_with_alternates(client, bilingual):
    entries = sitemap_entries(client)
    pairs = {
        "it": f"{HOST}/it/membri/",
        "en": f"{HOST}/en/members/",
        "x-default": f"{HOST}/it/membri/",
    }
    assert entries[f"{HOST}/it/membri/"] == pairs
    assert entries[f"{HOST}/en/members/"] == pairs
    assert entries[f"{HOST}/en/"]["it"] == f"{HOST}/it/"


def test_member_pages_carry_their_page_in_every_language(client, bilingual):
    entries = sitemap_entries(client)
    pairs = {
        "it": f"{HOST}/it/membri/comune-di-roma/",
        "en": f"{HOST}/en/members/comune-di-roma/",
        "x-default": f"{HOST}/it/membri/comune-di-roma/",
    }
    assert entries[f"{HOST}/it/membri/comune-di-roma/"] == pairs
    assert entries[f"{HOST}/en/members/comune-di-roma/"] == pairs
    # Not translated: shown in Italian by the English directory, at the same slug.
    pairs = {
        "it": f"{HOST}/it/membri/solo-italiano/",
        "en": f"{HOST}/en/members/solo-italiano/",
        "x-default": f"{HOST}/it/membri/solo-italiano/",
    }
    assert entries[f"{HOST}/it/membri/solo-italiano/"] == pairs
    assert entries[f"{HOST}/en/members/solo-italiano/"] == pairs
    assert client.get("/en/members/solo-italiano/").status_code == 200


def test_a_member_without_translations_alone_in_its_language_has_none(client, bilingual):
    directory, directory_en = bilingual
    directory_en.unpublish()  # one directory: one language
    entries = sitemap_entries(client)
    assert entries[f"{HOST}/it/membri/comune-di-roma/"] == {}
    assert entries[f"{HOST}/it/membri/solo-italiano/"] == {}


def test_a_draft_translation_is_neither_listed_nor_an_alternate(client, bilingual, english):
    directory, directory_en = bilingual
    directory_en.unpublish()
    entries = sitemap_entries(client)
    assert f"{HOST}/en/members/" not in entries
    assert entries[f"{HOST}/it/membri/"] == {}  # alone in its language now


def test_a_site_without_translations_has_no_alternates(client):
    directory = make_directory()
    make_member("Comune di Roma", city="Roma")
    entries = sitemap_entries(client)
    assert entries[f"{HOST}/it/membri/"] == {}
    assert entries[f"{HOST}/it/membri/comune-di-roma/"] == {}
    assert "hreflang" not in client.get(directory.url).content.decode()


def test_sitemap_queries_do_not_grow_with_pages_members_or_translations(client, bilingual, english):
    directory, _directory_en = bilingual
    sitemap_entries(client)  # Site root paths and content types cached, as on a live site
    with CaptureQueriesContext(connection) as before:
        entries_before = len(sitemap_entries(client))
    home = directory.get_parent().specific
    for number in range(3):
        translate(add_child(home, NetworkPage, title=f"Pagina {number}"), english, f"page-{number}")
        translate_member(make_member(f"Comune {number}", city="Bari"), english)
    with CaptureQueriesContext(connection) as after:
        entries_after = len(sitemap_entries(client))
    assert entries_after == entries_before + 12
    assert len(after) == len(before)


def alternate_links(html: str) -> list[str]:
    return [line.strip() for line in html.splitlines() if 'rel="alternate"' in line]


def test_a_page_head_carries_the_same_alternates(client, bilingual):
    html = client.get("/en/members/").content.decode()
    assert alternate_links(html) == [
        f'<link rel="alternate" hreflang="en" href="{HOST}/en/members/">',
        f'<link rel="alternate" hreflang="it" href="{HOST}/it/membri/">',
        f'<link rel="alternate" hreflang="x-default" href="{HOST}/it/membri/">',
    ]


def test_a_member_page_head_points_to_the_member_in_each_language(client, bilingual):
    html = client.get("/it/membri/comune-di-roma/").content.decode()
    assert alternate_links(html) == [
        f'<link rel="alternate" hreflang="en" href="{HOST}/en/members/comune-di-roma/">',
        f'<link rel="alternate" hreflang="it" href="{HOST}/it/membri/comune-di-roma/">',
        f'<link rel="alternate" hreflang="x-default" href="{HOST}/it/membri/comune-di-roma/">',
    ]
    # Not translated: its English page is the English directory's, showing it in Italian.
    html = client.get("/it/membri/solo-italiano/").content.decode()
    assert alternate_links(html)[0] == (
        f'<link rel="alternate" hreflang="en" href="{HOST}/en/members/solo-italiano/">'
    )


def test_a_filtered_directory_keeps_the_alternates_of_its_page(client, bilingual):
    html = client.get("/it/membri/", {"region": "lazio"}).content.decode()
    assert len(alternate_links(html)) == 3


def test_switcher_and_alternates_read_the_translations_once(bilingual, django_assert_num_queries):
    directory, _directory_en = bilingual
    request = RequestFactory().get(directory.url)
    directory.get_url(request)  # the site's root paths, read once per request
    with django_assert_num_queries(1):
        alternates = page_alternates(directory, request)
        translations = cm_page_translations({"request": request}, directory)
    assert [a["lang_code"] for a in alternates] == ["en", "it", "x-default"]
    assert [t.language_code for t in translations] == ["en", "it"]
