"""The directory page in Wagtail's APIs is bounded: a count, the first members and the
URL of the paginated members endpoint, never every member (issue 15: 3.2 MB at 5,000)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail_community_matching.members.serializers import (
    API_MEMBERS_PREVIEW,
    members_listing_path,
)

from .factories import bulk_members, make_directory

pytestmark = pytest.mark.django_db


def detail(client, directory, version="v2"):
    url = f"/api/{version}/pages/{directory.pk}/"
    client.get(url)  # warm up: site root paths
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response, len(queries)


@pytest.mark.parametrize("count", [API_MEMBERS_PREVIEW, API_MEMBERS_PREVIEW + 1])
def test_the_first_members_at_the_boundary(client, count):
    directory = make_directory()
    bulk_members(count, logos=False)
    members = detail(client, directory)[0].json()["members"]
    assert members["count"] == count
    assert len(members["items"]) == API_MEMBERS_PREVIEW
    assert [m["name"] for m in members["items"]] == sorted(m["name"] for m in members["items"])


def test_size_and_queries_do_not_grow_with_the_members(client):
    directory = make_directory()
    bulk_members(15, prefix="Aaa", logos=True)
    small, small_queries = detail(client, directory)
    bulk_members(600, logos=False)
    large, large_queries = detail(client, directory)
    assert large.json()["members"]["count"] == 615
    assert small_queries == large_queries
    assert len(large.content) < 2 * len(small.content) < 16 * 1024


def test_the_listing_url_pages_every_member_of_the_page_language(client):
    directory = make_directory()
    bulk_members(30, logos=False)
    members = detail(client, directory)[0].json()["members"]
    assert members["listing_url"] == "http://localhost/api/v2/members/?locale=it"
    listing = client.get(members["listing_url"], {"limit": 20, "offset": 20}).json()
    assert listing["meta"]["total_count"] == members["count"] == 30
    assert len(listing["items"]) == 10


def test_without_a_v2_router_the_listing_url_is_the_json_api():
    assert members_listing_path() == "/api/community-matching/members/"


def test_api_v3_serves_the_same_bounded_field(client):
    if not settings.WAGTAIL_8:
        pytest.skip("Wagtail API v3 exists from Wagtail 8")
    directory = make_directory()
    bulk_members(API_MEMBERS_PREVIEW + 5, logos=False)
    members = detail(client, directory, "v3")[0].json()["members"]
    assert members["count"] == API_MEMBERS_PREVIEW + 5
    assert len(members["items"]) == API_MEMBERS_PREVIEW
    assert members["listing_url"] == "http://localhost/api/community-matching/members/?locale=it"
