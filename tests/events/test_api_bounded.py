"""An event's dates in the pages APIs are bounded: the first ones, soonest first; the
occurrences endpoint pages the others."""

from __future__ import annotations

import pytest
from django.conf import settings

from wagtail_community_matching.events.serializers import MAX_LISTED_OCCURRENCES

from .factories import make_event, soon

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("dates", [MAX_LISTED_OCCURRENCES, MAX_LISTED_OCCURRENCES + 1])
def test_an_event_page_lists_its_first_dates_only(client, index, dates):
    event = make_event(index, "Serie", start=soon(1), recurrence_rule=f"FREQ=DAILY;COUNT={dates}")
    listed = client.get(f"/api/v2/pages/{event.pk}/").json()["upcoming_occurrences"]
    assert len(listed) == MAX_LISTED_OCCURRENCES
    starts = [occurrence["start"] for occurrence in listed]
    assert starts == sorted(starts)
    paged = client.get("/api/v2/event_occurrences/", {"event": event.pk}).json()
    assert paged["meta"]["total_count"] == dates
    if settings.WAGTAIL_8:
        v3 = client.get(f"/api/v3/pages/{event.pk}/").json()["upcoming_occurrences"]
        assert [occurrence["start"] for occurrence in v3] == starts
