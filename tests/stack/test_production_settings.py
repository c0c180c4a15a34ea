"""The example site's production settings start working after ``migrate`` alone.

Before, their database cache answered 500 on every page until someone ran
``createcachetable``, which no doc mentioned. Now: Redis when ``REDIS_URL`` is set,
otherwise the database cache whose table ``migrate`` creates.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "example_site"

PROBE = """
import django, json
django.setup()
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from wagtail_community_matching.ratelimit import uses_database
client = Client(HTTP_HOST="rete.example.org", raise_request_exception=False)
statuses = [
    client.get(path, secure=True, follow=True).status_code for path in ("/", "/sitemap.xml")
]
cache.set("probe", 1)
print(json.dumps({
    "statuses": statuses,
    "backend": settings.CACHES["default"]["BACKEND"],
    "cached": cache.get("probe"),
    "rate_limits_in_database": uses_database(),
    "tasks": settings.TASKS["default"]["BACKEND"],
}))
"""


def run(args, tmp_path: Path, **env) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "example_site.settings.production",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "SECRET_KEY": "a-long-random-production-secret-" + "x7Q!" * 12,
        "ALLOWED_HOSTS": "rete.example.org",
        **env,
    }
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    environment.pop("REDIS_URL", None) if "REDIS_URL" not in env else None
    return subprocess.run(
        [sys.executable, *args],
        cwd=EXAMPLE,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def probe(tmp_path: Path, **env) -> dict:
    import json

    answer = run(["-c", PROBE], tmp_path, **env)
    assert answer.returncode == 0, answer.stdout + answer.stderr
    return json.loads(answer.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_production_settings_work_after_migrate_alone(tmp_path, redis_url):
    migrated = run(["manage.py", "migrate", "--noinput"], tmp_path)
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr

    # Without REDIS_URL: the database cache, its table made by migrate.
    answer = probe(tmp_path)
    assert answer["backend"] == "django.core.cache.backends.db.DatabaseCache"
    assert answer["statuses"] == [200, 200]
    assert answer["cached"] == 1
    assert answer["rate_limits_in_database"] is True  # its incr is not atomic
    assert answer["tasks"].endswith("DatabaseBackend")

    # With REDIS_URL: Redis, where rate limits count atomically.
    answer = probe(tmp_path, REDIS_URL=redis_url)
    assert answer["backend"] == "django.core.cache.backends.redis.RedisCache"
    assert answer["statuses"] == [200, 200]
    assert answer["cached"] == 1
    assert answer["rate_limits_in_database"] is False
