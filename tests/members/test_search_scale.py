"""Directory search at scale: the database narrows, counts and pages the matches.

``search_members`` hands the search backend's match to the database as a subquery, so
the directory page, the JSON API and API v2 read only the members of the page asked for,
whatever the number of matches (issue 15: "milano" matched 499 members, each loaded).
"""

from __future__ import annotations

import contextlib

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from wagtail.search.backends import get_search_backend

from wagtail_community_matching.members import search as search_module
from wagtail_community_matching.members.directory import MemberDirectory, search_members
from wagtail_community_matching.models import Member

from .factories import bulk_members, make_directory

pytestmark = pytest.mark.django_db


def indexed_members(count, **fields):
    """``count`` members created in bulk and added to the search index in one go."""
    members = bulk_members(count, logos=False, **fields)
    get_search_backend().add_bulk(Member, members)
    return members


@contextlib.contextmanager
def loaded_members():
    """Count the ``Member`` rows turned into objects while the block runs."""
    counter = {"rows": 0}
    original = Member.from_db.__func__

    def from_db(cls, db, field_names, values):
        counter["rows"] += 1
        return original(cls, db, field_names, values)

    Member.from_db = classmethod(from_db)
    try:
        yield counter
    finally:
        del Member.from_db  # back to the inherited classmethod


@pytest.fixture
def directory():
    return make_directory(per_page=24)


def measure(client, url, params=None):
    client.get(url, params)  # warm up: site root paths, content types
    with loaded_members() as loaded, CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200, response.content[:300]
    return response, loaded["rows"], queries


def test_a_search_reads_only_the_page_of_members_it_shows(client, directory):
    indexed_members(30, prefix="Fuori", city="Torino")
    indexed_members(40, prefix="Milano", city="Milano")
    small, small_loaded, small_queries = measure(client, directory.url, {"q": "milano"})
    indexed_members(400, prefix="Ancora", city="Milano")
    large, large_loaded, large_queries = measure(client, directory.url, {"q": "milano"})

    assert small.context["directory"].total == 40
    assert large.context["directory"].total == 440
    assert len(large.context["members"]) == 24
    # The page of 24 is all that is read, at 40 matches as at 440 (was every match, twice).
    assert small_loaded == large_loaded == 24
    assert len(small_queries) == len(large_queries)
    member_table = Member._meta.db_table
    reads = [q["sql"] for q in large_queries if f'FROM "{member_table}"' in q["sql"]]
    # Every read of the member table either counts (facets) or is limited to the page.
    for sql in reads:
        assert "COUNT(" in sql or "LIMIT 24" in sql, sql


def test_a_search_adds_no_query_to_the_unfiltered_directory(client, directory):
    indexed_members(50, prefix="Milano", city="Milano")
    _response, _loaded, plain = measure(client, directory.url)
    _response, _loaded, searched = measure(client, directory.url, {"q": "milano"})
    # Wagtail 8's database backends: the search is part of the facet and page queries.
    # Wagtail 7's SQLite backend reads the index entries of the two searches first, and the
    # unfiltered page's facet counts come from the cache while a search counts its own.
    from django.db import connection
    from wagtail import VERSION as WAGTAIL_VERSION

    if WAGTAIL_VERSION < (8,) and connection.vendor == "sqlite":
        assert len(searched) - len(plain) == 4
    else:
        assert len(searched) - len(plain) in (0, 2)


def test_the_search_is_a_subquery_of_the_directory_queries(directory):
    indexed_members(60, prefix="Milano", city="Milano")
    with CaptureQueriesContext(connection) as queries:
        found = search_members(Member.objects.public(), "milano")
    assert len(queries) <= 2  # none on Wagtail 8: the queryset is still lazy
    assert found.count() == 60


def test_the_json_api_and_api_v2_read_only_their_page(client, directory):
    indexed_members(300, prefix="Milano", city="Milano")
    url = "/api/community-matching/members/"
    response, loaded, _queries = measure(client, url, {"q": "milano", "limit": 10})
    assert response.json()["count"] == 300 and len(response.json()["items"]) == 10
    assert loaded == 10
    response, loaded, _queries = measure(client, "/api/v2/members/", {"q": "milano", "limit": 10})
    assert response.json()["meta"]["total_count"] == 300 and len(response.json()["items"]) == 10
    assert loaded == 10


class ListOnlyBackend:
    """A backend whose results are only iterable, as Elasticsearch's are to the package."""

    def __init__(self, backend):
        self.backend = backend

    def search(self, *args, **kwargs):
        return list(self.backend.search(*args, **kwargs))

    def autocomplete(self, *args, **kwargs):
        return list(self.backend.autocomplete(*args, **kwargs))


def test_another_backend_gives_the_same_members_from_primary_keys(monkeypatch):
    indexed_members(30, prefix="Milano", city="Milano")
    indexed_members(30, prefix="Altro", city="Mileto")  # "mil": only a prefix match
    indexed_members(30, prefix="Fuori", city="Torino")
    public = Member.objects.public()
    expected = {
        text: list(MemberDirectory(public, QueryDict(f"q={text}")).members())
        for text in ("milano", "mil")
    }
    real = get_search_backend()
    monkeypatch.setattr(search_module, "get_search_backend", lambda: ListOnlyBackend(real))
    for text, members in expected.items():
        assert list(MemberDirectory(public, QueryDict(f"q={text}")).members()) == members
    assert len(expected["milano"]) == 30 and len(expected["mil"]) == 60


def test_search_keeps_the_in_locale_fallback(client, directory):
    """The English directory lists the Italian-only members, and finds them by search."""
    from wagtail.models import Locale

    english = Locale.objects.get_or_create(language_code="en")[0]
    italian_only = indexed_members(5, prefix="Milano", city="Milano")
    translated = indexed_members(3, prefix="Tradotto", city="Milano")
    copies = []
    for member in translated:
        copy = Member.objects.get(pk=member.pk)
        copy.pk = None
        copy.locale = english
        copy.slug = f"{member.slug}-en"
        copies.append(copy)
    copies = Member.objects.bulk_create(copies)
    get_search_backend().add_bulk(Member, copies)
    found = MemberDirectory(Member.objects.public().in_locale(english), QueryDict("q=milano"))
    by_locale = {member.pk: member.locale_id for member in found.members()}
    assert found.total == 8
    assert {pk for pk, locale in by_locale.items() if locale == english.pk} == {
        c.pk for c in copies
    }
    assert {m.pk for m in italian_only} <= set(by_locale)
