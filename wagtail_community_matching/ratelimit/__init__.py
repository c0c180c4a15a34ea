"""Fixed-window rate limits, counted atomically in a store every app server shares.

Counts live in Django's default cache when its increment is atomic (Redis, Memcached;
``LocMemCache`` too, but per process), and otherwise in the database table of
:class:`~.rate_counters.RateCounter`, updated by one ``UPDATE`` statement per event
(Django's database and file caches read and write in two steps, so concurrent
requests lose counts there). ``RATE_LIMIT_STORE`` chooses: ``"auto"`` (the default),
``"cache"`` or ``"database"``.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Value, When
from django.utils import timezone

from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.ratelimit.counters import RateCounter

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}

#: Cache backends whose ``add`` and ``incr`` are atomic, by the end of their dotted path.
ATOMIC_CACHES = (
    "RedisCache",  # Django's own and django-redis
    "PyMemcacheCache",
    "PyLibMCCache",
    "LocMemCache",  # atomic, but per process (warning W050 with --deploy)
)
_RATE = re.compile(r"^\s*(\d+)\s*/\s*([smhd])\s*$")
KEY_PREFIX = "wagtail_community_matching:ratelimit"


@dataclass(frozen=True)
class Rate:
    """``count`` events allowed per ``seconds``."""

    count: int
    seconds: int

    @classmethod
    def parse(cls, value: str) -> Rate:
        """Parse ``"5/h"`` (five per hour); units are ``s``, ``m``, ``h`` and ``d``."""
        match = _RATE.match(value) if isinstance(value, str) else None
        if match is None or int(match.group(1)) < 1:
            raise ValueError(f"{value!r} is not a rate such as '5/h'.")
        return cls(int(match.group(1)), _UNITS[match.group(2)])


def _key(scope: str, identity: str) -> str:
    # Hash the identity: cache keys must be short and free of odd characters, and
    # addresses should not sit in the cache in clear.
    digest = hashlib.sha256(identity.encode("utf-8", "replace")).hexdigest()[:32]
    return f"{KEY_PREFIX}:{scope}:{digest}"


def uses_database() -> bool:
    """Whether counts go to the database table rather than the default cache."""
    store = cm_settings.RATE_LIMIT_STORE
    if store in ("cache", "database"):
        return store == "database"
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    return not backend.endswith(ATOMIC_CACHES)


def _database_count(key: str, rate: Rate) -> int:
    now = timezone.now()
    new_end = now + datetime.timedelta(seconds=rate.seconds)
    for _attempt in range(2):
        with transaction.atomic():
            # One statement: the row lock (PostgreSQL) or the write lock (SQLite) makes
            # it atomic; an expired window starts again at 1.
            # Both expressions read the row as it was before the statement.
            updated = RateCounter.objects.filter(key=key).update(
                count=Case(When(window_end__gt=now, then=F("count") + 1), default=Value(1)),
                window_end=Case(When(window_end__gt=now, then=F("window_end")), default=new_end),
            )
            if updated:
                return RateCounter.objects.filter(key=key).values_list("count", flat=True)[0]
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=key, count=1, window_end=new_end)
                return 1
            except IntegrityError:  # created meanwhile by a concurrent request: count on it
                continue
    raise RuntimeError(f"Could not count rate limit event for {key}")  # pragma: no cover


def _is_django_redis_cache() -> bool:
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    return backend == "django.core.cache.backends.redis.RedisCache"


def _redis_count(key: str, rate: Rate) -> int:
    """The count after this event, in one Redis transaction (``MULTI``/``EXEC``).

    Django's ``RedisCache.incr`` checks that the key exists, then increments it: a
    window that expires between the two is recreated by ``INCR`` without an expiry, and
    that identity would stay counted for ever. Here ``SET NX EX`` (start the window
    with its expiry, if none is open) and ``INCR`` run as one transaction, so every
    count belongs to a window that ends. Django's serializer stores integers as plain
    Redis integers, so ``cache.get`` reads the same count.
    """
    full_key = cache.make_and_validate_key(key)
    client = cache._cache.get_client(full_key, write=True)  # Django's RedisCacheClient
    pipeline = client.pipeline(transaction=True)
    pipeline.set(full_key, 0, ex=rate.seconds, nx=True)
    pipeline.incr(full_key)
    return int(pipeline.execute()[1])


def _first_time(key: str, seconds: int) -> bool:
    """Whether ``key`` is new: recorded atomically, for ``seconds``, by the first caller."""
    if not uses_database():
        return cache.add(key, 1, timeout=seconds)
    now = timezone.now()
    RateCounter.objects.filter(key=key, window_end__lte=now).delete()
    try:
        with transaction.atomic():
            RateCounter.objects.create(
                key=key, count=1, window_end=now + datetime.timedelta(seconds=seconds)
            )
    except IntegrityError:
        return False
    return True


def hit(scope: str, identity: str, rate: Rate, *, once: str = "") -> bool:
    """Count one event for ``identity`` in ``scope``; ``False`` when over the limit.

    The window starts at the first event and lasts ``rate.seconds``. The count is
    atomic in every store: one ``SET NX EX`` + ``INCR`` transaction on Django's Redis
    cache, ``cache.add`` and ``cache.incr`` on Memcached, a single ``UPDATE`` in the
    database. ``once`` (such as an idempotency key) makes
    repeats of the same request count once: their retries, even simultaneous ones, pass
    without using up the limit.
    """
    if once and not _first_time(_key(f"{scope}:once", f"{identity}\n{once}"), rate.seconds):
        return True
    key = _key(scope, identity)
    if uses_database():
        return _database_count(key, rate) <= rate.count
    if _is_django_redis_cache():
        return _redis_count(key, rate) <= rate.count
    if cache.add(key, 1, timeout=rate.seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=rate.seconds)
        return True
    return count <= rate.count


def purge_expired() -> int:
    """Delete the database counters whose window has ended; returns how many."""
    return RateCounter.objects.filter(window_end__lte=timezone.now()).delete()[0]


def client_ip(request) -> str:
    """The client's address, honouring ``TRUSTED_PROXY_COUNT`` proxies in front of the site.

    With ``N`` trusted proxies, each appends the address it saw to
    ``X-Forwarded-For``; the client is the ``N``-th address from the right. Addresses
    further left were written by the client and cannot be trusted.
    """
    proxies = cm_settings.TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not proxies:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) >= proxies:
        return forwarded[-proxies]
    return remote
