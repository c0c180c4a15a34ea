"""Purge on publish: every page, feed and list that shows a changed object is purged.

A recording backend (Wagtail's own tests use the same pattern) stands for Varnish or a
CDN; the purge runs after the commit, so each change runs its on-commit callbacks.
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import transaction
from wagtail.contrib.frontend_cache.backends import BaseBackend

from wagtail_community_matching.frontend_cache import Purge, enabled
from wagtail_community_matching.models import (
    FAQ,
    ImpactReport,
    Indicator,
    Member,
    Occurrence,
    Venue,
)
from wagtail_community_matching.pages.models import (
    EventIndexPage,
    FAQPage,
    ImpactPage,
    MemberDirectoryPage,
    NetworkPage,
)

from ..events.factories import make_event, make_venue, republish, soon
from ..factories import add_child, make_site_root
from ..faq.helpers import make_faq
from ..impact.factories import indicators, make_report
from ..members.factories import make_member

pytestmark = pytest.mark.django_db

BACKEND = "tests.shared.test_frontend_cache.RecordingBackend"
ROOT = "http://localhost"


class RecordingBackend(BaseBackend):
    """Records every purged URL, and each batch sent."""

    purged: list[str] = []
    batches: list[list[str]] = []

    def purge(self, url):
        RecordingBackend.purged.append(url)

    def purge_batch(self, urls):
        RecordingBackend.batches.append(sorted(urls))
        super().purge_batch(urls)


@pytest.fixture
def recorded(settings):
    settings.WAGTAILFRONTENDCACHE = {"recording": {"BACKEND": BACKEND}}
    RecordingBackend.purged.clear()
    RecordingBackend.batches.clear()
    return RecordingBackend.purged


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run ``action`` in a transaction, commit it, return the URLs purged then."""

    def run(action, *args, **kwargs):
        RecordingBackend.purged.clear()
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            action(*args, **kwargs)
        return set(RecordingBackend.purged)

    return run


def body(*types):
    return json.dumps([{"type": name, "value": {}, "id": f"b{i}"} for i, name in enumerate(types)])


@pytest.fixture
def site():
    home = make_site_root(
        NetworkPage,
        title="Rete",
        slug="rete",
        body=body("featured_members", "upcoming_events", "key_figures"),
    )
    about = add_child(home, NetworkPage, title="Chi siamo", slug="chi-siamo", body=body("faq"))
    directory = add_child(home, MemberDirectoryPage, title="Membri", slug="membri")
    events = add_child(home, EventIndexPage, title="Eventi", slug="eventi")
    faq_page = add_child(home, FAQPage, title="Domande", slug="domande")
    indicators()
    impact = add_child(home, ImpactPage, title="Impatto", slug="impatto")
    member = make_member("Comune di Bergamo", city="Bergamo", region="lombardia")
    venue = make_venue()
    other_venue = make_venue(name="Altrove", city="Parma")
    event = make_event(events, "Formazione", start=soon(5), venue=venue, organiser=member)
    other_event = make_event(events, "Altro", start=soon(8), venue=other_venue)
    return {
        "home": home,
        "about": about,
        "directory": directory,
        "events": events,
        "faq_page": faq_page,
        "impact": impact,
        "member": member,
        "venue": venue,
        "event": event,
        "other_event": other_event,
    }


def url(path: str) -> str:
    return ROOT + path


MEMBER_LISTS = [
    "/it/membri/",
    "/it/membri/?page=2",
    "/it/membri/?region=lombardia",
    "/it/membri/?kind=municipality",
    "/it/membri/?status=active",
    "/it/membri/?letter=C",
    "/it/membri/_map/",
    "/it/membri/comune-di-bergamo/",
    "/it/",  # the home page's member blocks
    "/it/impatto/",
    "/it/impatto/csv/",
    "/it/eventi/formazione/",  # the event it organises names it
    "/api/community-matching/members/",
    "/api/v2/members/",
    "/sitemap.xml",  # the sitemap index and its sections' first pages
    "/sitemap-members.xml",
    "/sitemap-pages.xml",
]

