"""The example site's production settings keep PostgreSQL connections between requests.

Opening a connection per request put the PostgreSQL floor at 19 ms against 10 ms on
SQLite (issue 15). The settings are read in a fresh interpreter: importing them here
would change the test settings' shared ``DATABASES``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json
from django.conf import settings
database = settings.DATABASES["default"]
print(json.dumps({
    "engine": database["ENGINE"],
    "max_age": database["CONN_MAX_AGE"],
    "health_checks": database.get("CONN_HEALTH_CHECKS", False),
}))
"""


def production_database(**environ) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "REDIS_", "CM_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="example_site.settings.production",
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "example_site")]),
        SECRET_KEY="a-long-random-production-secret-" + "x7Q!" * 12,
        ALLOWED_HOSTS="rete.example.org",
        **environ,
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


POSTGRES = "postgres://community:secret@127.0.0.1:5432/community"


@pytest.mark.slow
def test_postgresql_connections_are_kept_and_checked():
    database = production_database(DATABASE_URL=POSTGRES)
    assert database == {
        "engine": "django.db.backends.postgresql",
        "max_age": 600,
        "health_checks": True,
    }


@pytest.mark.slow
@pytest.mark.parametrize(("setting", "max_age"), [("0", 0), ("60", 60)])
def test_the_connection_age_is_configurable(setting, max_age):
    database = production_database(DATABASE_URL=POSTGRES, DATABASE_CONN_MAX_AGE=setting)
    assert database["max_age"] == max_age
    assert database["health_checks"] is True


@pytest.mark.slow
def test_sqlite_keeps_a_connection_per_request(tmp_path):
    database = production_database(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert database == {
        "engine": "django.db.backends.sqlite3",
        "max_age": 0,
        "health_checks": False,
    }
