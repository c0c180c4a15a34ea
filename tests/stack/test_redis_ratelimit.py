"""Rate limits on Django's built-in Redis cache, against a real ``redis-server``.

Exact under concurrency (threads and processes, each with its own connection, as app
servers are), and the window ends: refused just before, accepted again just after.
"""

from __future__ import annotations

import multiprocessing
import threading
import time

import pytest
from django.db import connections
from django.test import override_settings

from wagtail_community_matching.models import AdhesionSubmission
from wagtail_community_matching.ratelimit import KEY_PREFIX, Rate, _key, hit, uses_database


def _raw_client(cache):
    return cache._cache.get_client(None, write=True)


def test_the_redis_cache_counts_in_the_cache(redis_cache):
    assert uses_database() is False
    rate = Rate(3, 3600)
    assert [hit("scope", "198.51.100.7", rate) for _ in range(5)] == [True] * 3 + [False] * 2
    assert hit("scope", "198.51.100.8", rate)  # per identity
    assert hit("other", "198.51.100.7", rate)  # per scope
    full_key = redis_cache.make_and_validate_key(_key("scope", "198.51.100.7"))
    assert redis_cache.get(_key("scope", "198.51.100.7")) == 5  # a plain Redis integer
    assert 3590 < _raw_client(redis_cache).ttl(full_key) <= 3600
    assert "198.51.100.7" not in full_key and KEY_PREFIX in full_key


def _hit_after_barrier(barrier, results, rate):
    barrier.wait(timeout=30)
    results.append(hit("concurrent", "203.0.113.9", rate))


@pytest.mark.parametrize("limit", [1, 5])
def test_concurrent_threads_get_exactly_the_limit(redis_cache, limit):
    rate = Rate(limit, 3600)
    threads_count = 40
    barrier = threading.Barrier(threads_count)
    results: list[bool] = []
    threads = [
        threading.Thread(target=_hit_after_barrier, args=(barrier, results, rate))
        for _ in range(threads_count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(results) == threads_count
    assert results.count(True) == limit


def _process_hits(start, queue, hits):
    start.wait(timeout=30)
    queue.put([hit("processes", "203.0.113.10", Rate(5, 3600)) for _ in range(hits)])


def test_concurrent_processes_get_exactly_the_limit(redis_cache):
    """Eight processes (as app server workers), four requests each: 5 accepted in all."""
    context = multiprocessing.get_context("fork")
    start, queue = context.Event(), context.Queue()
    connections.close_all()
    processes = [context.Process(target=_process_hits, args=(start, queue, 4)) for _ in range(8)]
    for process in processes:
        process.start()
    start.set()
    answers = [answer for _ in processes for answer in queue.get(timeout=60)]
    for process in processes:
        process.join(timeout=30)
        assert process.exitcode == 0
    assert len(answers) == 32
    assert answers.count(True) == 5


def test_the_window_ends_exactly(redis_cache):
    """Refused while the window lasts, accepted again once it has ended; never stuck."""
    rate = Rate(2, 1)
    client = _raw_client(redis_cache)
    full_key = redis_cache.make_and_validate_key(_key("window", "a"))
    assert hit("window", "a", rate) and hit("window", "a", rate)
    assert client.pttl(full_key) > 0
    assert not hit("window", "a", rate)  # within the window: refused
    deadline = time.monotonic() + 5
    while client.exists(full_key):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert hit("window", "a", rate)  # the window has ended: a new one starts at 1
    assert redis_cache.get(_key("window", "a")) == 1
    assert 0 < client.pttl(full_key) <= 1000


def test_a_window_that_ends_mid_count_is_never_left_without_expiry(redis_cache, monkeypatch):
    """The window expires while a hit is being counted.

    Django's ``RedisCache.incr`` checks that the key exists, then ``INCR`` recreates a
    key that expired in between, without an expiry: that identity would be refused for
    ever. Simulated by a window ending 30 ms from now and a slow ``EXISTS`` (60 ms).
    """
    import redis

    rate = Rate(2, 3600)
    client = _raw_client(redis_cache)
    full_key = redis_cache.make_and_validate_key(_key("boundary", "b"))
    original_exists = redis.Redis.exists

    def slow_exists(self, *names):
        answer = original_exists(self, *names)
        time.sleep(0.06)
        return answer

    assert hit("boundary", "b", rate) and hit("boundary", "b", rate)
    client.pexpire(full_key, 30)
    monkeypatch.setattr(redis.Redis, "exists", slow_exists)
    hit("boundary", "b", rate)  # counted in the window that is ending
    assert client.ttl(full_key) != -1  # -1: a key that never expires
    time.sleep(0.06)
    assert hit("boundary", "b", rate)  # the window has ended: a new one
    assert redis_cache.get(_key("boundary", "b")) == 1
    assert client.ttl(full_key) > 3500


def test_repeats_of_one_request_count_once(redis_cache):
    rate = Rate(2, 3600)
    assert hit("scope", "c", rate, once="key-1")
    assert hit("scope", "c", rate, once="key-1")  # a retry: not counted
    assert hit("scope", "c", rate, once="key-2")
    assert not hit("scope", "c", rate, once="key-3")  # over the limit


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.postgresql("SQLite's test database locks its tables against concurrent writers.")
def test_simultaneous_applications_store_exactly_the_limit(wagtail_bootstrap, redis_cache):
    """30 applications at once from one address, limit 5: exactly 5 stored."""
    from wagtail_community_matching.adhesion.submissions import submit_application

    from ..adhesion.helpers import VALID_ANSWERS, make_form_page, make_home

    page = make_form_page(make_home())
    people = 30
    barrier = threading.Barrier(people)
    errors: list[Exception] = []
    answers: list[object] = []

    def apply(number: int) -> None:
        try:
            barrier.wait(timeout=30)
            answers.append(
                submit_application(
                    page,
                    {**VALID_ANSWERS, "email_referente": f"persona{number}@example.org"},
                    {},
                    client_ip="203.0.113.50",
                )
            )
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    with override_settings(WAGTAIL_COMMUNITY_MATCHING={"ADHESION_RATE_LIMIT": "5/h"}):
        threads = [threading.Thread(target=apply, args=(n,)) for n in range(people)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert not errors, errors
    assert AdhesionSubmission.objects.count() == 5
    assert sum(1 for answer in answers if answer.submission is not None) == 5
