"""The production topology on loopback: ``make stack`` (``python -m tests.stack.run``).

Starts, each on a free 127.0.0.1 port and in temporary folders:

* a PostgreSQL cluster (:mod:`tests.pgcluster`), migrated, with the demo loaded;
* Redis (:mod:`tests.services.redis`), the shared cache and rate-limit counters;
* gunicorn with 4 workers on the example site's production settings
  (:mod:`tests.stack.settings`: production's, over plain HTTP);
* the django-tasks worker (``manage.py db_worker``), which sends the mails into a folder;
* Varnish in front of gunicorn (:mod:`tests.services.varnish`), purged by the app
  servers on publish (``CM_VARNISH_URL``);
* the S3-compatible object store (:mod:`tests.services.s3`) with a public media bucket
  and a private uploads bucket (the production settings' ``CM_S3_*`` variables).

prints the URLs, and on Ctrl-C or SIGTERM stops every process it started, by its id.
``stack()`` is the same as a context manager, for ``make loadtest`` and the smoke test.

    python -m tests.stack.run [--members N] [--events N] [--workers N]
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.pgcluster import cluster, find_bindir, free_port
from tests.services.redis import find_binary as find_redis
from tests.services.redis import redis_server

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "example_site"
PYTHON = sys.executable
SETTINGS = "tests.stack.settings"


@dataclass
class Stack:
    """What ``stack()`` started: where to reach it, and the environment of its processes."""

    app_url: str  # gunicorn, direct
    proxy_url: str  # Varnish in front of gunicorn ("" without Varnish)
    database_url: str
    redis_url: str
    s3_url: str
    mail_dir: Path
    env: dict[str, str]
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def manage(self, *args: str, timeout: float = 900) -> subprocess.CompletedProcess:
        """``manage.py ARGS`` with the stack's settings; raises if it fails."""
        return run_checked([PYTHON, "manage.py", *args], self.env, timeout)

    def python(self, *args: str, timeout: float = 300) -> str:
        """``python ARGS`` with the stack's settings; its standard output."""
        return run_checked([PYTHON, *args], self.env, timeout).stdout


