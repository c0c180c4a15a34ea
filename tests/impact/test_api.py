"""Impact over the APIs: the JSON API's impact endpoint, Wagtail's API v2 impact endpoint and
the impact page in the pages APIs (v2, v3)."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import resolve
from wagtail.models import Locale

from ..api_helpers import api_get, error_codes
from .factories import bulk_members, bulk_reports, indicators, make_member, make_report, populate

pytestmark = pytest.mark.django_db


# -- JSON API ------------------------------------------------------------------------------


def test_impact_figures_match_the_published_aggregates(client):
    indicators()
    populate(count=8)
    body = api_get(client, "impact/").json()
    assert body["suppression_threshold"] == 5
    assert [p["key"] for p in body["periods"]] == ["2023", "2024", "2025"]
    assert body["period"] == "2025"
    started = next(i for i in body["indicators"] if i["code"] == "matches-started")
    assert started["periods"]["2025"] == {"value": 200, "members": 8, "suppressed": False}
    assert started["all_periods"]["value"] == 600
    # Four members in each of two regions: no breakdown has two groups of five, so
    # every breakdown is empty rather than a list of suppressed groups.
    assert set(started["breakdowns"]) == {"region", "macro_area", "area", "kind", "sector"}
    assert all(groups == [] for groups in started["breakdowns"].values())


def test_impact_period_and_locale(client):
    indicators()
    populate(count=8)
    assert api_get(client, "impact/?period=2024").json()["period"] == "2024"
    english = Locale.objects.get_or_create(language_code="en")[0]
    assert api_get(client, f"impact/?locale={english.language_code}").status_code == 200
    for query, name, status in (
        ("period=1999", "period", 422),
        ("period=%00", "period", 400),  # control characters: refused before any parameter
        ("locale=xx", "locale", 422),
    ):
        response = api_get(client, f"impact/?{query}")
        assert response.status_code == status and list(error_codes(response)) == [name]


def test_impact_without_reports_is_empty_not_an_error(client):
    indicators()
    body = api_get(client, "impact/").json()
    assert body["periods"] == [] and body["period"] is None


@pytest.mark.parametrize("count", [10, 2000])
def test_impact_queries_do_not_grow_with_reports(client, count, django_assert_num_queries):
    indicators()
    members = bulk_members(count // 2, regions=("lombardia", "lazio", "puglia"))
    bulk_reports(members, (2024, 2025), {"matches-started": 3, "volunteers-trained": 2})
    with django_assert_num_queries(IMPACT_QUERIES):
        assert api_get(client, "impact/").status_code == 200


#: The default locale, the indicators, the totals per period and the breakdowns.
IMPACT_QUERIES = 4


# -- Wagtail API v2 and the pages APIs -----------------------------------------------------


def test_api_lists_suppressed_aggregates(client, page):
    populate(10)
    lonely = make_member("Comune di Palermo", region="sicilia")
    make_report(lonely, 2025, {"matches-started": 41})
    response = client.get("/api/v2/impact/")
    assert response.status_code == 200
    body = response.json()
    assert body["meta"]["period"] == "2025" and body["meta"]["suppression_threshold"] == 5
    started = next(item for item in body["items"] if item["code"] == "matches-started")
    assert started["periods"]["2025"] == {"value": 291, "members": 11, "suppressed": False}
    # Sicily's one member is counted in "other" with Lazio, never alone.
    regions = {g["key"]: g for g in started["breakdowns"]["region"]}
    assert set(regions) == {"lombardia", "other"}
    assert regions["other"]["value"] == 166 and regions["other"]["members"] == 6
    detail = client.get("/api/v2/impact/matches-started/", {"locale": "en", "period": "2024"})
    assert detail.status_code == 200 and detail.json()["name"] == "Matches started"


@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/v2/impact/", {"locale": "xx"}, 400),
        ("/api/v2/impact/", {"period": "1999"}, 400),
        ("/api/v2/impact/", {"foo": "1"}, 400),
    ],
)
def test_api_bad_parameters_are_clear(client, page, path, params, status):
    populate(5)
    response = client.get(path, params)
    assert response.status_code == status
    assert response.json()["message"]


def test_api_unknown_indicator_is_a_404(page):
    populate(5)
    match = resolve("/api/v2/impact/no-such-indicator/")
    response = match.func(RequestFactory().get("/api/v2/impact/no-such-indicator/"), **match.kwargs)
    response.render()
    assert response.status_code == 404
    assert "no-such-indicator" in json.loads(response.content)["message"]


def test_impact_page_in_pages_api(client, page):
    populate(6)
    response = client.get(f"/api/v2/pages/{page.pk}/")
    body = response.json()
    assert body["impact"]["periods"][-1]["key"] == "2025"


@pytest.mark.skipif(not settings.WAGTAIL_8, reason="API v3 needs Wagtail 8")
def test_impact_page_in_pages_api_v3(client, page):
    populate(6)
    response = client.get(f"/api/v3/pages/{page.pk}/")
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    impact = body.get("impact") or body.get("fields", {}).get("impact")
    assert impact["periods"][-1]["key"] == "2025"
    started = next(i for i in impact["indicators"] if i["code"] == "matches-started")
    assert started["periods"]["2025"]["value"] == 150
