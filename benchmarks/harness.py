"""Time requests through Django's WSGI handler and compare them with a yardstick page.

Each case is timed right after its yardstick, round after round, so both see the same
machine load; a case's ratio is the median of its times over the median of its
yardstick's. Requests go through ``WSGIHandler`` (no test client: it copies every
template context) with the settings' ``DEBUG`` (off in ``benchmarks.settings``).
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field
from io import BytesIO
from urllib.parse import urlsplit

from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext


@dataclass
class Case:
    """One measured line: ``url`` against ``baseline`` (a URL, or the name of another case).

    ``target`` is the highest ratio allowed; ``max_bytes`` bounds the answer's size.
    """

    name: str
    url: str
    baseline: str
    target: float | None = None
    max_bytes: int | None = None


@dataclass
class Result:
    case: Case
    times: list[float] = field(default_factory=list)
    baseline_times: list[float] = field(default_factory=list)
    queries: int = 0
    size: int = 0
    status: int = 0

    @property
    def p50_ms(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def baseline_p50_ms(self) -> float:
        return statistics.median(self.baseline_times) * 1000

    @property
    def ratio(self) -> float:
        return self.p50_ms / self.baseline_p50_ms

    @property
    def failures(self) -> list[str]:
        failures = []
        if self.status != 200:
            failures.append(f"status {self.status}")
        if self.case.target is not None and self.ratio > self.case.target:
            failures.append(f"ratio {self.ratio:.2f} > {self.case.target}")
        if self.case.max_bytes is not None and self.size > self.case.max_bytes:
            failures.append(f"{self.size} bytes > {self.case.max_bytes}")
        return failures


class Requester:
    """GET requests straight through the WSGI handler; returns (status, body size)."""

    def __init__(self, host: str = "localhost"):
        self.handler = WSGIHandler()
        self.host = host

    def get(self, url: str) -> tuple[int, int]:
        parts = urlsplit(url)
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": parts.path,
            "QUERY_STRING": parts.query,
            "SERVER_NAME": self.host,
            "SERVER_PORT": "80",
            "HTTP_HOST": self.host,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": BytesIO(),
            "wsgi.errors": BytesIO(),
            "wsgi.multithread": False,
            "wsgi.multiprocess": False,
            "wsgi.run_once": False,
        }
        status = []
        response = self.handler(environ, lambda s, headers, exc_info=None: status.append(s))
        try:
            size = sum(len(chunk) for chunk in response)
        finally:
            close = getattr(response, "close", None)
            if close:
                close()
        return int(status[0].split()[0]), size

    def timed(self, url: str) -> float:
        start = time.perf_counter()
        self.get(url)
        return time.perf_counter() - start


def measure(cases: list[Case], *, rounds: int = 15, warmup: int = 2) -> list[Result]:
    """Time every case against its baseline, alternated, ``rounds`` times each.

    The database connection stays open between requests (as with persistent connections,
    and as Django's test client does): closing it would end the test's transaction.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        return _measure(cases, rounds=rounds, warmup=warmup)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _measure(cases: list[Case], *, rounds: int, warmup: int) -> list[Result]:
    requester = Requester()
    by_name = {case.name: case for case in cases}
    results = []
    for case in cases:
        baseline = by_name[case.baseline].url if case.baseline in by_name else case.baseline
        result = Result(case)
        for url in (baseline, case.url):
            for _ in range(warmup):  # renditions, caches, site root paths
                requester.get(url)
        with CaptureQueriesContext(connection) as queries:
            result.status, result.size = requester.get(case.url)
        result.queries = len(queries)
        for number in range(rounds):
            # Alternate which goes first, so neither always runs on a warmer cache.
            if number % 2:
                result.times.append(requester.timed(case.url))
                result.baseline_times.append(requester.timed(baseline))
            else:
                result.baseline_times.append(requester.timed(baseline))
                result.times.append(requester.timed(case.url))
        results.append(result)
    return results


def table(results: list[Result], title: str = "") -> str:
    """The results as a plain-text table, one line per case."""
    header = (
        f"{'case':<34} {'p50 ms':>8} {'base ms':>8} {'ratio':>6} {'target':>7} "
        f"{'queries':>7} {'bytes':>9}  result"
    )
    lines = [title, header, "-" * len(header)] if title else [header, "-" * len(header)]
    for result in results:
        case = result.case
        target = f"{case.target:.1f}x" if case.target is not None else "-"
        verdict = "; ".join(result.failures) or "pass"
        lines.append(
            f"{case.name:<34} {result.p50_ms:>8.1f} {result.baseline_p50_ms:>8.1f} "
            f"{result.ratio:>5.2f}x {target:>7} {result.queries:>7} {result.size:>9}  {verdict}"
        )
    return "\n".join(lines)
