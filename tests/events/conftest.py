"""Fixtures of the event tests."""

from __future__ import annotations

import pytest

from .factories import make_index


@pytest.fixture
def index():
    """An events index page (``/it/eventi/``) under a network home page."""
    return make_index()
