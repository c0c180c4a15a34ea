"""``make loadtest``: load on the running topology of :mod:`tests.stack.run`, bounded.

    python -m tests.stack.loadtest [--applications 1000] [--clients 50] ...

Starts the stack (PostgreSQL, Redis, 4 gunicorn workers, the task worker, Varnish),
then, from threads on this machine (loopback only, every request with a timeout, every
phase with a deadline):

1. ``--applications`` adhesion applications from ``--clients`` concurrent clients, each
   from an address of its own (``X-Forwarded-For``, the one proxy the stack trusts),
   through the JSON API with an ``Idempotency-Key``: all accepted, and afterwards the
   database holds exactly one row per accepted answer (0 lost, 0 duplicated, 0 5xx);
2. ``--over-limit`` applications at once from one address: exactly the limit accepted
   (``ADHESION_RATE_LIMIT``, 5 an hour), the rest refused with 429;
3. ``--sign-ups`` simultaneous sign-ups spread over dates of 5 places: exactly 5 placed
   (held or confirmed) per date, the rest on the waiting list or refused;
4. a read mix (home, directory, search, member pages, map GeoJSON, event index, calendar
   feed, JSON API, API v2) through Varnish and straight to gunicorn: throughput and
   p50/p95 per kind.

Exits 1 when a count is off; prints every figure.
"""

from __future__ import annotations

import argparse
import json
import signal
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

TIMEOUT = 30.0
PLACED = {"unconfirmed", "registered"}


@dataclass
class Answer:
    status: int
    seconds: float
    body: bytes = b""


def request(url: str, *, data=None, headers=None, retries: int = 3) -> Answer:
    """One HTTP request; retried (same headers, so the same idempotency key) on a dropped
    connection; the status is 0 when every attempt failed."""
    body = json.dumps(data).encode() if data is not None else None
    all_headers = {"Accept": "*/*", **(headers or {})}
    if body is not None:
        all_headers["Content-Type"] = "application/json"
    for attempt in range(retries):
        started = time.perf_counter()
        req = urllib.request.Request(url, data=body, headers=all_headers)  # noqa: S310
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT) as response:  # noqa: S310
                content = response.read()
                return Answer(response.status, time.perf_counter() - started, content)
        except urllib.error.HTTPError as error:
            return Answer(error.code, time.perf_counter() - started, error.read())
        except OSError:
            if attempt == retries - 1:
                return Answer(0, time.perf_counter() - started)
            time.sleep(0.2 * (attempt + 1))
    return Answer(0, 0.0)  # pragma: no cover


def run_all(jobs, clients: int, deadline: float) -> list:
    """Run the callables ``jobs`` on ``clients`` threads; stop handing out work at ``deadline``."""
    results: list = []
    lock = threading.Lock()

    def work(job):
        if time.monotonic() > deadline:
            return
        answer = job()
        with lock:
            results.append(answer)

    with ThreadPoolExecutor(max_workers=clients) as executor:
        list(executor.map(work, jobs))
    return results


def address(run: str, group: int, number: int) -> str:
    """A client address of its own for each request of each run (IPv6 documentation range)."""
    return f"2001:db8:{run[:4]}:{run[4:8]}::{group:x}:{number:x}"


#: Preferred answers where the form offers them (a province and its region agree).
PREFERRED = {"province": "PR", "region": "emilia-romagna"}


def answers_for(fields: list[dict], email: str, number: int) -> dict:
    """Answers the form accepts, from its definition (``GET forms/{id}/`` of the JSON API)."""
    data: dict = {}
    for spec in fields:
        name, kind = spec["name"], spec["type"]
        values = [choice["value"] for choice in spec.get("choices") or []]
        if kind == "email":
            data[name] = email
        elif kind == "consent":
            data[name] = True
        elif not spec["required"]:
            continue
        elif values:
            value = PREFERRED.get(kind) if PREFERRED.get(kind) in values else values[0]
            data[name] = [value] if kind in ("checkboxes", "multiselect") else value
        elif kind == "number":
            data[name] = 1
        elif kind == "url":
            data[name] = f"https://ente{number}.example.org"
        elif kind == "phone":
            data[name] = "0521 123456"
        elif kind == "checkbox":
            data[name] = True
        else:
            data[name] = f"Ente di prova {number}"
    return data


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


@dataclass
class Report:
    failures: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    def say(self, line: str = "") -> None:
        self.lines.append(line)
        print(line, flush=True)

    def expect(self, ok: bool, what: str) -> None:
        self.say(f"  [{'ok' if ok else 'FAIL'}] {what}")
        if not ok:
            self.failures.append(what)


