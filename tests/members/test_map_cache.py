"""The member map's GeoJSON: kept in the cache, conditional, compact (issue 15: every view
of a directory with its map on asks for it)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date, parse_http_date
from wagtail.models import Locale

from wagtail_community_matching.http.conditional import CACHE_PREFIX
from wagtail_community_matching.models import Member

from .factories import bulk_members, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def located():
    make_member(
        "Comune di Torino", city="Torino", region="piemonte", latitude=45.07, longitude=7.69
    )
    make_member(
        "Ente di Bari",
        city="Bari",
        region="puglia",
        kind="association",
        latitude=41.12,
        longitude=16.87,
    )


def map_url(directory) -> str:
    return f"{directory.url}_map/"


def get(client, url, params=None, **headers):
    return client.get(url, params or {}, **{f"HTTP_{k}": v for k, v in headers.items()})


def names(response) -> list[str]:
    return sorted(f["properties"]["name"] for f in json.loads(response.content)["features"])


def _backdate() -> None:
    """Move the changes recorded so far ten seconds back, so that the next one shows in
    ``Last-Modified`` (whole seconds) however fast the test runs."""
    past = timezone.now() - timedelta(seconds=10)
    Member.objects.update(last_published_at=past)
    cache.set(f"{CACHE_PREFIX}:changed:members", past.timestamp(), None)


def test_only_what_the_map_shows_written_compactly(client, directory, located):
    response = client.get(map_url(directory))
    assert response["Content-Type"] == "application/geo+json"
    text = response.content.decode()
    assert ", " not in text and '": ' not in text
    data = json.loads(text)
    bari = next(f for f in data["features"] if f["properties"]["name"] == "Ente di Bari")
    assert bari == {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [16.87, 41.12]},
        "properties": {"name": "Ente di Bari", "city": "Bari", "url": "/it/membri/ente-di-bari/"},
    }


def test_304_for_a_current_copy_and_the_cache_control(client, directory, located, settings):
    url = map_url(directory)
    response = client.get(url)
    etag, last_modified = response["ETag"], response["Last-Modified"]
    assert response["Cache-Control"] == "public, max-age=300"
    not_modified = get(client, url, IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert get(client, url, IF_NONE_MATCH='"other"').status_code == 200
    seconds = parse_http_date(last_modified)
    assert get(client, url, IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert get(client, url, IF_MODIFIED_SINCE=http_date(seconds - 1)).status_code == 200
    for bad in ("garbage", '"open', "W/"):
        assert get(client, url, IF_NONE_MATCH=bad).status_code == 200
    assert get(client, url, IF_MODIFIED_SINCE="not a date").status_code == 200
    # Each combination of filters has its own validators and data.
    filtered = get(client, url, {"region": "puglia"})
    assert filtered["ETag"] != etag
    assert names(filtered) == ["Ente di Bari"]
    assert get(client, url, {"region": "puglia"}, IF_NONE_MATCH=etag).status_code == 200
    settings.WAGTAIL_COMMUNITY_MATCHING = {"FEED_MAX_AGE": 0}
    assert client.get(url)["Cache-Control"] == "public, max-age=0"


def test_the_data_comes_from_the_cache_in_a_constant_number_of_queries(client, directory):
    url = map_url(directory)
    bulk_members(3, logos=False)
    cache.clear()
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    bulk_members(60, logos=False, prefix="Altro")
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(large) == len(small)
    assert len(json.loads(response.content)["features"]) == 63
    with CaptureQueriesContext(connection) as warm:
        again = client.get(url)
    assert again.content == response.content
    assert len(warm) < len(large)
    assert not any('"latitude"' in q["sql"] for q in warm)  # no member was read
    with CaptureQueriesContext(connection) as conditional:
        assert get(client, url, IF_NONE_MATCH=again["ETag"]).status_code == 304
    assert len(conditional) == len(warm)


@pytest.mark.parametrize("change", ["published", "unpublished", "deleted", "edited", "bulk"])
def test_every_change_of_a_member_changes_the_map(client, directory, located, change):
    url = map_url(directory)
    _backdate()
    before = client.get(url)
    assert get(client, url, IF_NONE_MATCH=before["ETag"]).status_code == 304
    torino = Member.objects.get(name="Comune di Torino")
    if change == "published":
        make_member("Comune di Lecce", city="Lecce", latitude=40.35, longitude=18.17)
        expected = ["Comune di Lecce", "Comune di Torino", "Ente di Bari"]
    elif change == "unpublished":
        torino.unpublish()
        expected = ["Ente di Bari"]
    elif change == "deleted":
        torino.delete()
        expected = ["Ente di Bari"]
    elif change == "edited":
        torino.city = "Moncalieri"
        torino.save_revision().publish()
        expected = ["Comune di Torino", "Ente di Bari"]
    else:  # rows written in bulk send no signal: the count still changes
        cache.set(f"{CACHE_PREFIX}:changed:members", timezone.now().timestamp() - 10, None)
        bulk_members(1, logos=False)
        expected = ["Comune di Torino", "Ente A0000", "Ente di Bari"]
    after = client.get(url)
    assert after["ETag"] != before["ETag"]
    assert names(after) == expected
    assert get(client, url, IF_NONE_MATCH=before["ETag"]).status_code == 200
    if change != "bulk":
        assert parse_http_date(after["Last-Modified"]) > parse_http_date(before["Last-Modified"])
        assert get(client, url, IF_MODIFIED_SINCE=before["Last-Modified"]).status_code == 200
    if change == "edited":
        cities = [f["properties"]["city"] for f in json.loads(after.content)["features"]]
        assert "Moncalieri" in cities


def test_each_language_has_its_own_map(client, directory, located):
    english = Locale.objects.get_or_create(language_code="en")[0]
    translation = directory.copy_for_translation(english, copy_parents=True)
    translation.slug = "members"
    translation.save_revision().publish()
    translation.refresh_from_db()
    italian = client.get(map_url(directory))
    english_map = client.get(map_url(translation))
    assert english_map.status_code == 200
    assert english_map["ETag"] != italian["ETag"]
    assert names(english_map) == names(italian)  # the same members, shown under /en/
    urls = [f["properties"]["url"] for f in json.loads(english_map.content)["features"]]
    assert all(url.startswith(translation.url) for url in urls)
