"""The JSON API's busiest answers at realistic sizes: a page of 100 members out of 500,
100 event dates out of 500, and one application sent as JSON."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from tests.adhesion.helpers import VALID_ANSWERS, make_form_page, make_home
from tests.events.factories import make_event, make_index, soon
from tests.members.factories import bulk_members, make_directory

from .conftest import peak_memory_kib

pytestmark = pytest.mark.django_db

API = "/api/community-matching/"
#: Median times on the CI machine, with room to spare.
TARGET_LIST_SECONDS = 0.15
TARGET_SUBMIT_SECONDS = 0.15
TARGET_PEAK_KIB = 6 * 1024


def test_member_list(benchmark, client):
    make_directory()
    bulk_members(20, prefix="Aaa", logos=True)
    bulk_members(480, logos=False)
    url = API + "members/?limit=100"
    assert client.get(url).status_code == 200  # renditions made once

    benchmark(lambda: client.get(url))

    assert benchmark.stats["median"] < TARGET_LIST_SECONDS
    assert peak_memory_kib(lambda: client.get(url)) < TARGET_PEAK_KIB


def test_event_dates(benchmark, client, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"EVENT_RECURRENCE_HORIZON_DAYS": 600}
    make_event(make_index(), "Serie", start=soon(1), recurrence_rule="FREQ=DAILY;COUNT=500")
    url = API + "events/?limit=100"
    assert len(client.get(url).json()["items"]) == 100

    benchmark(lambda: client.get(url))

    assert benchmark.stats["median"] < TARGET_LIST_SECONDS
    assert peak_memory_kib(lambda: client.get(url)) < TARGET_PEAK_KIB


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
