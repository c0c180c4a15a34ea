"""Rate limits at their boundaries (issue 18: the bugs mutation testing found).

A clock moved by hand lets each window pass: one second before its end the limit still
holds, one second after it the form reopens, in the cache and in the database. The client
address is tested with one, two and three trusted proxies, with empty forwarded items.
"""

from __future__ import annotations

import datetime
import re
import time

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.utils import timezone

from wagtail_community_matching import ratelimit
from wagtail_community_matching.models import RateCounter
from wagtail_community_matching.ratelimit import Rate, client_ip, hit, purge_expired

pytestmark = pytest.mark.django_db


class Clock:
    """Moves ``time.time`` (the cache's expiry) and the rate limit's ``timezone.now``."""

    def __init__(self, monkeypatch):
        self.offset = 0.0
        real_time, real_now = time.time, timezone.now
        monkeypatch.setattr(time, "time", lambda: real_time() + self.offset)

        class _Timezone:
            @staticmethod
            def now():
                return real_now() + datetime.timedelta(seconds=self.offset)

        monkeypatch.setattr(ratelimit, "timezone", _Timezone)

    def advance(self, seconds: float) -> None:
        self.offset += seconds


@pytest.fixture(params=["cache", "database"])
def store(request, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"RATE_LIMIT_STORE": request.param}
    cache.clear()
    return request.param


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.mark.parametrize("rate", [Rate(1, 60), Rate(3, 3600), Rate(5, 86400)])
def test_exactly_the_limit_passes_then_the_window_ends_and_the_form_reopens(store, clock, rate):
    assert [hit("form", "203.0.113.7", rate) for _ in range(rate.count + 1)] == [True] * (
        rate.count
    ) + [False]
    clock.advance(rate.seconds - 1)
    assert not hit("form", "203.0.113.7", rate)  # one second before the end: still closed
    clock.advance(2)
    # The window has ended: a new one, with the whole count again.
    assert [hit("form", "203.0.113.7", rate) for _ in range(rate.count + 1)] == [True] * (
        rate.count
    ) + [False]


def test_a_refused_event_does_not_extend_the_window(store, clock):
    rate = Rate(2, 600)
    hit("form", "a", rate)
    hit("form", "a", rate)
    for _ in range(5):
        clock.advance(100)
        assert not hit("form", "a", rate)  # up to 500 s
    clock.advance(101)  # 601 s after the first event
    assert hit("form", "a", rate)


def test_counts_are_per_scope_and_identity(store):
    rate = Rate(1, 3600)
    assert hit("form", "a", rate) and not hit("form", "a", rate)
    assert hit("form", "b", rate)
    assert hit("other", "a", rate)


def test_a_repeated_request_key_counts_again_in_the_next_window(store, clock):
    rate = Rate(1, 60)
    assert hit("api", "c", rate, once="k1")
    assert hit("api", "c", rate, once="k1")  # a retry: passes, not counted
    assert not hit("api", "c", rate, once="k2")
    clock.advance(61)
    assert hit("api", "c", rate, once="k1")  # a new window: counted
    assert not hit("api", "c", rate, once="k3")


def test_database_windows_last_the_rate_and_expired_rows_are_purged(settings, clock):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"RATE_LIMIT_STORE": "database"}
    rate = Rate(2, 3600)
    hit("form", "a", rate)
    counter = RateCounter.objects.get()
    length = counter.window_end - ratelimit.timezone.now()
    assert datetime.timedelta(seconds=3595) < length <= datetime.timedelta(seconds=3600)
    assert hit("form", "a", rate)
    counter.refresh_from_db()
    assert counter.count == 2
    clock.advance(3599)
    assert purge_expired() == 0  # the window has one second left
    assert RateCounter.objects.count() == 1
    clock.advance(2)
    assert purge_expired() == 1
    assert not RateCounter.objects.exists()


# -- The client's address behind proxies --------------------------------------------------


