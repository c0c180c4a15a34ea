"""The events index's listing kept in the cache: a minute at most, read again at once when
events or venues change, never for unknown parameters, previews or with page caching off
(events/index_page.py, events/blocks.py)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import make_event, republish, soon

pytestmark = pytest.mark.django_db


def occurrence_queries(client, url, params=None):
    """The answer's HTML and the number of queries that read dates."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200
    sql = [q["sql"] for q in captured if "community_matching_occurrence" in q["sql"]]
    return response.content.decode(), len(sql)


def test_the_listing_seen_again_reads_no_date(client, index):
    make_event(index, "Incontro di Bari", start=soon(3))
    html, cold = occurrence_queries(client, index.url)
    again, warm = occurrence_queries(client, index.url)
    assert cold > 0 and warm == 0
    assert again == html and "Incontro di Bari" in html


def test_a_published_or_changed_event_shows_at_once(client, index):
    event = make_event(index, "Incontro di Bari", start=soon(3))
    occurrence_queries(client, index.url)
    make_event(index, "Incontro di Lecce", start=soon(4))
    html, queries = occurrence_queries(client, index.url)
    assert "Incontro di Lecce" in html and queries > 0
    republish(event, title="Incontro di Taranto")
    html, _queries = occurrence_queries(client, index.url)
    assert "Incontro di Taranto" in html and "Incontro di Bari" not in html


def test_pages_filters_and_past_are_kept_apart(client, index):
    make_event(index, "Incontro di Bari", start=soon(3))
    upcoming, _ = occurrence_queries(client, index.url)
    past, queries = occurrence_queries(client, index.url + "past/")
    assert queries > 0 and past != upcoming
    online, queries = occurrence_queries(client, index.url, {"mode": "online"})
    assert queries > 0 and "Incontro di Bari" not in online


def test_unknown_parameters_are_never_kept(client, index):
    make_event(index, "Incontro di Bari", start=soon(3))
    for _ in range(2):
        _html, queries = occurrence_queries(client, index.url, {"utm_source": "x"})
        assert queries > 0


def test_nothing_is_kept_when_pages_are_not_to_be_cached(client, index, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"CACHE_CONTROL": None}
    make_event(index, "Incontro di Bari", start=soon(3))
    for _ in range(2):
        _html, queries = occurrence_queries(client, index.url)
        assert queries > 0


def test_the_listing_is_kept_as_long_as_browsers_may_keep_the_page(settings):
    from wagtail_community_matching.events.index_page import listing_cache_timeout

    assert listing_cache_timeout() == 60  # CACHE_CONTROL's default MAX_AGE
    settings.WAGTAIL_COMMUNITY_MATCHING = {"CACHE_CONTROL": {"MAX_AGE": 5, "S_MAXAGE": 50}}
    assert listing_cache_timeout() == 5
    settings.WAGTAIL_COMMUNITY_MATCHING = {"CACHE_CONTROL": {"MAX_AGE": 0, "S_MAXAGE": 50}}
    assert listing_cache_timeout() == 0
