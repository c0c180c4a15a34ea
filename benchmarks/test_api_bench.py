"""One application sent as JSON to the JSON API (an absolute target: the member list and
the event pages are measured against a plain page in ``test_ratios.py``)."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from tests.adhesion.helpers import VALID_ANSWERS, make_form_page, make_home

pytestmark = pytest.mark.django_db

API = "/api/community-matching/"
#: Median times on the CI machine, with room to spare.
TARGET_SUBMIT_SECONDS = 0.15


def test_json_application(benchmark, client, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADHESION_RATE_LIMIT": "100000/h"}
    cache.clear()
    page = make_form_page(make_home())
    url = f"{API}forms/{page.pk}/submissions/"
    body = json.dumps(VALID_ANSWERS)

    def send():
        response = client.post(url, body, content_type="application/json")
        assert response.status_code == 201

    benchmark(send)

    assert benchmark.stats["median"] < TARGET_SUBMIT_SECONDS
