"""Collect these tests only under ``tests.settings_custom_page``.

The default test settings install ``wagtail_community_matching.pages`` on
Wagtail's own ``Page``; these tests need the swapped page model of
``tests.settings_custom_page``, so under any other settings they are not
collected at all. The fixtures of ``tests/conftest.py`` apply here as well.
"""

from __future__ import annotations

import pytest
import swapper
from django.conf import settings

if not (settings.configured and getattr(settings, "CUSTOM_BASE_PAGE_TESTS", False)):
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture
def base_page_model():
    """The model named by ``WAGTAIL_PAGE_MODEL`` (``custom_base.BasePage``)."""
    return swapper.load_model("wagtailcore", "Page")


@pytest.fixture
def site_root(base_page_model):
    """The default site's root page: the home page Wagtail's migrations create."""
    from wagtail.models import Site

    root = Site.objects.get(is_default_site=True).root_page
    assert type(root) is base_page_model
    return root
