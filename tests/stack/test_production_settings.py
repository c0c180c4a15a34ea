"""The example site's production settings start working after ``migrate`` alone.

Before, their database cache answered 500 on every page until someone ran
``createcachetable``, which no doc mentioned. Now: Redis when ``REDIS_URL`` is set,
otherwise the database cache whose table ``migrate`` creates.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
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


SUBMIT = """
import django, json
django.setup()
from django.test import Client
from tests.adhesion.helpers import VALID_ANSWERS, make_form_page, make_home
from wagtail_community_matching.models import AdhesionSubmission
try:
    from django_tasks_db.models import DBTaskResult
except ImportError:  # django-tasks before 0.12 (Wagtail 7.0) carries the backend
    from django_tasks.backends.database.models import DBTaskResult

page = make_form_page(make_home())
client = Client(HTTP_HOST="rete.example.org", raise_request_exception=False)
response = client.post(page.url, VALID_ANSWERS, secure=True)
print(json.dumps({
    "status": response.status_code,
    "stored": AdhesionSubmission.objects.count(),
    "queued": DBTaskResult.objects.filter(
        task_path__startswith="wagtail_community_matching.adhesion.",
        status__in=["READY", "NEW"],  # waiting (django-tasks 0.12 / before)
    ).count(),
}))
"""


def run(args, tmp_path: Path, background: bool = False, **env):
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
    if "REDIS_URL" not in env:
        environment.pop("REDIS_URL", None)
    environment["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(EXAMPLE)])
    if background:
        return subprocess.Popen(
            [sys.executable, *args],
            cwd=EXAMPLE,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
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

    # The task worker: an application is stored and answered while it is stopped; its
    # mails go out once the worker runs.
    mail_dir = tmp_path / "mail"
    mail_env = {
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    submitted = run(["-c", SUBMIT], tmp_path, **mail_env)
    assert submitted.returncode == 0, submitted.stdout + submitted.stderr
    answer = json.loads(submitted.stdout.strip().splitlines()[-1])
    assert answer["status"] in (200, 302, 303)
    assert answer["stored"] == 1
    assert answer["queued"] >= 2  # the applicant's confirmation and the staff notice
    assert not mail_dir.exists() or not any(mail_dir.iterdir())  # no worker: no mail yet

    worker = run(
        ["manage.py", "db_worker", "--no-startup-delay", "--interval", "0.2", "--no-reload"],
        tmp_path,
        background=True,
        **mail_env,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            sent = (
                "".join(p.read_text() for p in mail_dir.glob("*.log")) if mail_dir.exists() else ""
            )
            if "Subject: Abbiamo ricevuto la domanda" in sent and "staff@rete.example" in sent:
                break
            assert worker.poll() is None, worker.stdout.read()
            time.sleep(0.2)
        else:
            pytest.fail(f"No confirmation mail within 60 s: {sent!r}")
        assert "referente@parma.example" in sent
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
