"""Fixtures of the impact tests."""

from __future__ import annotations

import pytest

from .factories import indicators, make_impact_page


@pytest.fixture
def page():
    """An impact page, with the default indicator catalogue seeded."""
    indicators()
    return make_impact_page()