EVENT_LISTS = [
    "/it/eventi/",
    "/it/eventi/ical/",
    "/it/eventi/past/",
    "/it/",  # the upcoming events block
    "/api/community-matching/events/",
    "/api/v2/event_occurrences/",
    "/sitemap.xml",
    "/sitemap-pages.xml",
]

FAQ_LISTS = [
    "/it/domande/",
    "/it/chi-siamo/",  # its FAQ block
    "/api/community-matching/faq/",
    "/api/v2/faqs/",
]

IMPACT_LISTS = [
    "/it/impatto/",
    "/it/impatto/csv/",
    "/it/",  # the key figures block
    "/api/community-matching/impact/",
    "/api/v2/impact/",
]


def assert_purged(purged: set[str], paths, *, absent=()):
    missing = [path for path in paths if url(path) not in purged]
    assert not missing, f"not purged: {missing}\npurged: {sorted(purged)}"
    extra = [path for path in absent if url(path) in purged]
    assert not extra, f"purged without reason: {extra}"


# --- Members --------------------------------------------------------------------------


def test_publishing_a_member_purges_every_list_that_shows_it(site, recorded, commit):
    member = site["member"]
    member.city = "Brescia"
    purged = commit(lambda: member.save_revision().publish())
    assert_purged(
        purged,
        [
            *MEMBER_LISTS,
            f"/api/community-matching/members/{member.pk}/",
            "/api/community-matching/members/comune-di-bergamo/",
            f"/api/v2/members/{member.pk}/",
            f"/api/v2/pages/{site['directory'].pk}/",
        ],
        absent=["/it/chi-siamo/", "/it/domande/", "/it/eventi/altro/"],
    )


def test_unpublishing_a_member_purges_the_same(site, recorded, commit):
    purged = commit(site["member"].unpublish)
    assert_purged(purged, MEMBER_LISTS, absent=["/it/chi-siamo/"])


def test_deleting_a_live_member_purges_and_a_draft_does_not(site, recorded, commit):
    commit(make_member, "Comune di Lecco", publish=False)
    assert commit(Member.objects.get(name="Comune di Lecco").delete) == set()
    purged = commit(site["member"].delete)
    assert_purged(purged, MEMBER_LISTS)  # the event it organised too, before SET_NULL


# --- FAQ snippets ---------------------------------------------------------------------


def test_saving_or_deleting_an_faq_purges_faq_pages_and_blocks(site, recorded, commit):
    assert_purged(commit(make_faq, "Come si aderisce?"), FAQ_LISTS)
    faq = FAQ.objects.get()
    purged = commit(lambda: FAQ.objects.get(pk=faq.pk).save())
    assert_purged(purged, FAQ_LISTS, absent=["/it/membri/", "/it/eventi/"])
    purged = commit(FAQ.objects.get(pk=faq.pk).delete)
    assert_purged(purged, FAQ_LISTS, absent=["/it/membri/"])


# --- Venues, event dates and event pages ---------------------------------------------


def test_a_venue_change_purges_its_events_and_the_event_lists(site, recorded, commit):
    venue = site["venue"]
    venue.name = "Casa della Musica"
    purged = commit(venue.save)
    assert_purged(
        purged,
        [*EVENT_LISTS, "/it/eventi/formazione/", "/it/eventi/formazione/ical/"],
        absent=["/it/eventi/altro/", "/it/membri/", "/it/domande/"],
    )


def test_deleting_a_venue_purges_the_event_lists(site, recorded, commit):
    commit(make_venue, name="Mai usata")
    purged = commit(Venue.objects.get(name="Mai usata").delete)
    assert_purged(purged, EVENT_LISTS, absent=["/it/eventi/formazione/"])


