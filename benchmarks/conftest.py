"""Benchmarks: speed and memory of public pages at realistic sizes (`make bench`).

They reuse the test settings and builders. Targets are checked here, never in the
test suite: a benchmark fails when its median time or peak memory passes its
target, so a regression is visible without making the tests timing-dependent.
"""

from __future__ import annotations

import tracemalloc

import pytest


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def peak_memory_kib(function) -> float:
    """Peak memory allocated by Python while ``function`` runs, in KiB."""
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1] / 1024
    finally:
        tracemalloc.stop()
