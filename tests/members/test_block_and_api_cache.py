"""Member blocks and the JSON API's member list kept in the cache until a member changes
(members/blocks.py, api/members.py): a second view reads no member, a published member
shows at once, searches are never kept."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail_community_matching.models import Member

from .factories import make_directory, make_member

pytestmark = pytest.mark.django_db

API = "/api/community-matching/members/"


def member_queries(client, url, params=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    sql = [q["sql"] for q in captured if "community_matching_member" in q["sql"]]
    return response, len(sql)


@pytest.fixture
def home():
    directory = make_directory()
    make_member("Lecce Comune", city="Lecce", region="puglia")
    home = directory.get_parent().specific
    home.body = json.dumps(
        [
            {"type": "member_count", "value": {"label": "enti", "sector": "", "status": ""}},
            {
                "type": "featured_members",
                "value": {"heading": "Ultimi", "members": [], "latest": 6, "link_label": ""},
            },
        ]
    )
    home.save_revision().publish()
    return home


def test_home_blocks_read_no_member_when_seen_again(client, home):
    first, cold = member_queries(client, home.url)
    second, warm = member_queries(client, home.url)
    assert cold > 0 and warm == 0
    assert second.content == first.content
    assert "Lecce Comune" in first.content.decode()


def test_home_blocks_show_a_published_or_unpublished_member_at_once(client, home):
    member_queries(client, home.url)
    make_member("Bari Comune", city="Bari", region="puglia")
    html = client.get(home.url).content.decode()
    assert "Bari Comune" in html and ">2<" in html
    Member.objects.get(name="Lecce Comune").unpublish()
    html = client.get(home.url).content.decode()
    assert "Lecce Comune" not in html and ">1<" in html


def test_the_api_list_is_kept_and_answers_the_same(client, home):
    first, cold = member_queries(client, API, {"limit": 5})
    second, warm = member_queries(client, API, {"limit": 5})
    assert cold > 0 and warm == 0
    assert second.json() == first.json() and second["Content-Type"] == first["Content-Type"]
    assert [item["name"] for item in first.json()["items"]] == ["Lecce Comune"]
    # Another window or filter is its own copy.
    assert member_queries(client, API, {"limit": 5, "region": "puglia"})[1] > 0


def test_the_api_list_shows_a_published_member_at_once(client, home):
    member_queries(client, API)
    make_member("Bari Comune", city="Bari", region="puglia")
    response, queries = member_queries(client, API)
    assert queries > 0 and response.json()["count"] == 2


def test_api_searches_are_never_kept(client, home):
    for _ in range(2):
        response, queries = member_queries(client, API, {"q": "lecce"})
        assert queries > 0 and response.json()["count"] == 1
