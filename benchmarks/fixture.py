"""The benchmark's site: a network at the size issue 15 measured, built in bulk.

5,000 listed members (500 of them in Milano, 30 with logos first in A-Z order, all in the
search index), about 1,000 upcoming event dates over 50 event pages, a FAQ page, a network
home with the member and event blocks, and a plain Wagtail page on the same base template.
Builders come from the test suite (``tests/factories.py`` and the features' factories).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.db import connection
from wagtail.search.backends import get_search_backend

from benchmarks.plain.models import PlainPage
from tests.events.factories import make_event, soon
from tests.factories import add_child, make_image, make_site_root
from tests.faq.helpers import question, section, sections
from tests.members.factories import bulk_members
from wagtail_community_matching.models import Member
from wagtail_community_matching.pages.models import (
    EventIndexPage,
    FAQPage,
    MemberDirectoryPage,
    NetworkPage,
)


@dataclass
class BenchSite:
    plain: str
    home: str
    directory: str
    member: str
    faq: str
    event_index: str
    event: str
    feed: str
    directory_api_v2: str
    members_api: str
    members: int
    dates: int


def build_site(*, members: int = 5000, events: int = 50, dates_per_event: int = 20) -> BenchSite:
    """Build the site; ``members`` and the dates are the sizes measured."""
    home = make_site_root(NetworkPage, title="Rete", slug="rete")
    plain = add_child(home, PlainPage, title="Pagina semplice", body="<p>Testo.</p>" * 5)
    directory = add_child(home, MemberDirectoryPage, title="Membri", slug="membri")
    _members(members)
    index = add_child(home, EventIndexPage, title="Eventi", slug="eventi")
    event = None
    for number in range(events):
        event = make_event(
            index,
            f"Incontro {number}",
            start=soon(1 + number % 7, hour=9 + number % 8),
            recurrence_rule=f"FREQ=WEEKLY;COUNT={dates_per_event}",
        )
    faq = add_child(home, FAQPage, title="Domande", slug="domande", sections=_faq_sections())
    home.body = json.dumps(_home_blocks(index))
    home.save_revision().publish()
    analyse()
    member = Member.objects.filter(logo__isnull=False).order_by("name").first()
    return BenchSite(
        plain=plain.url,
        home=home.url,
        directory=directory.url,
        member=directory.member_url(member),
        faq=faq.url,
        event_index=index.url,
        event=event.url,
        feed=index.url + index.reverse_subpage("ical"),
        directory_api_v2=f"/api/v2/pages/{directory.pk}/",
        members_api="/api/community-matching/members/?limit=100",
        members=Member.objects.public().count(),
        dates=index.get_occurrences().upcoming().count(),
    )


def _members(count: int) -> None:
    with_logos = min(30, count)
    in_milano = count // 10
    created = bulk_members(with_logos, prefix="Aaa", logos=False)
    logos = [make_image(f"Logo {number}") for number in range(with_logos)]
    for member, logo in zip(created, logos, strict=True):
        member.logo = logo
    Member.objects.bulk_update(created, ["logo"])
    created += bulk_members(in_milano, prefix="Milano", city="Milano", logos=False)
    created += bulk_members(count - with_logos - in_milano, prefix="Ente", logos=False)
    get_search_backend().add_bulk(Member, created)


def _faq_sections() -> str:
    return sections(
        *(
            section(
                f"Sezione {s}",
                *(question(f"Domanda {s}.{q}?", f"<p>Risposta {s}.{q}.</p>") for q in range(6)),
            )
            for s in range(4)
        )
    )


def _home_blocks(index) -> list[dict]:
    return [
        {"type": "rich_text", "value": "<p>La rete.</p>"},
        {"type": "member_count", "value": {"label": "enti", "sector": "", "status": ""}},
        {
            "type": "featured_members",
            "value": {"heading": "Ultimi", "members": [], "latest": 6, "link_label": ""},
        },
        {
            "type": "upcoming_events",
            "value": {"heading": "Eventi", "count": 3, "kind": "", "index": index.pk},
        },
    ]


def analyse() -> None:
    """Give the database's query planner its table statistics, as a maintained database has
    (PostgreSQL's autovacuum; ``ANALYZE`` or ``PRAGMA optimize`` on SQLite, see the members
    docs): without them SQLite probes the full-text index once per indexed object."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