def loadtest(
    running,
    *,
    applications: int = 1000,
    clients: int = 50,
    over_limit: int = 20,
    sign_ups: int = 300,
    dates: int = 30,
    read_rounds: int = 40,
    read_clients: int = 20,
    limit: int = 5,
    time_budget: float = 600.0,
) -> Report:
    """Run the four phases against ``running`` (a :class:`tests.stack.run.Stack`)."""
    report = Report()
    deadline = time.monotonic() + time_budget
    run = uuid.uuid4().hex[:8]
    setup = json.loads(
        running.python("-m", "tests.stack.fixtures", "prepare", str(dates)).splitlines()[-1]
    )
    app = running.app_url
    definition = request(f"{app}/api/community-matching/forms/{setup['form']}/")
    if definition.status != 200:
        raise RuntimeError(f"The form's definition: HTTP {definition.status}")
    fields = json.loads(definition.body)["fields"]
    submit_url = f"{app}/api/community-matching/forms/{setup['form']}/submissions/"

    # 1. Applications from many addresses.
    def application(number: int):
        email = f"a{number}-{run}@load.example.org"
        return lambda: (
            email,
            request(
                submit_url,
                data=answers_for(fields, email, number),
                headers={
                    "X-Forwarded-For": address(run, 1, number),
                    "Idempotency-Key": f"{run}a{number}",
                },
            ),
        )

    started = time.perf_counter()
    results = run_all([application(n) for n in range(applications)], clients, deadline)
    elapsed = time.perf_counter() - started
    statuses = Counter(answer.status for _email, answer in results)
    accepted = {email for email, answer in results if answer.status == 201}
    report.say(f"Applications: {applications} from {clients} concurrent clients")
    report.say(
        f"  {len(results)} answered in {elapsed:.1f} s ({len(results) / elapsed:.0f}/s), "
        f"statuses {dict(sorted(statuses.items()))}, "
        f"p50 {percentile([a.seconds for _e, a in results], 0.5) * 1000:.0f} ms, "
        f"p95 {percentile([a.seconds for _e, a in results], 0.95) * 1000:.0f} ms"
    )
    if statuses.keys() - {201}:
        sample = next(a.body[:300] for _e, a in results if a.status != 201)
        report.say(f"  first refusal: {sample!r}")

    # 2. One address over its limit.
    def over(number: int):
        email = f"o{number}-{run}@load.example.org"
        return lambda: request(
            submit_url,
            data=answers_for(fields, email, number),
            headers={"X-Forwarded-For": address(run, 3, 0), "Idempotency-Key": f"{run}o{number}"},
        )

    over_results = run_all([over(n) for n in range(over_limit)], over_limit, deadline)
    over_statuses = Counter(answer.status for answer in over_results)
    report.say(f"One address, {over_limit} applications at once: {dict(over_statuses)}")

    # 3. Sign-ups for dates of five places.
    events = setup["events"]

    def sign_up(number: int):
        event = events[number % len(events)]
        url = f"{app}/api/community-matching/events/{event['page']}/registrations/"
        body = {
            "occurrence": event["occurrence"],
            "name": f"Persona {number}",
            "email": f"s{number}-{run}@load.example.org",
            "consent": True,
        }
        return lambda: (
            event["occurrence"],
            request(url, data=body, headers={"X-Forwarded-For": address(run, 2, number)}),
        )

    started = time.perf_counter()
    signup_results = run_all([sign_up(n) for n in range(sign_ups)], clients, deadline)
    elapsed = time.perf_counter() - started
    signup_statuses = Counter(answer.status for _o, answer in signup_results)
    report.say(
        f"Sign-ups: {sign_ups} at {clients} at once for {len(events)} dates of "
        f"{setup['capacity']} places: {dict(signup_statuses)} in {elapsed:.1f} s"
    )
    placed_answers = Counter(
        json.loads(a.body).get("status", "?") for _o, a in signup_results if a.status == 201
    )
    refusals = Counter(
        next(iter(json.loads(a.body).get("errors", {}).values()), [{}])[0].get("code", "?")
        for _o, a in signup_results
        if a.status == 422 and a.body.startswith(b"{")
    )
    report.say(f"  answers: {dict(placed_answers)}, refusals: {dict(refusals)}")

    # Counts in the database.
    counted = json.loads(
        running.python("-m", "tests.stack.fixtures", "count", run).splitlines()[-1]
    )
    stored = [e for e in counted["emails"] if e.startswith("a")]
    stored_over = [e for e in counted["emails"] if e.startswith("o")]
    report.say("Checks")
    report.expect(
        len(results) == applications, f"every application answered ({len(results)}/{applications})"
    )
    report.expect(
        statuses.get(201, 0) == applications, f"all accepted ({statuses.get(201, 0)} x 201)"
    )
    report.expect(not [s for s in statuses if s >= 500 or s == 0], "0 5xx, 0 dropped connections")
    report.expect(
        set(stored) == accepted,
        f"every accepted answer is a stored row: 0 lost ({len(accepted - set(stored))}), "
        f"0 stored without an accepted answer ({len(set(stored) - accepted)})",
    )
    report.expect(
        len(stored) == len(set(stored)), f"0 duplicated ({len(stored) - len(set(stored))})"
    )
    report.expect(
        over_statuses.get(201, 0) == limit and len(stored_over) == limit,
        f"one address over its limit: accepted {over_statuses.get(201, 0)}, stored "
        f"{len(stored_over)}, limit {limit}",
    )
    report.expect(
        over_statuses.get(429, 0) == over_limit - limit,
        f"the rest refused with 429 ({over_statuses.get(429, 0)})",
    )
    placed = {
        str(e["occurrence"]): sum(
            n
            for status, n in counted["registrations"].get(str(e["occurrence"]), {}).items()
            if status in PLACED
        )
        for e in events
    }
    per_date = min(sign_ups // len(events), setup["capacity"]) if events else 0
    report.expect(
        all(n == per_date for n in placed.values()),
        f"exactly {per_date} placed per date (found {sorted(Counter(placed.values()).items())})",
    )
    report.expect(
        not [s for s in signup_statuses if s >= 500 or s == 0]
        and set(signup_statuses) <= {201, 422},
        "sign-ups: only 201 (held or waiting list) and 422 (full), 0 5xx",
    )

    # 4. Reads through Varnish and direct.
    kinds = setup["reads"]
    report.say(f"Reads: {read_rounds} rounds of {sum(len(u) for u in kinds.values())} URLs")
    for label, base in (("Varnish", running.proxy_url), ("direct", app)):
        if not base:
            continue
        jobs = []
        for _round in range(read_rounds):
            for kind, urls in kinds.items():
                url = urls[_round % len(urls)]
                jobs.append(lambda kind=kind, url=base + url: (kind, request(url)))
        started = time.perf_counter()
        read_results = run_all(jobs, read_clients, deadline)
        elapsed = time.perf_counter() - started
        by_kind = defaultdict(list)
        for kind, answer in read_results:
            by_kind[kind].append(answer)
        bad = Counter(a.status for _k, a in read_results if a.status != 200)
        report.say(
            f"  {label}: {len(read_results)} requests in {elapsed:.1f} s, "
            f"{len(read_results) / elapsed:.0f} req/s from {read_clients} clients; non-200: "
            f"{dict(bad) or 'none'}"
        )
        for kind, answer in read_results:
            if answer.status != 200:
                report.say(f"    first non-200 ({kind}): {answer.body[:200]!r}")
                break
        for kind, answers in by_kind.items():
            times = [a.seconds * 1000 for a in answers]
            report.say(
                f"    {kind:<14} p50 {statistics.median(times):7.1f} ms   "
                f"p95 {percentile(times, 0.95):7.1f} ms"
            )
        report.expect(
            not [s for s in bad if s >= 500 or s == 0], f"{label}: 0 5xx, 0 dropped connections"
        )
    if time.monotonic() > deadline:
        report.expect(False, f"finished within the time budget ({time_budget:.0f} s)")
    return report


def main(argv: list[str] | None = None) -> int:
    from tests.stack.run import missing_services, stack

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applications", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--over-limit", type=int, default=20)
    parser.add_argument("--sign-ups", type=int, default=300)
    parser.add_argument("--dates", type=int, default=30)
    parser.add_argument("--read-rounds", type=int, default=40)
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--events", type=int, default=50)
    parser.add_argument("--time-budget", type=float, default=900.0)
    args = parser.parse_args(argv)
    missing = missing_services()
    if missing:
        print("Cannot start the stack, missing: " + "; ".join(missing), file=sys.stderr)
        return 3

    def stop(signum, frame):
        raise KeyboardInterrupt  # the context managers stop what they started

    signal.signal(signal.SIGTERM, stop)
    started = time.perf_counter()
    with stack(members=args.members, events=args.events) as running:
        report = loadtest(
            running,
            applications=args.applications,
            clients=args.clients,
            over_limit=args.over_limit,
            sign_ups=args.sign_ups,
            dates=args.dates,
            read_rounds=args.read_rounds,
            time_budget=args.time_budget,
        )
    print(f"Total {time.perf_counter() - started:.0f} s (stack start included).")
    if report.failures:
        print(f"FAILED: {len(report.failures)} check(s)", file=sys.stderr)
        return 1
    print("All load checks passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
