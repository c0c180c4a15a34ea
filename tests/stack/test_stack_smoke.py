"""``make stack`` starts and serves: a few dozen requests of ``make loadtest`` against it.

The whole topology (PostgreSQL, Redis, gunicorn with 4 workers, the task worker,
Varnish, the object store) on loopback, with a small demo; every count exact.
"""

from __future__ import annotations

import time

import pytest

from tests.services import missing

from .loadtest import loadtest
from .run import missing_services, stack


@pytest.mark.slow
def test_the_stack_starts_and_passes_a_small_load():
    absent = missing_services()
    if absent:
        missing("; ".join(absent))
    with stack(members=20, events=2) as running:
        report = loadtest(
            running,
            applications=12,
            clients=6,
            over_limit=8,
            sign_ups=14,
            dates=2,
            read_rounds=1,
            read_clients=4,
            time_budget=120,
        )
        assert report.failures == [], "\n".join(report.lines)
        assert running.proxy_url
        # The task worker sends the confirmations, from the database, in its own process.
        deadline = time.monotonic() + 30
        while "@load.example.org" not in read_mails(running.mail_dir):
            assert time.monotonic() < deadline, "no mail sent by the task worker within 30 s"
            time.sleep(0.5)


def read_mails(folder) -> str:
    return "".join(path.read_text(errors="replace") for path in folder.glob("*.log"))
