"""Fixed-window rate limits counted in Django's default cache.

The counters live in the cache, never in process memory, so every app server
behind a load balancer sees the same counts as long as the cache is shared
(Redis, Memcached or the database cache; ``LocMemCache`` is per process).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from django.core.cache import cache

from wagtail_community_matching.conf import cm_settings

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
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


def is_limited(scope: str, identity: str, rate: Rate) -> bool:
    """Whether ``identity`` has used up its events in ``scope``, without counting one."""
    return (cache.get(_key(scope, identity)) or 0) >= rate.count


def hit(scope: str, identity: str, rate: Rate) -> bool:
    """Count one event for ``identity`` in ``scope``; ``False`` when over the limit.

    The window starts at the first event and lasts ``rate.seconds``. ``cache.add``
    and ``cache.incr`` are atomic on Redis and Memcached.
    """
    key = _key(scope, identity)
    if cache.add(key, 1, timeout=rate.seconds):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=rate.seconds)
        return True
    return count <= rate.count


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
