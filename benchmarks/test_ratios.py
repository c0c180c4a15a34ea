"""``make bench``: the hot paths of issue 15 against a plain Wagtail page, in one run.

5,000 listed members and about 1,000 upcoming event dates (``benchmarks/fixture.py``).
Every line is timed alternately with its yardstick (``benchmarks/harness.py``); the table
is printed, then the run fails if any line passes its target. ``BENCH_MEMBERS``,
``BENCH_ROUNDS`` change the size and the number of rounds.
"""

from __future__ import annotations

import os
import sys

import pytest

from .fixture import build_site
from .harness import Case, measure, table

pytestmark = pytest.mark.django_db

MEMBERS = int(os.environ.get("BENCH_MEMBERS", "5000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
#: The API v2 detail of the directory page, whatever the number of members.
DIRECTORY_API_V2_MAX_BYTES = 16 * 1024


def cases(site) -> list[Case]:
    plain = site.plain
    return [
        Case("plain page (yardstick)", plain, plain),
        Case("directory first page", site.directory, plain, 1.5),
        Case("member detail", site.member, plain, 1.5),
        Case("FAQ page", site.faq, plain, 1.5),
        Case("event index", site.event_index, plain, 1.5),
        Case("event page", site.event, plain, 1.5),
        Case("network home", site.home, plain, 2.0),
        Case("directory search ?q=milano", site.directory + "?q=milano", site.directory, 2.0),
        Case(f"calendar feed ({site.dates} dates)", site.feed, plain, 3.0),
        Case("JSON API 100 members", site.members_api, plain, 2.0),
        Case("sitemap.xml (index)", "/sitemap.xml", plain),
        Case("sitemap members page 1", "/sitemap-members.xml", plain),
        Case(
            "API v2 directory detail",
            site.directory_api_v2,
            plain,
            max_bytes=DIRECTORY_API_V2_MAX_BYTES,
        ),
    ]


def test_hot_paths_within_their_targets(settings):
    settings.DEBUG = False
    site = build_site(members=MEMBERS)
    results = measure(cases(site), rounds=ROUNDS)
    from django.db import connection

    title = (
        f"{site.members} members, {site.dates} upcoming dates, {connection.vendor}, "
        f"{ROUNDS} rounds; ratio = p50 / p50 of the baseline (the plain page, or the "
        "unfiltered directory for the search)"
    )
    sys.stdout.write("\n" + table(results, title) + "\n")
    failures = {r.case.name: r.failures for r in results if r.failures}
    assert not failures, failures
