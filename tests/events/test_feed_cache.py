"""The events index's calendar feed: conditional GET, the cached body and query counts
(issue 15: a subscribed calendar polls it; most polls find nothing new)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date, parse_http_date
from icalendar import Calendar

from wagtail_community_matching.checks import check_settings
from wagtail_community_matching.http.conditional import CACHE_PREFIX
from wagtail_community_matching.models import Occurrence
from wagtail_community_matching.pages.models import EventPage

from .factories import make_event, make_venue, republish, soon

pytestmark = pytest.mark.django_db


def feed_url(index) -> str:
    return index.url + "ical/"


def get(client, url, **headers):
    return client.get(url, **{f"HTTP_{name}": value for name, value in headers.items()})


def cold_queries(client, url) -> int:
    """Queries of one request for the feed with nothing in the cache."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def uids(response) -> list[str]:
    return [str(event["uid"]) for event in Calendar.from_ical(response.content).walk("VEVENT")]


def test_query_count_is_the_same_from_3_to_300_dates(client, index):
    url = feed_url(index)
    make_event(index, "Uno", start=soon(1), recurrence_rule="FREQ=DAILY;COUNT=3")
    assert Occurrence.objects.count() == 3
    small = cold_queries(client, url)
    second = make_venue(name="Centro", city="Parma")
    for number in range(3):
        make_event(
            index,
            f"Serie {number}",
            start=soon(2, 12 + number),
            recurrence_rule="FREQ=DAILY;COUNT=90",
            venue=second if number % 2 else None,
            date_changes=[
                {"type": "cancel", "value": {"date": str(timezone.localdate() + timedelta(5))}}
            ],
        )
    for number in range(27):
        make_event(index, f"Incontro {number}", start=soon(3 + number, 9), kind="training")
    assert Occurrence.objects.count() == 300
    large = cold_queries(client, url)
    assert large == small
    # Served from the cache: Wagtail's own queries and the validators' one, nothing more.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    warm = [q["sql"] for q in queries]
    assert len(warm) < large
    assert not any('"wagtail_community_matching_venue"' in sql for sql in warm)
    assert len(set(uids(response))) == 31  # one UID per event,
    assert len(uids(response)) == 34  # plus each series' cancelled date
    with CaptureQueriesContext(connection) as queries:
        assert get(client, url, IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert len(queries) == len(warm)


def test_the_feed_reads_no_event_page_on_its_own_and_writes_the_same_calendar(client, index):
    """One query for the occurrences and their pages: no specific page per event."""
    make_event(index, "Uno", start=soon(1), recurrence_rule="FREQ=WEEKLY;COUNT=3")
    make_event(index, "Due", start=soon(2), summary="Riga\nseconda, riga; fine")
    make_event(
        index,
        "Tre",
        start=soon(3),
        attendance_mode="online",
        online_url="https://meet.example/tre",
        kind="webinar",
    )
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(feed_url(index))
    event_table = EventPage._meta.db_table
    reads = [q["sql"] for q in queries if f'FROM "{event_table}"' in q["sql"]]
    assert reads == []  # the event pages come joined to their occurrences
    joined = [q["sql"] for q in queries if f'JOIN "{event_table}"' in q["sql"]]
    assert len(joined) == 1
    assert '"body"' not in joined[0]  # only the columns a calendar shows
    calendar = Calendar.from_ical(response.content)
    by_title = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(by_title) == {"Uno", "Due", "Tre"}
    assert str(by_title["Due"]["description"]).startswith("Riga\nseconda, riga; fine")
    assert str(by_title["Tre"]["location"]) == "https://meet.example/tre"
    assert by_title["Uno"]["rrule"].to_ical() == b"FREQ=WEEKLY;COUNT=3"


def test_validators_and_304_answers(client, index, settings):
    make_event(index, "Uno", start=soon(1))
    url = feed_url(index)
    response = client.get(url)
    assert response.status_code == 200
    etag, last_modified = response["ETag"], response["Last-Modified"]
    assert etag.startswith('"') and etag.endswith('"')
    assert response["Cache-Control"] == "public, max-age=300"
    page = EventPage.objects.get()
    assert parse_http_date(last_modified) >= int(page.last_published_at.timestamp())

    not_modified = get(client, url, IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag
    assert not_modified["Last-Modified"] == last_modified
    assert not_modified["Cache-Control"] == "public, max-age=300"
    for matching in (f"W/{etag}", f'"other", {etag}', "*"):
        assert get(client, url, IF_NONE_MATCH=matching).status_code == 304, matching
    assert get(client, url, IF_NONE_MATCH='"other"').status_code == 200

    seconds = parse_http_date(last_modified)
    assert get(client, url, IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert get(client, url, IF_MODIFIED_SINCE=http_date(seconds + 3600)).status_code == 304
    before = get(client, url, IF_MODIFIED_SINCE=http_date(seconds - 1))
    assert before.status_code == 200
    assert uids(before) == uids(response)
    # If-None-Match wins over If-Modified-Since (RFC 9110, 13.1.3).
    both = get(client, url, IF_NONE_MATCH='"other"', IF_MODIFIED_SINCE=last_modified)
    assert both.status_code == 200

    settings.WAGTAIL_COMMUNITY_MATCHING = {"FEED_MAX_AGE": 60}
    assert client.get(url)["Cache-Control"] == "public, max-age=60"


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("IF_NONE_MATCH", "not an etag"),
        ("IF_NONE_MATCH", '"unterminated'),
        ("IF_NONE_MATCH", "W/"),
        ("IF_NONE_MATCH", ","),
        ("IF_NONE_MATCH", "\x00\x01"),
        ("IF_MODIFIED_SINCE", "yesterday"),
        ("IF_MODIFIED_SINCE", "Mon, 99 Foo 2026 25:61:61 GMT"),
        ("IF_MODIFIED_SINCE", "Sun, 06 Nov 99999 08:49:37 GMT"),
        ("IF_MODIFIED_SINCE", "-1"),
        ("IF_MODIFIED_SINCE", ""),
    ],
)
def test_unreadable_conditions_get_the_feed(client, index, header, value):
    make_event(index, "Uno", start=soon(1))
    response = get(client, feed_url(index), **{header: value})
    assert response.status_code == 200
    assert uids(response)


def _backdate(index) -> None:
    """Move every change recorded so far ten seconds back, so the next one shows in
    ``Last-Modified`` (whole seconds) however fast the test runs."""
    past = timezone.now() - timedelta(seconds=10)
    index.get_children().update(last_published_at=past)
    cache.set(f"{CACHE_PREFIX}:changed:events", past.timestamp(), None)


def _assert_changed(client, url, before) -> None:
    after = client.get(url)
    assert after["ETag"] != before["ETag"]
    assert parse_http_date(after["Last-Modified"]) > parse_http_date(before["Last-Modified"])
    assert get(client, url, IF_NONE_MATCH=before["ETag"]).status_code == 200
    assert get(client, url, IF_MODIFIED_SINCE=before["Last-Modified"]).status_code == 200
    assert get(client, url, IF_NONE_MATCH=after["ETag"]).status_code == 304


@pytest.mark.parametrize("change", ["added", "moved", "cancelled", "unpublished", "venue"])
def test_the_etag_changes_with_the_dates(client, index, change):
    url = feed_url(index)
    series = make_event(index, "Serie", start=soon(1), recurrence_rule="FREQ=WEEKLY;COUNT=3")
    other = make_event(index, "Altro", start=soon(2))
    _backdate(index)
    before = client.get(url)
    assert get(client, url, IF_NONE_MATCH=before["ETag"]).status_code == 304
    second = timezone.localtime(series.start, series.zone).date() + timedelta(days=7)
    if change == "added":
        republish(series, recurrence_rule="FREQ=WEEKLY;COUNT=4")
        assert Occurrence.objects.filter(page=series).count() == 4
    elif change == "moved":
        move = {"date": str(second), "new_date": str(second + timedelta(days=1))}
        series.date_changes = [{"type": "move", "value": move}]
        republish(series)
    elif change == "cancelled":
        series.date_changes = [{"type": "cancel", "value": {"date": str(second)}}]
        republish(series)
        assert Occurrence.objects.filter(page=series, status="cancelled").count() == 1
    elif change == "unpublished":
        other.unpublish()
        assert "Altro" not in client.get(url).content.decode()
    else:
        venue = other.venue
        venue.name = "Sala nuova"
        venue.save()
    _assert_changed(client, url, before)
    if change == "venue":
        assert "Sala nuova" in client.get(url).content.decode()


def test_the_etag_changes_when_a_date_ends(client, index):
    url = feed_url(index)
    make_event(index, "Serie", start=soon(1), recurrence_rule="FREQ=WEEKLY;COUNT=3")
    before = client.get(url)
    first = Occurrence.objects.order_by("start").first()
    Occurrence.objects.filter(pk=first.pk).update(
        start=timezone.now() - timedelta(hours=3), end=timezone.now() - timedelta(hours=1)
    )
    assert client.get(url)["ETag"] != before["ETag"]


def test_a_cache_that_lost_its_record_never_answers_a_stale_304(client, index):
    url = feed_url(index)
    make_event(index, "Uno", start=soon(1))
    _backdate(index)
    before = client.get(url)
    cache.clear()
    after = client.get(url)
    assert after["ETag"] != before["ETag"]
    assert get(client, url, IF_MODIFIED_SINCE=before["Last-Modified"]).status_code == 200
    last_modified = datetime.fromtimestamp(parse_http_date(after["Last-Modified"]), UTC)
    assert last_modified > timezone.now() - timedelta(seconds=5)


@pytest.mark.parametrize(
    ("value", "valid"),
    [(0, True), (300, True), (31536000, True), (-1, False), (31536001, False), ("300", False)]
    + [(True, False), (None, False)],
)
def test_the_feed_max_age_setting_is_checked(settings, value, valid):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"FEED_MAX_AGE": value}
    assert ("wagtail_community_matching.E042" not in {e.id for e in check_settings()}) is valid


def test_an_events_own_calendar_file_is_conditional(client, index):
    page = make_event(index, "Uno", start=soon(1))
    url = page.url + "ical/"
    _backdate(index)
    page.refresh_from_db()
    before = client.get(url)
    assert before["Cache-Control"] == "public, max-age=300"
    assert uids(before)
    assert get(client, url, IF_NONE_MATCH=before["ETag"]).status_code == 304
    assert get(client, url, IF_MODIFIED_SINCE=before["Last-Modified"]).status_code == 304
    assert get(client, url, IF_NONE_MATCH="garbage").status_code == 200
    assert get(client, url, IF_MODIFIED_SINCE="garbage").status_code == 200
    republish(page, title="Uno, nuovo titolo")
    _assert_changed(client, url, before)
    assert "Uno\\, nuovo titolo" in client.get(url).content.decode()
