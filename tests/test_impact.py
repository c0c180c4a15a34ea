"""Impact data: indicator catalogue, value validation, reports, aggregation and suppression."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation
from wagtail.models import Locale

from wagtail_community_matching.charts import ChartItem, bar_chart, format_value
from wagtail_community_matching.checks import check_settings
from wagtail_community_matching.impact.aggregation import impact_data, published_aggregates
from wagtail_community_matching.impact.catalogue import DEFAULT_INDICATORS, seed_indicators
from wagtail_community_matching.impact.periods import Period, due_period, open_periods
from wagtail_community_matching.impact.validation import validate_indicator_value
from wagtail_community_matching.models import ImpactReport, ImpactValue, Indicator

from .impact_factories import bulk_members, bulk_reports, indicators, make_member, make_report

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


# -- Periods and validation ----------------------------------------------------------------


def test_periods_parse_sort_and_label():
    assert Period.parse("2025") == Period(2025)
    assert Period.parse("2025-H2") == Period(2025, 2)
    for bad in ["", "25", "2025-H3", "abcd", "1999", "2025-h1x", None, "9999"]:
        assert Period.parse(bad) is None
    assert sorted([Period(2025, 2), Period(2024), Period(2025, 1)]) == [
        Period(2024),
        Period(2025, 1),
        Period(2025, 2),
    ]
    assert Period(2025, 1).end == datetime.date(2025, 6, 30)
    assert Period(2025, 1).previous() == Period(2024, 2)


def test_due_period_is_the_last_complete_one():
    assert due_period(datetime.date(2026, 3, 1)) == Period(2025)
    assert open_periods(datetime.date(2026, 3, 1)) == [Period(2025), Period(2024), Period(2023)]
    with override_settings(WAGTAIL_COMMUNITY_MATCHING={"IMPACT_PERIOD": "half-year"}):
        assert due_period(datetime.date(2026, 3, 1)) == Period(2025, 2)
        assert due_period(datetime.date(2026, 8, 1)) == Period(2026, 1)


@pytest.mark.parametrize(
    ("kind", "value", "code"),
    [
        ("count", "-1", "negative"),
        ("count", "2.5", "not_whole"),
        ("percentage", "100.5", "percentage_range"),
        ("percentage", "-3", "negative"),
        ("duration", "-0.5", "negative"),
        ("duration", "abc", "invalid"),
        ("count", "NaN", "invalid"),
        ("count", "Infinity", "invalid"),
        ("count", "1e20", "too_large"),
        ("duration", "6.125", "decimal_places"),
    ],
)
def test_values_are_validated_by_kind(kind, value, code):
    with pytest.raises(ValidationError) as error:
        validate_indicator_value(kind, value)
    assert error.value.code == code


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("count", "0"),
        ("count", "1500"),
        ("percentage", "100"),
        ("percentage", "84.5"),
        ("duration", "6.5"),
    ],
)
def test_good_values_pass(kind, value):
    assert validate_indicator_value(kind, value) == Decimal(value)


def test_impact_value_clean_uses_the_indicator_kind():
    catalogue = indicators()
    report = ImpactReport.objects.create(member=make_member(), year=2025)
    value = ImpactValue(report=report, indicator=catalogue["outcome-housing"], value=Decimal(101))
    with pytest.raises(ValidationError) as error:
        value.full_clean()
    assert "value" in error.value.message_dict


# -- Catalogue -----------------------------------------------------------------------------


def test_seed_creates_the_catalogue_with_translations_and_is_idempotent():
    created, translated = seed_indicators()
    assert created == len(DEFAULT_INDICATORS)
    assert translated == len(DEFAULT_INDICATORS)  # English, next to the default Italian
    assert seed_indicators() == (0, 0)
    codes = set(Indicator.objects.values_list("code", flat=True))
    assert {
        "matches-started",
        "matches-active",
        "matches-closed",
        "volunteers-trained",
        "people-reached",
        "cities",
        "outcome-orientation",
        "outcome-language",
        "outcome-housing",
        "outcome-work",
    } <= codes
    housing = Indicator.objects.get(code="outcome-housing", locale=Locale.get_default())
    assert housing.weighted_by.code == "matches-closed"
    english = Indicator.objects.get(code="outcome-housing", locale__language_code="en")
    assert english.translation_key == housing.translation_key
    assert english.name == "Found housing"


def test_seed_leaves_edited_indicators_alone():
    seed_indicators()
    indicator = Indicator.objects.get(code="cities", locale=Locale.get_default())
    indicator.name = "Comuni coinvolti"
    indicator.save()
    seed_indicators()
    indicator.refresh_from_db()
    assert indicator.name == "Comuni coinvolti"


def test_translations_share_kind_and_code():
    catalogue = indicators()
    cities = catalogue["cities"]
    cities.published = False
    cities.sort_order = 999
    cities.save()
    english = Indicator.objects.get(
        translation_key=cities.translation_key, locale__language_code="en"
    )
    assert (english.published, english.sort_order) == (False, 999)


def test_indicator_clean_rejects_bad_weights_dates_and_codes():
    catalogue = indicators()
    housing = catalogue["outcome-housing"]
    housing.weighted_by = catalogue["outcome-work"]
    housing.active_from = datetime.date(2025, 1, 1)
    housing.active_to = datetime.date(2024, 1, 1)
    with pytest.raises(ValidationError) as error:
        housing.full_clean()
    assert {"weighted_by", "active_to"} <= set(error.value.message_dict)
    duplicate = Indicator(name="Other", code="cities", kind="count", locale=Locale.get_default())
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "code" in error.value.message_dict
    count = catalogue["matches-started"]
    count.weighted_by = catalogue["matches-closed"]
    with pytest.raises(ValidationError) as error:
        count.full_clean()
    assert "weighted_by" in error.value.message_dict


def test_active_during_filters_by_dates():
    catalogue = indicators()
    old = catalogue["cities"]
    old.active_to = datetime.date(2023, 12, 31)
    old.save()
    active = Indicator.objects.active_during(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    assert not active.filter(pk=old.pk).exists()
    assert active.filter(pk=catalogue["matches-started"].pk).exists()


# -- Reports -------------------------------------------------------------------------------


def test_one_report_per_member_and_period():
    member = make_member()
    ImpactReport.objects.create(member=member, year=2025)
    with pytest.raises(IntegrityError), transaction.atomic():
        ImpactReport.objects.create(member=member, year=2025)
    ImpactReport.objects.create(member=member, year=2025, half=1)  # another period


def test_one_report_per_member_across_its_translations():
    member = make_member()
    english = member.copy_for_translation(Locale.objects.get_or_create(language_code="en")[0])
    english.save()
    ImpactReport.objects.create(member=member, year=2025)
    duplicate = ImpactReport(member=english, year=2025)
    with pytest.raises(ValidationError, match="already has a report"):
        duplicate.full_clean()


def test_only_validated_reports_count():
    indicators()
    members = [make_member(f"Ente {n}") for n in range(6)]
    for member in members[:5]:
        make_report(member, 2025, {"matches-started": 10})
    make_report(members[5], 2025, {"matches-started": 1000}, status="submitted")
    data = impact_data()
    assert data.totals["matches-started"]["2025"].value == 50
    assert data.totals["matches-started"]["2025"].members == 5


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
    with pytest.raises(ValueError, match="no published figures"):
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


# -- Settings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user_settings", "error_id"),
    [
        ({"IMPACT_SUPPRESSION_THRESHOLD": 0}, "wagtail_community_matching.E081"),
        ({"IMPACT_SUPPRESSION_THRESHOLD": "5"}, "wagtail_community_matching.E081"),
        ({"IMPACT_SUPPRESSION_THRESHOLD": True}, "wagtail_community_matching.E081"),
        ({"IMPACT_REPORT_LINK_MAX_AGE_DAYS": -1}, "wagtail_community_matching.E082"),
        ({"IMPACT_REPORT_LINK_MAX_AGE_DAYS": 1.5}, "wagtail_community_matching.E082"),
        ({"IMPACT_PERIOD": "quarter"}, "wagtail_community_matching.E083"),
    ],
)
def test_bad_impact_settings_have_clear_errors(user_settings, error_id):
    with override_settings(WAGTAIL_COMMUNITY_MATCHING=user_settings):
        errors = check_settings()
    assert [error.id for error in errors] == [error_id]
    assert list(user_settings)[0] in errors[0].msg


def test_impact_settings_defaults_pass():
    with override_settings(
        WAGTAIL_COMMUNITY_MATCHING={
            "IMPACT_SUPPRESSION_THRESHOLD": 10,
            "IMPACT_REPORT_LINK_MAX_AGE_DAYS": 30,
            "IMPACT_PERIOD": "half-year",
        }
    ):
        assert check_settings() == []
