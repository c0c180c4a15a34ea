"""Services of the production topology, started on loopback for tests and ``make stack``.

Each module starts one server from the machine's packages (Debian's ``redis-server``,
``varnishd``; moto's S3-compatible server from PyPI) on a free 127.0.0.1 port in a
temporary folder, yields how to reach it, and stops it by its process id. Without the
server binary, :func:`missing` skips the caller loudly outside CI and fails with
``CI=true``, like :mod:`tests.pgcluster`.
"""

from __future__ import annotations

import os

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