def run_checked(command, env, timeout) -> subprocess.CompletedProcess:
    result = subprocess.run(
        command, cwd=EXAMPLE, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result


def gunicorn_options() -> list[str]:
    """``--no-control-socket`` where gunicorn has one (27 and later): by default it opens
    it at one path in the home folder, shared by every instance on the machine."""
    from gunicorn.config import KNOWN_SETTINGS

    flags = {flag for setting in KNOWN_SETTINGS for flag in (setting.cli or [])}
    return ["--no-control-socket"] if "--no-control-socket" in flags else []


def missing_services() -> list[str]:
    """The server binaries the stack needs that this machine lacks."""
    missing = []
    if find_bindir() is None:
        missing.append("PostgreSQL server binaries (initdb, pg_ctl)")
    if find_redis() is None:
        missing.append("redis-server (Debian package redis-server)")
    if importlib.util.find_spec("gunicorn") is None:
        missing.append("gunicorn (PyPI)")
    return missing


def wait_for_http(url: str, process: subprocess.Popen | None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
                response.read()
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            pass
        if process is not None and process.poll() is not None:
            tail = ""
            if getattr(process, "log_path", None):
                tail = Path(process.log_path).read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{url}: the process exited ({process.returncode}):\n{tail}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer within {timeout} s")
        time.sleep(0.2)


@contextlib.contextmanager
def started(name: str, command: list[str], env, log_dir: Path, registry: dict) -> Iterator:
    """Start ``command``; stop it by its process id (SIGTERM, then SIGKILL) on exit."""
    log = open(log_dir / f"{name}.log", "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(command, cwd=EXAMPLE, env=env, stdout=log, stderr=subprocess.STDOUT)
    process.log_path = log_dir / f"{name}.log"
    registry[name] = process
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()
        registry.pop(name, None)


MEDIA_BUCKET, PRIVATE_BUCKET = "cm-stack-media", "cm-stack-private"


@contextlib.contextmanager
def s3_server_with_buckets() -> Iterator[str]:
    """The S3-compatible server of :mod:`tests.services.s3` with the stack's two buckets."""
    import boto3

    from tests.services.s3 import ACCESS_KEY, REGION, SECRET_KEY, s3_server

    with s3_server() as endpoint:
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        )
        for bucket in (MEDIA_BUCKET, PRIVATE_BUCKET):
            client.create_bucket(
                Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION}
            )
        yield endpoint


def s3_environment(endpoint: str) -> dict[str, str]:
    """The production settings' ``CM_S3_*`` variables for the local store."""
    from tests.services.s3 import ACCESS_KEY, REGION, SECRET_KEY

    return {
        "CM_S3_ENDPOINT_URL": endpoint,
        "CM_S3_REGION": REGION,
        "CM_S3_MEDIA_BUCKET": MEDIA_BUCKET,
        "CM_S3_PRIVATE_BUCKET": PRIVATE_BUCKET,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
    }


@contextlib.contextmanager
def stack(
    *,
    members: int = 200,
    events: int = 20,
    workers: int = 4,
    varnish: bool = True,
    s3: bool = True,
    extra_env: dict[str, str] | None = None,
    log=print,
) -> Iterator[Stack]:
    """Start the topology (see the module's docstring); yield a :class:`Stack`; stop it."""
    base = Path(tempfile.mkdtemp(prefix="cm-stack-"))
    logs, mail_dir = base / "logs", base / "mail"
    logs.mkdir()
    mail_dir.mkdir()
    try:
        with contextlib.ExitStack() as services:
            started_at = time.monotonic()
            database_url = services.enter_context(cluster())
            redis_url = services.enter_context(redis_server())
            s3_url, s3_env = "", {}
            if s3 and importlib.util.find_spec("tests.services.s3"):
                s3_url = services.enter_context(s3_server_with_buckets())
                s3_env = s3_environment(s3_url)
            port = free_port()
            proxy_url = ""
            if varnish:
                # Started first, so that the app servers know where to send purges.
                from tests.services.varnish import varnish as varnish_server

                host, proxy_port = services.enter_context(varnish_server([("127.0.0.1", port)]))
                proxy_url = f"http://{host}:{proxy_port}"
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": SETTINGS,
                "PYTHONPATH": os.pathsep.join([str(ROOT), str(EXAMPLE)]),
                "DATABASE_URL": database_url,
                "REDIS_URL": redis_url,
                "SECRET_KEY": secrets.token_urlsafe(48),
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "MEDIA_ROOT": str(base / "media"),
                "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "EMAIL_FILE_PATH": str(mail_dir),
                "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
                **({"CM_VARNISH_URL": proxy_url} if proxy_url else {}),
                **s3_env,
                **(extra_env or {}),
            }
            env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
            processes: dict[str, subprocess.Popen] = {}
            the_stack = Stack(
                app_url=f"http://127.0.0.1:{port}",
                proxy_url=proxy_url,
                database_url=database_url,
                redis_url=redis_url,
                s3_url=s3_url,
                mail_dir=mail_dir,
                env=env,
                processes=processes,
            )
            log(f"PostgreSQL {database_url}, Redis {redis_url}; migrating...")
            the_stack.manage("migrate", "--noinput")
            log(
                f"Migrated in {time.monotonic() - started_at:.0f} s; loading the demo "
                f"({members} members, {events} events)..."
            )
            the_stack.manage(
                "load_community_matching_demo",
                "--members",
                str(members),
                "--events",
                str(events),
                "--no-superuser",
            )
            gunicorn = services.enter_context(
                started(
                    "gunicorn",
                    [
                        PYTHON,
                        "-m",
                        "gunicorn",
                        "example_site.wsgi",
                        "--workers",
                        str(workers),
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--timeout",
                        "60",
                        "--graceful-timeout",
                        "5",
                        *gunicorn_options(),
                    ],
                    env,
                    logs,
                    processes,
                )
            )
            services.enter_context(
                started(
                    "worker",
                    [
                        PYTHON,
                        "manage.py",
                        "db_worker",
                        "--no-startup-delay",
                        "--no-reload",
                        "--interval",
                        "0.5",
                    ],
                    env,
                    logs,
                    processes,
                )
            )
            wait_for_http(the_stack.app_url + "/", gunicorn)
            if proxy_url:
                wait_for_http(proxy_url + "/", None)
            log(f"Stack ready in {time.monotonic() - started_at:.0f} s; logs in {logs}")
            yield the_stack
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--events", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args(argv)
    missing = missing_services()
    if missing:
        print("Cannot start the stack, missing: " + "; ".join(missing), file=sys.stderr)
        return 3

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        with stack(members=args.members, events=args.events, workers=args.workers) as running:
            print(f"\nThe site:           {running.proxy_url or running.app_url}/  (Varnish)")
            print(f"App servers direct: {running.app_url}/  ({args.workers} gunicorn workers)")
            print(f"PostgreSQL:         {running.database_url}")
            print(f"Redis:              {running.redis_url}")
            if running.s3_url:
                print(f"Object store (S3):  {running.s3_url}")
            print(f"Mails (files):      {running.mail_dir}")
            print("Ctrl-C stops everything.", flush=True)
            while all(p.poll() is None for p in running.processes.values()):
                time.sleep(1)
            print("A process of the stack exited; stopping.", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        print("\nStopped.")
        return 0


if __name__ == "__main__":
    sys.exit(main())
