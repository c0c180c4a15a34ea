"""sitemap.xml is a sitemap index; the members' pages are a section of their own, paginated
(``MemberSitemap.limit`` members per page), read in a number of queries that does not grow
with the members (issue 15: one entry per member in one answer, 67x a plain page)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail_community_matching.members.sitemaps import DirectoryMembers, MemberSitemap

from .factories import bulk_members, make_directory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HOST = "http://localhost"  # the Wagtail site's root URL: the entries
INDEX = "http://testserver"  # the request's host: Django's index of the sections


def xml(client, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return ET.fromstring(response.content)  # noqa: S314 (our own answer)


def index_locations(client) -> list[str]:
    return [item.findtext("s:loc", namespaces=NS) for item in xml(client, "/sitemap.xml")]


def locations(client, path) -> list[str]:
    return [url.findtext("s:loc", namespaces=NS) for url in xml(client, path).findall("s:url", NS)]


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(MemberSitemap, "limit", 5)
    return 5


def test_the_index_names_the_pages_and_the_members_sections(client):
    make_directory()
    bulk_members(3, logos=False)
    assert index_locations(client) == [
        f"{INDEX}/sitemap-pages.xml",
        f"{INDEX}/sitemap-members.xml",
    ]
    assert f"{HOST}/it/membri/" in locations(client, "/sitemap-pages.xml")
    members = locations(client, "/sitemap-members.xml")
    assert members == [f"{HOST}/it/membri/ente-{n}/" for n in range(3)]
    # The directory's own entry no longer carries its members.
    assert not any("/ente-" in loc for loc in locations(client, "/sitemap-pages.xml"))


def test_limit_members_fill_one_page(client, small_pages):
    make_directory()
    bulk_members(small_pages, logos=False)
    assert index_locations(client)[-1] == f"{INDEX}/sitemap-members.xml"
    assert len(locations(client, "/sitemap-members.xml")) == small_pages
    assert client.get("/sitemap-members.xml", {"p": 2}).status_code == 404


def test_one_more_member_opens_a_second_page(client, small_pages):
    make_directory()
    bulk_members(small_pages + 1, logos=False)
    assert index_locations(client)[-2:] == [
        f"{INDEX}/sitemap-members.xml",
        f"{INDEX}/sitemap-members.xml?p=2",
    ]
    first = locations(client, "/sitemap-members.xml")
    second = locations(client, "/sitemap-members.xml?p=2")
    assert len(first) == small_pages and len(second) == 1
    assert not set(first) & set(second)


def test_pages_span_directories_of_every_language(english_directory, small_pages):
    """Slices of several directories: counted once each, read only where the page falls."""
    directories = MemberSitemap().directories()
    assert [d.pk for d in directories][-1] == english_directory.pk
    sequence = DirectoryMembers(directories)
    assert sequence.count() == 2 * 4
    pairs = sequence[3:6]
    assert [(d.locale.language_code, m.slug) for d, m in pairs] == [
        ("it", "ente-3"),
        ("en", "ente-0"),
        ("en", "ente-1"),
    ]


@pytest.fixture
def english_directory():
    from wagtail.models import Locale

    english = Locale.objects.get_or_create(language_code="en")[0]
    directory = make_directory()
    bulk_members(4, logos=False)
    translation = directory.copy_for_translation(english, copy_parents=True)
    translation.slug = "members"
    translation.save_revision().publish()
    parent = translation.get_parent().specific
    if not parent.live:
        parent.save_revision().publish()
    return translation


def sitemap_queries(client, path) -> int:
    client.get(path)  # warm up: site root paths
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_members(client, small_pages):
    make_directory()
    bulk_members(small_pages * 2, logos=False)
    small = [sitemap_queries(client, p) for p in ("/sitemap.xml", "/sitemap-members.xml?p=2")]
    bulk_members(300, prefix="Altro", logos=False)
    large = [sitemap_queries(client, p) for p in ("/sitemap.xml", "/sitemap-members.xml?p=2")]
    assert small == large
    assert len(index_locations(client)) == 1 + (small_pages * 2 + 300) // small_pages
