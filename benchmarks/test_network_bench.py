"""A network page with every block, rendered repeatedly."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from wagtail.models import Site

from .conftest import peak_memory_kib

pytestmark = pytest.mark.django_db

#: Median render time of the demo home page on the CI machine, with room to spare.
TARGET_MEDIAN_SECONDS = 0.25
TARGET_PEAK_KIB = 8 * 1024


def test_demo_home_page(benchmark, client):
    call_command("load_community_matching_demo", "--no-superuser", verbosity=0)
    url = Site.objects.get(is_default_site=True).root_page.url
    assert client.get(url).status_code == 200

    benchmark(lambda: client.get(url))

    assert benchmark.stats["median"] < TARGET_MEDIAN_SECONDS
    assert peak_memory_kib(lambda: client.get(url)) < TARGET_PEAK_KIB
