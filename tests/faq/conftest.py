"""Fixtures of the FAQ tests (``home``, the site's root page, comes from tests/conftest.py)."""

from __future__ import annotations

import pytest
from django.utils import translation


@pytest.fixture
def english():
    from wagtail.models import Locale

    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def _english_messages():
    """Messages are checked in English, whatever the catalogues compiled for Italian say.

    Modules that check messages use it for every test:
    ``pytestmark = [..., pytest.mark.usefixtures("_english_messages")]``.
    """
    with translation.override("en"):
        yield
