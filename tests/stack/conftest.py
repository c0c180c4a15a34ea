"""Fixtures of the production topology's tests: a Redis server shared by the session."""

from __future__ import annotations

import pytest

from tests.services import missing
from tests.services.redis import find_binary, redis_server


@pytest.fixture(scope="session")
def redis_url():
    """The URL of a throwaway ``redis-server`` on loopback, for the whole session.

    Skipped loudly without the binary outside CI; a failure with ``CI=true``.
    """
    if find_binary() is None:
        missing("redis-server (Debian package redis-server)")
    with redis_server() as url:
        yield url


@pytest.fixture
def redis_cache(redis_url, settings):
    """Django's built-in Redis cache as the default cache, emptied before the test."""
    from django.core.cache import cache

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
        }
    }
    cache.clear()
    yield cache
    cache.clear()
