"""Fixtures of the member tests."""

from __future__ import annotations

import pytest

from .factories import make_directory


@pytest.fixture
def directory():
    """A member directory page under a network home page."""
    return make_directory()
