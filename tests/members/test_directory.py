"""MemberDirectoryPage: listing, facets, search, pagination, bad input (models/directory.py)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail_community_matching.http.conditional import mark_changed
from wagtail_community_matching.members.geojson import CHANGES

from ..factories import make_image
from .factories import bulk_members, make_directory, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    return make_directory(intro="Gli enti della rete.")


@pytest.fixture
def members():
    return {
        "milano": make_member(
            "Comune di Milano",
            city="Milano",
            province="MI",
            region="lombardia",
            kind="municipality",
            status="active",
            logo=make_image("Logo Milano"),
            website="https://comune.example/",
        ),
        "bergamo": make_member(
            "Cooperativa Ponte",
            city="Bergamo",
            region="lombardia",
            kind="cooperative",
            status="starting",
        ),
        "roma": make_member(
            "Associazione Incontro",
            city="Roma",
            region="lazio",
            kind="association",
            status="interested",
            description="Accoglienza e volontariato a Roma.",
        ),
        "napoli": make_member(
            "Università di Napoli",
            city="Napoli",
            region="campania",
            kind="university",
            status="active",
        ),
    }


def get(client, directory, **params):
    response = client.get(directory.url, params)
    assert response.status_code == 200, response.content[:500]
    return response, response.content.decode()


def listed_names(response):
    return [member.name for member in response.context["members"]]


def test_lists_live_listed_members_with_card_details(client, directory, members):
    response, html = get(client, directory)
    assert listed_names(response) == [
        "Associazione Incontro",
        "Comune di Milano",
        "Cooperativa Ponte",
        "Università di Napoli",
    ]
    assert "<h1>Membri</h1>" in html and "Gli enti della rete." in html
    assert "4 members" in html or "4 membri" in html
    assert 'href="/it/membri/comune-di-milano/"' in html
    assert "Milano (MI) · Lombardy" in html or "Milano (MI) · Lombardia" in html
    assert "Member since" in html or "Membro dal" in html
    assert "2024" in html
    assert 'href="https://comune.example/"' in html
    assert "Accoglienza e volontariato a Roma." in html
    assert 'class="cm-member-card__logo"' in html and ".max-240x240." in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "lombardia"}, ["Comune di Milano", "Cooperativa Ponte"]),
        ({"kind": "association"}, ["Associazione Incontro"]),
        ({"kind": "public"}, ["Comune di Milano"]),
        (
            {"kind": "private"},
            ["Associazione Incontro", "Cooperativa Ponte", "Università di Napoli"],
        ),
        ({"status": "active"}, ["Comune di Milano", "Università di Napoli"]),
        ({"letter": "c"}, ["Comune di Milano", "Cooperativa Ponte"]),
        ({"letter": "U", "region": "campania"}, ["Università di Napoli"]),
        ({"q": "Milano"}, ["Comune di Milano"]),
        ({"q": "bergamo"}, ["Cooperativa Ponte"]),
        ({"q": "Incontro"}, ["Associazione Incontro"]),
        ({"q": "volontariato"}, ["Associazione Incontro"]),
        ({"q": "Napo"}, ["Università di Napoli"]),
        ({"q": "Milano", "region": "lazio"}, []),
    ],
)
def test_filters_and_search(client, directory, members, params, expected):
    response, _html = get(client, directory, **params)
    assert listed_names(response) == expected


def test_facet_counts_apply_the_other_filters(client, directory, members):
    response, html = get(client, directory, region="lombardia")
    facets = response.context["directory"].facets
    regions = {o.value: o.count for o in facets["region"].options}
    kinds = {o.value: o.count for o in facets["kind"].options}
    statuses = {o.value: o.count for o in facets["status"].options}
    # Region counts ignore the region filter itself, so other regions stay reachable.
    assert regions == {"lombardia": 2, "lazio": 1, "campania": 1}
    assert kinds == {"public": 1, "municipality": 1, "private": 1, "cooperative": 1}
    assert statuses == {"active": 1, "starting": 1}
    assert '<option value="lombardia" selected>' in html
    letters = {link["letter"]: link["count"] for link in response.context["directory"].letter_links}
    assert letters["C"] == 2 and letters["A"] == 0


def test_filters_are_kept_in_pagination_links(client, directory):
    bulk_members(80, logos=False, region="lazio")
    response, html = get(client, directory, region="lazio", status="active", page="2")
    assert response.context["members_page"].number == 2
    assert 'href="/it/membri/?region=lazio&amp;status=active"' in html  # page 1
    assert 'rel="prev"' in html
    assert "page=2" not in html.split('rel="prev"')[0].rsplit("href=", 1)[1]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"region": "atlantide"}, "atlantide"),
        ({"kind": "spaceship"}, "spaceship"),
        ({"status": "sleeping"}, "sleeping"),
        ({"letter": "ÄÖ"}, "ÄÖ"),
        ({"page": "abc"}, "abc"),
        ({"page": "9999"}, "9999"),
        ({"page": "0"}, "1"),
        ({"page": "9" * 5000}, "9999"),
        ({"q": "x" * 5000}, "200"),
    ],
)
def test_bad_parameters_are_ignored_with_a_message(client, directory, members, params, message):
    response, html = get(client, directory, **params)
    messages = response.context["directory"].messages
    assert messages, "a clear message is expected"
    assert any(message in str(m) for m in messages)
    assert 'role="status"' in html
    assert len(response.context["members"]) == 4  # the bad filter was dropped


@pytest.mark.parametrize(
    "text", ['"', "*", "AND OR NOT", "a\x00b", "((", "-", "'; DROP TABLE x; --", "\u202e", "🙂"]
)
def test_odd_search_text_never_fails(client, directory, members, text):
    response = client.get(directory.url, {"q": text})
    # Control characters: the query is ignored and the answer says 400 (tests/shared).
    assert response.status_code == (400 if "\x00" in text else 200)


def test_empty_result_says_so_and_offers_to_clear(client, directory, members):
    _response, html = get(client, directory, q="nessunrisultato")
    assert "No member matches these filters." in html or "Nessun" in html
    assert 'class="cm-button" href="/it/membri/"' in html


def test_empty_directory(client, directory):
    _response, html = get(client, directory)
    assert "The directory has no members yet." in html or "ancora" in html


def directory_queries(client, directory, **params):
    """The queries of a directory page rendered afresh (not from the cache)."""
    client.get(directory.url, params)  # warm up: renditions, site root paths
    mark_changed(CHANGES)  # as a member's change would: counts and results are read again
    with CaptureQueriesContext(connection) as queries:
        response = client.get(directory.url, params)
    assert response.status_code == 200
    return len(queries)


def test_query_count_is_constant_in_the_number_of_members(client, directory):
    bulk_members(10, prefix="Primo")
    small = directory_queries(client, directory)
    small_filtered = directory_queries(client, directory, region="lazio", kind="private")
    bulk_members(490, prefix="Secondo")
    large = directory_queries(client, directory)
    large_filtered = directory_queries(client, directory, region="lazio", kind="private")
    assert small == large, f"{small} queries at 10 members, {large} at 500"
    assert small_filtered == large_filtered
    # 3 are the directory's (facet counts, page of members, logo renditions); the
    # rest are Wagtail's routing and the base template's (site, settings, menu).
    assert large <= 18, large


def test_search_query_count_is_constant(client, directory):
    for number in range(5):
        make_member(f"Rete Milano {number}", city="Milano", logo=make_image())
    small = directory_queries(client, directory, q="Milano")
    for number in range(25):
        make_member(f"Altra Milano {number}", city="Milano", logo=make_image())
    large = directory_queries(client, directory, q="Milano")
    assert small == large