def test_an_event_date_change_or_removal_purges_its_page_feed_and_lists(site, recorded, commit):
    occurrence = Occurrence.objects.get(page=site["event"])
    occurrence.start += timedelta(hours=1)
    occurrence.end += timedelta(hours=1)
    purged = commit(occurrence.save)
    expected = [
        *EVENT_LISTS,
        "/it/eventi/formazione/",
        "/it/eventi/formazione/ical/",
        f"/api/community-matching/events/{site['event'].pk}/",
    ]
    assert_purged(purged, expected, absent=["/it/eventi/altro/", "/it/membri/"])
    purged = commit(Occurrence.objects.get(pk=occurrence.pk).delete)
    assert_purged(purged, expected, absent=["/it/eventi/altro/"])


def test_publishing_unpublishing_and_deleting_an_event_page_purges_the_lists(
    site, recorded, commit
):
    event = site["event"]
    expected = [*EVENT_LISTS, "/it/eventi/formazione/", "/it/eventi/formazione/ical/"]
    assert_purged(commit(republish, event, title="Formazione base"), expected)
    assert_purged(commit(event.unpublish), EVENT_LISTS, absent=["/it/membri/"])
    other = site["other_event"]
    assert_purged(commit(other.delete), [*EVENT_LISTS, "/it/eventi/altro/"])


# --- Impact ---------------------------------------------------------------------------


def test_impact_reports_and_indicators_purge_the_impact_pages(site, recorded, commit):
    member = site["member"]
    code = next(iter(indicators()))
    purged = commit(make_report, member, 2025, {code: 12})
    assert_purged(purged, IMPACT_LISTS, absent=["/it/membri/", "/it/eventi/"])
    assert url(f"/api/v2/impact/{code}/") in purged
    report = ImpactReport.objects.get()
    report.status = "submitted"
    assert_purged(commit(report.save), IMPACT_LISTS)
    assert_purged(commit(report.delete), IMPACT_LISTS)
    indicator = Indicator.objects.first()
    assert_purged(commit(indicator.save), IMPACT_LISTS)


# --- Batching, rollback, switched off ------------------------------------------------


def test_one_transaction_is_one_batch(site, recorded, django_capture_on_commit_callbacks):
    occurrences = list(Occurrence.objects.all())
    assert len(occurrences) >= 2
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        for occurrence in occurrences:
            occurrence.save()
        site["venue"].save()
    assert len(RecordingBackend.batches) == 1
    batch = RecordingBackend.batches[0]
    assert len(batch) == len(set(batch))
    assert url("/it/eventi/altro/") in batch and url("/it/eventi/formazione/") in batch


def test_a_rolled_back_change_purges_nothing(site, recorded, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            site["venue"].save()
            raise RuntimeError("rolled back")
        with transaction.atomic():
            make_faq("Dopo?")
    assert RecordingBackend.batches
    assert all(url("/it/eventi/") not in batch for batch in RecordingBackend.batches)
    assert any(url("/it/domande/") in batch for batch in RecordingBackend.batches)


def test_without_a_backend_nothing_is_computed(
    site, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {}
    assert not enabled()

    def refuse(self):
        raise AssertionError("URLs computed without a backend")

    monkeypatch.setattr(Purge, "__init__", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        site["venue"].save()
        site["member"].save_revision().publish()
        make_faq("Senza proxy?")


def test_with_a_backend_it_is_enabled(settings):
    settings.WAGTAILFRONTENDCACHE = {"recording": {"BACKEND": BACKEND}}
    assert enabled()


def test_the_queries_do_not_grow_with_members_or_dates(site, recorded):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ..members.factories import bulk_members

    def count(build):
        with CaptureQueriesContext(connection) as queries:
            build(Purge())
        return len(queries)

    def member_change(purge):
        purge.add_member(site["member"])

    def date_change(purge):
        purge.add_event(site["event"])

    before = (count(member_change), count(date_change))
    bulk_members(30, logos=False)
    for number in range(5):
        make_event(site["events"], f"Altro {number}", start=soon(10 + number))
    assert (count(member_change), count(date_change)) == before
    print(f"queries to gather a member change: {before[0]}, a date change: {before[1]}")
    assert before == (7, 3), before
