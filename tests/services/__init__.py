"""Services of the production topology, started on loopback for tests and ``make stack``.

Each module starts one server from the machine's packages (Debian's ``redis-server``,
``varnishd``; moto's S3-compatible server from PyPI) on a free 127.0.0.1 port in a
temporary folder, yields how to reach it, and stops it by its process id. Without the
server binary, :func:`missing` skips the caller loudly outside CI and fails with
``CI=true``, like :mod:`tests.pgcluster`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

BANNER = "=" * 70


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def missing(what: str) -> None:
    """Skip the calling test (fail under ``CI=true``) because ``what`` is not installed."""
    import pytest

    message = f"{BANNER}\n{what} not found: SKIPPED\n{BANNER}"
    if in_ci():
        pytest.fail(message)
    pytest.skip(message)


@contextlib.contextmanager
def serve(
    name: str, argv: list[str], base: Path, ready: Callable[[], bool], timeout: float
) -> Iterator[subprocess.Popen]:
    """Run ``argv`` in ``base`` until the block ends; stop it by its process id.

    Waits until ``ready()`` is true (or fails with the end of the process's log),
    then yields the process; on exit stops it (terminate, then kill) and removes ``base``.
    """
    log_path = base / f"{name}.log"
    log = open(log_path, "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, cwd=base)
    try:
        deadline = time.monotonic() + timeout
        while not ready():
            if process.poll() is not None:
                raise RuntimeError(
                    f"{name} exited ({process.returncode}): "
                    + log_path.read_text(errors="replace")[-3000:]
                )
            if time.monotonic() > deadline:
                raise RuntimeError(f"{name} was not ready within {timeout} s")
            time.sleep(0.05)
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()
        shutil.rmtree(base, ignore_errors=True)
