"""Benchmarks (`make bench`, `make bench-postgres`), run under ``benchmarks.settings``.

They reuse the test settings and builders. Targets are checked here, never in the
test suite: a benchmark fails when a ratio to the plain page (``test_ratios.py``) or
a median time passes its target, so a regression is visible without making the tests
timing-dependent.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
