"""Aggregation of validated reports: totals, weights, breakdowns, suppression, query counts."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation
from wagtail.models import Locale

from wagtail_community_matching.impact.aggregation import impact_data, published_aggregates
from wagtail_community_matching.impact.charts import ChartItem, bar_chart, format_value
from wagtail_community_matching.impact.periods import Period
from wagtail_community_matching.models import ImpactReport

from .factories import bulk_members, bulk_reports, indicators, make_member, make_report, t

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


def published(data) -> dict[str, list[str]]:
    """The non-empty breakdowns of ``data``: level -> group keys."""
    return {level: [g.key for g in groups] for level, groups in data.breakdowns.items() if groups}


def test_breakdowns_by_region_and_kind():
    network(20, regions=["lombardia", "lazio"], matches_started=10)
    data = impact_data()
    regions = {g.key: g.cells["matches-started"] for g in data.breakdowns["region"]}
    assert regions["lombardia"].value == regions["lazio"].value == 100
    kinds = {g.key: g.cells["matches-started"].members for g in data.breakdowns["kind"]}
    assert kinds == {"municipality": 10, "association": 10}
    # Kinds and sectors both show two groups here: the finer level wins, and the
    # coarser one is not published beside it.
    assert data.levels == {"geography": "region", "member_type": "kind"}
    assert published(data) == {
        "region": ["lazio", "lombardia"],
        "kind": ["association", "municipality"],
    }


def test_small_regions_group_into_broad_areas():
    """Three members in each of four regions: no region, no macro-area has five."""
    network(12, regions=["lombardia", "veneto", "lazio", "sicilia"], matches_started=10)
    data = impact_data()
    assert data.levels["geography"] == "area"
    areas = {g.key: g.cells["matches-started"] for g in data.breakdowns["area"]}
    assert list(areas) == ["north", "other"]
    assert areas["north"].value == 60 and areas["north"].members == 6
    # Centre (3) and the south (3) have too few members alone: together, 6.
    assert areas["other"].value == 60 and areas["other"].members == 6
    assert not any(cell.suppressed for cell in areas.values())
    with translation.override("en"):
        labels = [g.label for g in impact_data().breakdowns["area"]]
    assert labels == ["North", "Other areas"]


def test_macro_areas_when_they_show_more_groups_than_regions_or_broad_areas():
    regions = ["lombardia", "piemonte", "veneto", "emilia-romagna", "lazio", "toscana"]
    network(18, regions=regions, matches_started=10)
    data = impact_data()
    # Regions have 3 members each (none shown); macro-areas 6 each (three shown);
    # broad areas would show two (North 12, Centre 6).
    assert data.levels["geography"] == "macro_area"
    assert published(data)["macro_area"] == ["north-west", "north-east", "centre"]
    assert data.breakdowns["region"] == data.breakdowns["area"] == []


def test_a_region_with_enough_members_is_named_and_small_ones_join_other():
    network(15, regions=["lombardia", "lombardia", "lazio"], matches_started=10)
    indicators()
    for number in range(6):
        member = make_member(
            f"Piccolo {number}", region=["sicilia", "puglia", "umbria"][number % 3]
        )
        make_report(member, 2025, {"matches-started": 10})
    data = impact_data()
    # Lombardy 10, Lazio 5, Umbria, Puglia and Sicily 2 each: "Other regions" holds 6.
    assert data.levels["geography"] == "region"
    groups = {g.key: g for g in data.breakdowns["region"]}
    assert list(groups) == ["lazio", "lombardia", "other"]
    assert groups["other"].label == t("Other regions")
    assert groups["other"].cells["matches-started"].members == 6
    assert groups["lazio"].cells["matches-started"].members == 5


def test_a_breakdown_with_nothing_to_show_is_omitted():
    """Nine members, all municipalities in Lombardy: no breakdown has two groups."""
    indicators()
    for number in range(9):
        make_report(make_member(f"Comune {number}"), 2025, {"matches-started": 10})
    data = impact_data()
    assert data.levels == {"geography": None, "member_type": None}
    assert published(data) == {}
    assert data.totals["matches-started"]["2025"].value == 90


def test_each_level_is_chosen_per_period():
    indicators()
    for number in range(10):
        member = make_member(f"Ente {number}", region=["lombardia", "lazio"][number % 2])
        make_report(member, 2025, {"matches-started": 10})
        if number < 6:
            make_report(member, 2024, {"matches-started": 10})
    # 2024: Lombardy 3, Lazio 3, North 3, Centre 3: nothing to show.
    assert impact_data(period_key="2024").levels["geography"] is None
    assert impact_data(period_key="2025").levels["geography"] == "region"


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
    """Sicily has one member: it is never shown alone, nor found by subtraction."""
    network(10, regions=["lombardia", "lazio"], matches_started=10)
    indicators()
    lonely = make_member("Comune di Palermo", region="sicilia", city="Palermo")
    make_report(lonely, 2025, {"matches-started": 37})
    data = impact_data()
    total = data.totals["matches-started"]["2025"]
    assert total.value == 137  # the network total is published
    for level, groups in data.breakdowns.items():
        keys = [g.key for g in groups]
        assert "sicilia" not in keys and "islands" not in keys, level
        for group in groups:
            cell = group.cells["matches-started"]
            assert cell.suppressed or cell.members >= 5
        shown = [g.cells["matches-started"].value for g in groups]
        if groups:  # every group shown: subtracting any of them leaves at least five members
            assert None not in shown and sum(shown) == 137 and 37 not in shown
    # Lombardy (5) is named; Lazio (5) joins Sicily in "Other regions" (6), since
    # "other" alone would have had one member.
    assert [g.key for g in data.breakdowns["region"]] == ["lombardia", "other"]
    assert "'value': 37," not in str(data.as_dict())
    assert "Palermo" not in str(data.as_dict())


def test_complementary_suppression_still_applies_inside_merged_groups():
    """Both regions have five members, but only one Lazio member reports housing found."""
    indicators()
    outcomes = {"matches-started": 10, "matches-closed": 8, "outcome-housing": 30}
    for number in range(5):
        make_report(make_member(f"Lombardo {number}"), 2025, outcomes)
    make_report(make_member("Laziale 0", region="lazio"), 2025, outcomes)
    for number in range(1, 5):
        make_report(make_member(f"Laziale {number}", region="lazio"), 2025, {"matches-started": 10})
    data = impact_data()
    assert data.levels["geography"] == "region"
    housing = {g.key: g.cells["outcome-housing"] for g in data.breakdowns["region"]}
    started = {g.key: g.cells["matches-started"] for g in data.breakdowns["region"]}
    assert data.totals["outcome-housing"]["2025"].value == Decimal("30.0")
    # Lazio's housing figure comes from one member: hidden, and Lombardy's with it,
    # since the network's figure is shown.
    assert housing["lazio"].suppressed and housing["lombardia"].suppressed
    assert started["lazio"].value == started["lombardia"].value == 50


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
    assert [row.percent for row in chart.rows] == [50.0, 100.0, 0.0]
    assert chart.has_suppressed
    assert chart.description == "Bar chart. 2023: 50; 2024: 100; 2025: suppressed."


def test_chart_labels_wrap_and_are_never_cut():
    label = "Persone volontarie che hanno completato la formazione preparatoria nel periodo"
    chart = bar_chart(
        "c", "T", [ChartItem(label, Decimal(3))], label_heading="L", value_heading="V"
    )
    html = render_to_string("wagtail_community_matching/impact/bar_chart.html", {"chart": chart})
    assert f'<span class="cm-chart__label">{label}</span>' in html
    assert "…" not in html
