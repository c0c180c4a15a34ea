"""Impact data: periods, value validation, the indicator catalogue, reports and settings."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test.utils import override_settings
from django.utils import translation
from wagtail.models import Locale

from wagtail_community_matching.checks import check_settings
from wagtail_community_matching.impact.aggregation import impact_data
from wagtail_community_matching.impact.catalogue import DEFAULT_INDICATORS, seed_indicators
from wagtail_community_matching.impact.periods import Period, due_period, open_periods
from wagtail_community_matching.impact.validation import validate_indicator_value
from wagtail_community_matching.models import ImpactReport, ImpactValue, Indicator

from .factories import indicators, make_member, make_report

pytestmark = pytest.mark.django_db

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
    with translation.override("en"), pytest.raises(ValidationError, match="already has a report"):
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
