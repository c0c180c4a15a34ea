"""Aggregation of validated reports: totals, weights, breakdowns, suppression, query counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation
from wagtail.models import Locale

from wagtail_community_matching.impact.aggregation import impact_data, published_aggregates
from wagtail_community_matching.impact.charts import ChartItem, bar_chart, format_value
from wagtail_community_matching.impact.periods import Period
from wagtail_community_matching.models import ImpactReport

from .factories import bulk_members, bulk_reports, indicators, make_member, make_report

pytestmark = pytest.mark.django_db

REGIONS = ["lombardia", "lazio", "piemonte", "emilia-romagna", "campania"]


def network(count=10, regions=REGIONS, years=(2023, 2024, 2025), **values):
    """``count`` members spread over ``regions``, each with validated reports for ``years``."""
    indicators()
    values = values or {"matches_started": 10, "outcome_housing": 30, "matches_closed": 8}
    values = {code.replace("_", "-"): value for code, value in values.items()}
    members = []
    for number in range(count):
        kind = "municipality" if number % 2 else "association"
        member = make_member(f"Ente {number:04d}", region=regions[number % len(regions)], kind=kind)
        members.append(member)
        for year in years:
            make_report(member, year, values)
    return members


# -- Aggregation ---------------------------------------------------------------------------


def test_totals_trends_and_all_periods():
    network(10, matches_started=12, matches_active=7, cities=1)
    data = impact_data()
    assert [p.key for p in data.periods] == ["2023", "2024", "2025"]
    assert data.totals["matches-started"]["2024"].value == 120
    # Flows add up over periods; stocks take the latest period.
    assert data.all_time["matches-started"].value == 360
    assert data.all_time["matches-started"].members == 10
    assert data.all_time["matches-active"].value == 70
    assert data.all_time["cities"].value == 10


def test_percentages_are_weighted_by_their_weight_indicator():
    indicators()
    big = [make_member(f"Grande {n}") for n in range(5)]
    small = [make_member(f"Piccolo {n}") for n in range(5)]
    for member in big:
        make_report(member, 2025, {"matches-closed": 90, "outcome-housing": 40})
    for member in small:
        make_report(member, 2025, {"matches-closed": 10, "outcome-housing": 0})
    data = impact_data()
    # (5 * 90 * 40 + 5 * 10 * 0) / (5 * 90 + 5 * 10) = 36; the plain mean would be 20.
    assert data.totals["outcome-housing"]["2025"].value == Decimal("36.0")


def test_unweighted_mean_for_durations_without_weight():
    catalogue = indicators()
    length = catalogue["match-length"]
    length.weighted_by = None
    length.save()
    indicators_members = [make_member(f"Ente {n}") for n in range(5)]
    for number, member in enumerate(indicators_members):
        make_report(member, 2025, {"match-length": 4 + number})
    assert impact_data().totals["match-length"]["2025"].value == Decimal("6.0")


def test_breakdowns_by_region_sector_and_kind():
    network(20, regions=["lombardia", "lazio"], matches_started=10)
    data = impact_data()
    regions = {g.key: g.cells["matches-started"] for g in data.breakdowns["region"]}
    assert regions["lombardia"].value == regions["lazio"].value == 100
    sectors = {g.key: g.cells["matches-started"].value for g in data.breakdowns["sector"]}
    assert sectors == {"public": 100, "private": 100}
    kinds = {g.key: g.cells["matches-started"].members for g in data.breakdowns["kind"]}
    assert kinds == {"municipality": 10, "association": 10}


def test_regions_group_into_areas():
    network(12, regions=["lombardia", "veneto", "lazio", "sicilia"], matches_started=10)
    data = impact_data()
    areas = {g.key: g.cells["matches-started"] for g in data.breakdowns["area"]}
    assert [g.key for g in data.breakdowns["area"]] == ["north", "centre", "south"]
    assert areas["north"].value == 60 and areas["north"].members == 6
    # Centre and the south have three members each: both suppressed.
    assert areas["centre"].suppressed and areas["south"].suppressed


def test_unpublished_indicators_are_not_aggregated():
    catalogue = indicators()
    network(5, matches_started=10, cities=1)
    catalogue["cities"].published = False
    catalogue["cities"].save()
    data = impact_data()
    assert "cities" not in data.totals
    assert data.indicator("cities") is None


def test_names_follow_the_locale():
    network(5, matches_started=10)
    english = impact_data(locale=Locale.objects.get(language_code="en"))
    assert english.indicator("matches-started").name == "Matches started"


def test_unknown_period_falls_back_with_a_message():
    network(5)
    data = impact_data(period_key="1999")
    assert data.period == Period(2025)
    assert "1999" in data.period_error
    assert impact_data(period_key="2024").period == Period(2024)
    with translation.override("en"), pytest.raises(ValueError, match="no published figures"):
        published_aggregates(period_key="<script>")
    with pytest.raises(ValueError, match="Unknown language"):
        published_aggregates(language_code="xx")


def test_no_reports_no_figures():
    indicators()
    data = impact_data()
    assert not data.has_data
    assert data.period is None
    assert data.as_dict()["periods"] == []


# -- Suppression ---------------------------------------------------------------------------


def test_fewer_members_than_the_threshold_are_suppressed_everywhere():
    network(4, matches_started=50)
    data = impact_data()
    cell = data.totals["matches-started"]["2025"]
    assert cell.suppressed and cell.value is None and cell.members is None
    assert data.all_time["matches-started"].suppressed
    payload = data.as_dict()["indicators"][0]
    assert payload["periods"]["2025"] == {"value": None, "members": None, "suppressed": True}


def test_small_counts_are_suppressed_even_with_many_members():
    indicators()
    for number in range(6):
        make_report(
            make_member(f"Ente {number}"), 2025, {"volunteers-trained": 1 if number < 3 else 0}
        )
    cell = impact_data().totals["volunteers-trained"]["2025"]
    assert cell.suppressed  # three people trained in all


def test_threshold_is_configurable():
    network(4, matches_started=50)
    with override_settings(WAGTAIL_COMMUNITY_MATCHING={"IMPACT_SUPPRESSION_THRESHOLD": 3}):
        assert impact_data().totals["matches-started"]["2025"].value == 200


def test_a_small_region_cannot_be_identified():
    """Sicily has one member: its figure is hidden and cannot be found by subtraction."""
    network(10, regions=["lombardia", "lazio"], matches_started=10)
    indicators()
    lonely = make_member("Comune di Palermo", region="sicilia", city="Palermo")
    make_report(lonely, 2025, {"matches-started": 37})
    data = impact_data()
    total = data.totals["matches-started"]["2025"]
    assert total.value == 137  # the network total is published
    regions = {g.key: g.cells["matches-started"] for g in data.breakdowns["region"]}
    assert regions["sicilia"].suppressed
    shown = [cell.value for cell in regions.values() if not cell.suppressed]
    # Complementary suppression: another region is hidden too, so 137 minus the
    # shown regions is the sum of two regions, never Sicily's own 37.
    assert sum(1 for cell in regions.values() if cell.suppressed) == 2
    assert total.value - sum(shown) != 37
    assert "'value': 37," not in str(data.as_dict())
    assert "Palermo" not in str(data.as_dict())


def test_one_suppressed_period_hides_another_or_the_all_time_sum():
    indicators()
    members = [make_member(f"Ente {n}") for n in range(6)]
    for member in members:
        make_report(member, 2024, {"matches-started": 10})
        make_report(member, 2025, {"matches-started": 10})
    for member in members[:2]:
        make_report(member, 2023, {"matches-started": 3})
    data = impact_data()
    periods = data.totals["matches-started"]
    assert periods["2023"].suppressed
    assert sum(1 for cell in periods.values() if cell.suppressed) == 2
    assert data.all_time["matches-started"].value == 126


# -- Query counts --------------------------------------------------------------------------


def _queries(callable_) -> int:
    with CaptureQueriesContext(connection) as captured:
        callable_()
    return len(captured.captured_queries)


def test_aggregation_runs_in_constant_queries():
    """The same number of queries for 10 reports and for 2,000."""
    indicators()
    values = {"matches-started": 10, "outcome-housing": 30, "matches-closed": 5}
    members = bulk_members(400, regions=REGIONS * 2)
    bulk_reports(members[:10], [2025], values)
    assert ImpactReport.objects.count() == 10
    small = _queries(lambda: impact_data().as_dict())
    bulk_reports(members[10:], [2025], values)
    bulk_reports(members, [2021, 2022, 2023, 2024], values)
    assert ImpactReport.objects.count() == 2000
    large = _queries(lambda: impact_data().as_dict())
    assert small == large == 4  # default locale, indicators, detailed groups, all periods
    data = impact_data()
    assert data.totals["matches-started"]["2025"].value == 4000
    assert data.totals["outcome-housing"]["2021"].value == 30


# -- Charts and formatting -----------------------------------------------------------------


def test_numbers_are_formatted_for_the_language():
    with translation.override("it"):
        assert format_value(Decimal(1500), "count", "matches") == "1.500 matches"
        assert format_value(Decimal("84.5"), "percentage") == "84,5%"
    with translation.override("en"):
        assert format_value(Decimal(1500), "count") == "1,500"
        assert format_value(Decimal("6.0"), "duration", "months") == "6 months"


def test_bar_chart_geometry_and_description():
    items = [
        ChartItem("2023", Decimal(50)),
        ChartItem("2024", Decimal(100)),
        ChartItem("2025", None, suppressed=True),
    ]
    with translation.override("en"):
        chart = bar_chart("c", "Matches", items, label_heading="Period", value_heading="Matches")
    assert chart.rows[1].bar_width == 2 * chart.rows[0].bar_width
    assert chart.rows[2].bar_width == 0
    assert chart.has_suppressed
    assert chart.description == "Bar chart. 2023: 50; 2024: 100; 2025: suppressed."
