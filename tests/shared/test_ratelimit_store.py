"""Rate limits that hold on every store: atomic counting in the cache or the database."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.management import call_command
from django.db import connections
from django.test import override_settings

from wagtail_community_matching.checks import check_settings
from wagtail_community_matching.models import AdhesionSubmission, RateCounter
from wagtail_community_matching.ratelimit import (
    Rate,
    hit,
    purge_expired,
    uses_database,
)

DB_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "cm_test_rate_cache",
    }
}


@pytest.mark.parametrize(
    ("backend", "database"),
    [
        ("django.core.cache.backends.redis.RedisCache", False),
        ("django_redis.cache.RedisCache", False),
        ("django.core.cache.backends.memcached.PyMemcacheCache", False),
        ("django.core.cache.backends.memcached.PyLibMCCache", False),
        ("django.core.cache.backends.locmem.LocMemCache", False),
        ("django.core.cache.backends.db.DatabaseCache", True),
        ("django.core.cache.backends.filebased.FileBasedCache", True),
        ("django.core.cache.backends.dummy.DummyCache", True),
    ],
)
def test_auto_counts_in_the_database_unless_the_cache_is_atomic(settings, backend, database):
    settings.CACHES = {"default": {"BACKEND": backend}}
    assert uses_database() is database


@pytest.mark.parametrize(("store", "database"), [("cache", False), ("database", True)])
def test_the_store_can_be_chosen(settings, store, database):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache"}}
    settings.WAGTAIL_COMMUNITY_MATCHING = {"RATE_LIMIT_STORE": store}
    assert uses_database() is database


@pytest.mark.parametrize(("value", "valid"), [("auto", True), ("database", True), ("redis", False)])
def test_the_store_setting_is_checked(settings, value, valid):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"RATE_LIMIT_STORE": value}
    assert ("wagtail_community_matching.E011" not in {e.id for e in check_settings()}) is valid


@pytest.fixture
def database_store(settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"RATE_LIMIT_STORE": "database"}


@pytest.mark.django_db
def test_database_counts_up_to_the_limit_then_refuses(database_store):
    rate = Rate(3, 3600)
    assert [hit("scope", "198.51.100.7", rate) for _ in range(5)] == [True] * 3 + [False] * 2
    assert hit("scope", "198.51.100.8", rate)  # per identity
    assert hit("other", "198.51.100.7", rate)  # per scope
    assert RateCounter.objects.count() == 3
    assert "198.51.100.7" not in RateCounter.objects.first().key  # hashed


@pytest.mark.django_db
def test_the_database_window_ends_and_the_count_starts_again(database_store):
    rate = Rate(2, 60)
    hit("scope", "a", rate)
    hit("scope", "a", rate)
    assert not hit("scope", "a", rate)
    counter = RateCounter.objects.get()
    # One second before the end of the window: still refused.
    RateCounter.objects.update(
        window_end=datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=1)
    )
    assert not hit("scope", "a", rate)
    # The window has ended: the count starts again at 1, in a new window of 60 s.
    RateCounter.objects.update(
        window_end=datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=1)
    )
    assert hit("scope", "a", rate)
    counter.refresh_from_db()
    assert counter.count == 1
    remaining = counter.window_end - datetime.datetime.now(datetime.UTC)
    assert datetime.timedelta(seconds=55) < remaining <= datetime.timedelta(seconds=60)
    assert purge_expired() == 0
    RateCounter.objects.update(window_end=counter.window_end - datetime.timedelta(hours=1))
    assert purge_expired() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("store", ["cache", "database"])
def test_repeats_of_one_request_count_once(settings, store):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"RATE_LIMIT_STORE": store}
    rate = Rate(2, 3600)
    assert hit("scope", "c", rate, once="key-1")
    assert hit("scope", "c", rate, once="key-1")  # a retry: not counted
    assert hit("scope", "c", rate, once="key-1")
    assert hit("scope", "c", rate, once="key-2")  # the second event
    assert not hit("scope", "c", rate, once="key-3")  # over the limit
    assert not hit("scope", "c", rate)
    assert hit("scope", "d", rate, once="key-1")  # keys are per identity


# -- 30 simultaneous applications from one address, limit 5 (PostgreSQL) -------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.postgresql("SQLite serialises every write; the lost counts show on PostgreSQL.")
def test_simultaneous_applications_never_pass_the_limit(wagtail_bootstrap):
    from wagtail_community_matching.adhesion.submissions import submit_application

    from ..adhesion.helpers import VALID_ANSWERS, make_form_page, make_home

    call_command("createcachetable", "cm_test_rate_cache")
    page = make_form_page(make_home())
    people = 30
    barrier = threading.Barrier(people)
    errors = []

    def apply(number: int) -> None:
        try:
            barrier.wait(timeout=30)
            submit_application(
                page,
                {**VALID_ANSWERS, "email_referente": f"persona{number}@example.org"},
                {},
                client_ip="203.0.113.50",
            )
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    with override_settings(
        CACHES=DB_CACHE, WAGTAIL_COMMUNITY_MATCHING={"ADHESION_RATE_LIMIT": "5/h"}
    ):
        threads = [threading.Thread(target=apply, args=(n,)) for n in range(people)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
    assert not errors, errors
    assert AdhesionSubmission.objects.count() == 5
