"""The directory's cached counts and results: kept per language, filters and page, read
again whenever a member changes, never kept for searches or bad input (members/pages.py,
members/directory.py, ``{% cm_cached %}``)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail_community_matching.models import Member

from .factories import make_directory, make_member

pytestmark = pytest.mark.django_db


def member_queries(client, url, params=None):
    """The answer's HTML and the number of queries that read members."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    sql = [q["sql"] for q in captured if "community_matching_member" in q["sql"]]
    return response.content.decode(), len(sql)


@pytest.fixture
def directory():
    make_member("Lecce Comune", region="puglia", city="Lecce")
    make_member("Bari Comune", region="puglia", city="Bari")
    return make_directory()


def test_a_page_seen_again_reads_no_member(client, directory):
    html, cold = member_queries(client, directory.url)
    again, warm = member_queries(client, directory.url)
    assert cold == 2  # the facet counts and the page of members
    assert warm == 0
    assert again == html


def test_filters_and_pages_are_kept_apart_and_share_the_counts(client, directory):
    member_queries(client, directory.url)
    html, queries = member_queries(client, directory.url, {"letter": "B"})
    assert queries == 1  # the page of members only: the counts are already kept
    assert "Bari Comune" in html and "Lecce Comune" not in html
    html, queries = member_queries(client, directory.url, {"letter": "L"})
    assert "Lecce Comune" in html and "Bari Comune" not in html
    assert member_queries(client, directory.url, {"letter": "L"})[1] == 0


def test_a_published_or_unpublished_member_shows_at_once(client, directory):
    member_queries(client, directory.url)
    make_member("Taranto Comune", region="puglia", city="Taranto")
    html, queries = member_queries(client, directory.url)
    assert "Taranto Comune" in html and queries == 2
    Member.objects.get(name="Lecce Comune").unpublish()
    html, _queries = member_queries(client, directory.url)
    assert "Lecce Comune" not in html and "Taranto Comune" in html


def test_searches_and_bad_input_are_never_kept(client, directory):
    search = {"q": "lecce"}
    first, cold = member_queries(client, directory.url, search)
    second, again = member_queries(client, directory.url, search)
    assert cold == again == 2  # a search is counted and read every time
    assert first == second and "Lecce Comune" in first
    for params in ({"kind": "nonsense"}, {"page": "999"}):
        first, _cold = member_queries(client, directory.url, params)
        second, again = member_queries(client, directory.url, params)
        assert again == 1, params  # the page of members is read again, not kept
        assert first == second


def test_each_language_has_its_own_copy(client, directory, settings):
    member_queries(client, directory.url)
    html, queries = member_queries(client, directory.url, {"status": "active"})
    assert queries == 1
    with_another_language = client.get(
        directory.url, {"status": "active"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert with_another_language == html  # the page's language decides, not the browser's


def test_a_card_is_rendered_once_for_every_list_that_shows_it(client, directory):
    member_queries(client, directory.url, {"letter": "B"})
    # A change that bypasses the model (no signal): the card kept for the letter B is the
    # one a search shows, though the search's results are never kept.
    Member.objects.filter(name="Bari Comune").update(description="Sportello aperto il lunedì")
    html, queries = member_queries(client, directory.url, {"q": "bari"})
    assert queries == 2 and "Bari Comune" in html
    assert "Sportello aperto" not in html
    member = Member.objects.get(name="Bari Comune")
    member.save()  # a real change: the members' version moves on, every card is rendered again
    html, _queries = member_queries(client, directory.url, {"q": "bari"})
    assert "Sportello aperto il lunedì" in html


def test_card_keys_name_the_language_the_member_and_its_address(rf, directory):
    request = rf.get(directory.url)
    bari = Member.objects.get(name="Bari Comune")
    lecce = Member.objects.get(name="Lecce Comune")
    for member in (bari, lecce):
        member.detail_url = f"/membri/{member.slug}/"
    with translation.override("it"):
        key = directory.card_cache_key(request, 1.0)
        italian = key(bari)
        assert key(lecce) != italian
        assert directory.card_cache_key(request, 2.0)(bari) != italian  # members changed
        bari.detail_url = "/altra/membri/bari-comune/"
        assert key(bari) != italian
        bari.detail_url = f"/membri/{bari.slug}/"
    with translation.override("en"):
        assert directory.card_cache_key(request, 1.0)(bari) != italian
    request.is_preview = True
    assert directory.card_cache_key(request, 1.0)(bari) == ""  # a preview is never kept