def request_from(forwarded: str | None, remote: str = "10.0.0.1"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        # No proxy: the header is the client's own writing, never trusted.
        (0, "203.0.113.5", "10.0.0.1"),
        # One proxy: the address it saw is the last one.
        (1, "198.51.100.9, 203.0.113.5", "203.0.113.5"),
        (1, "203.0.113.5", "203.0.113.5"),
        # Two (a CDN then a load balancer): the second from the right, never the CDN's.
        (2, "198.51.100.9, 203.0.113.5, 192.0.2.1", "203.0.113.5"),
        (2, "203.0.113.5, 192.0.2.1", "203.0.113.5"),
        (2, "192.0.2.1", "10.0.0.1"),  # fewer addresses than proxies: distrust
        (3, "198.51.100.9, 203.0.113.5, 192.0.2.1, 192.0.2.2", "203.0.113.5"),
        (3, "203.0.113.5, 192.0.2.1, 192.0.2.2", "203.0.113.5"),
        (3, "192.0.2.1, 192.0.2.2", "10.0.0.1"),
        # Empty items (a client writing ", ," or a proxy's trailing comma) never shift it.
        (2, "203.0.113.5, , 192.0.2.1", "203.0.113.5"),
        (2, ",203.0.113.5,,192.0.2.1,", "203.0.113.5"),
        (2, " , ", "10.0.0.1"),
        (1, "  203.0.113.5  ", "203.0.113.5"),
        (1, None, "10.0.0.1"),
        (1, "", "10.0.0.1"),
    ],
)
def test_client_ip_with_proxies(settings, proxies, forwarded, expected):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"TRUSTED_PROXY_COUNT": proxies}
    assert client_ip(request_from(forwarded)) == expected


def test_client_ip_without_any_address_is_empty(settings):
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert client_ip(request) == ""
    settings.WAGTAIL_COMMUNITY_MATCHING = {"TRUSTED_PROXY_COUNT": 2}
    assert client_ip(request) == ""
    request.META["REMOTE_ADDR"] = ""
    assert client_ip(request) == ""
    settings.WAGTAIL_COMMUNITY_MATCHING = {"TRUSTED_PROXY_COUNT": 0}
    assert client_ip(request) == ""


def test_two_visitors_behind_the_same_cdn_have_their_own_counts(settings):
    """With two proxies, keying on the CDN's address would make one visitor's limit
    everybody's."""
    settings.WAGTAIL_COMMUNITY_MATCHING = {"TRUSTED_PROXY_COUNT": 2}
    rate = Rate(1, 3600)
    first = client_ip(request_from("203.0.113.5, 192.0.2.1"))
    second = client_ip(request_from("203.0.113.6, 192.0.2.1"))
    assert hit("form", first, rate)
    assert hit("form", second, rate)
    assert not hit("form", first, rate)


# -- Edges of the stores and of the keys ------------------------------------------------------


class RacingCache:
    """A cache whose count expires between ``add`` (key still there) and ``incr``."""

    def __init__(self):
        self.added = []

    def add(self, key, value, timeout=None):
        self.added.append((key, value, timeout))
        return len(self.added) > 1  # the first add finds the old key; the retry stores

    def incr(self, key):
        raise ValueError("gone")


def test_a_count_that_expires_between_add_and_incr_starts_again(settings, monkeypatch):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"RATE_LIMIT_STORE": "cache"}
    racing = RacingCache()
    monkeypatch.setattr(ratelimit, "cache", racing)
    rate = Rate(3, 600)
    assert hit("form", "a", rate) is True
    key = ratelimit._key("form", "a")
    assert racing.added == [(key, 1, 600), (key, 1, 600)]


def test_retry_keys_are_per_scope(store):
    rate = Rate(1, 3600)
    assert hit("first", "c", rate, once="k")
    assert hit("second", "c", rate, once="k")  # counted in its own scope
    assert not hit("second", "c", rate)


def test_retry_keys_live_in_the_chosen_store(settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"RATE_LIMIT_STORE": "cache"}
    cache.clear()
    assert hit("api", "c", Rate(2, 60), once="k")
    assert not RateCounter.objects.exists()
    settings.WAGTAIL_COMMUNITY_MATCHING = {"RATE_LIMIT_STORE": "database"}
    assert hit("api", "d", Rate(2, 60), once="k")
    assert RateCounter.objects.count() == 2  # the retry key and the count


def test_identities_that_are_not_valid_unicode_are_counted(store):
    rate = Rate(1, 60)
    assert hit("form", "\udc80", rate)  # a lone surrogate from a broken header
    assert not hit("form", "\udc80", rate)


@pytest.mark.parametrize("caches", [{}, {"default": {}}])
def test_without_a_default_cache_backend_counts_go_to_the_database(settings, caches):
    settings.CACHES = {**caches}
    assert ratelimit.uses_database() is True


@pytest.mark.parametrize("value", [5, None, "5x", "0/h", "5/w", ""])
def test_bad_rates_are_refused_with_the_value_named(value):
    with pytest.raises(ValueError, match=re.escape(f"{value!r} is not a rate")):
        Rate.parse(value)
