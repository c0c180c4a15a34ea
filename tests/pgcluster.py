"""Run a command against a throwaway PostgreSQL cluster.

    python -m tests.pgcluster pytest -q

initialises a cluster in a temporary folder from the machine's PostgreSQL server
binaries, starts it on a free loopback port, runs the command with
``DATABASE_URL`` pointing at it, then stops the cluster and removes the folder.

Without server binaries the command is not run: outside CI that is reported
loudly and exits 0 (skipped); with ``CI=true`` it is a failure (exit 3).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

SKIP_BANNER = "=" * 70


def find_bindir() -> Path | None:
    """The newest PostgreSQL server binaries folder on this machine."""
    candidates = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")]
    found = shutil.which("initdb")
    if found:
        candidates.append(Path(found).parent)
    candidates = [c for c in candidates if (c / "pg_ctl").exists()]
    if not candidates:
        return None

    def version(path: Path) -> float:
        try:
            return float(path.parent.name)
        except ValueError:
            return 0.0

    return max(candidates, key=version)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_user() -> list[str]:
    """Prefix to run server binaries as a non-root user (initdb refuses root)."""
    if os.geteuid() != 0:
        return []
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"]
    raise RuntimeError("Running as root and no 'postgres' or 'nobody' user to run PostgreSQL.")


@contextlib.contextmanager
def cluster() -> Iterator[str]:
    """Start a throwaway cluster; yield its ``DATABASE_URL``; stop and remove it."""
    bindir = find_bindir()
    if bindir is None:
        raise FileNotFoundError("PostgreSQL server binaries (initdb, pg_ctl) not found")
    prefix = _as_user()
    base = Path(tempfile.mkdtemp(prefix="cm-pg-"))
    data, log = base / "data", base / "server.log"
    if prefix:
        shutil.chown(base, user=prefix[2])
    port = free_port()
    try:
        subprocess.run(
            [
                *prefix,
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = (
            f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        )
        subprocess.run(
            [
                *prefix,
                str(bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-o",
                options,
                "-w",
                "start",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        try:
            yield f"postgres://postgres@127.0.0.1:{port}/postgres"
        finally:
            subprocess.run(
                [*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                check=False,
                stdout=subprocess.DEVNULL,
            )
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m tests.pgcluster COMMAND [ARGS...]", file=sys.stderr)
        return 2
    in_ci = os.environ.get("CI", "").lower() == "true"
    try:
        manager = cluster()
        url = manager.__enter__()
    except (FileNotFoundError, RuntimeError, subprocess.CalledProcessError) as error:
        print(f"{SKIP_BANNER}\nPostgreSQL run SKIPPED: {error}\n{SKIP_BANNER}", file=sys.stderr)
        return 3 if in_ci else 0
    try:
        print(f"PostgreSQL cluster ready at {url}", file=sys.stderr)
        env = {**os.environ, "DATABASE_URL": url}
        return subprocess.run(argv, env=env, check=False).returncode
    finally:
        manager.__exit__(None, None, None)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
