"""Small-count suppression at its boundaries (issue 18: the bugs mutation testing found).

Each test fails on one planted bug that the older tests let through: a count of
``threshold - 1`` published, weighted figures checked against every member instead of
those who supplied the weight, averages counting reports instead of members, empty
groups absorbing the complementary suppression, the total left visible.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wagtail_community_matching.impact.aggregation import IndicatorInfo, impact_data
from wagtail_community_matching.impact.suppression import (
    Cell,
    Raw,
    apply_complementary,
    is_small,
    make_cell,
)
from wagtail_community_matching.impact.validation import COUNT, PERCENTAGE

from .factories import indicators, make_member, make_report


def info(kind=COUNT, weighted=False) -> IndicatorInfo:
    return IndicatorInfo(
        key="k",
        code="c",
        name="n",
        unit="",
        kind=kind,
        description="",
        accumulates=kind == COUNT,
        weighted=weighted,
    )


# -- Primary suppression: both sides of the threshold --------------------------------------


@pytest.mark.parametrize("threshold", [2, 3, 5, 10])
def test_members_below_the_threshold_hide_the_figure_and_at_it_show_it(threshold):
    for kind in (COUNT, PERCENTAGE):
        assert is_small(Decimal(100), threshold - 1, kind, threshold)
        assert not is_small(Decimal(100), threshold, kind, threshold)


@pytest.mark.parametrize("threshold", [2, 3, 5, 10])
def test_a_count_of_threshold_minus_one_is_hidden_and_of_threshold_shown(threshold):
    many = threshold + 4
    assert is_small(Decimal(threshold - 1), many, COUNT, threshold)
    assert is_small(Decimal(1), many, COUNT, threshold)
    assert not is_small(Decimal(threshold), many, COUNT, threshold)
    assert not is_small(Decimal(0), many, COUNT, threshold)  # nothing happened: no one to find
    # A small percentage or average is not a count of people: shown.
    assert not is_small(Decimal(threshold - 1), many, PERCENTAGE, threshold)


def test_make_cell_hides_a_count_of_threshold_minus_one():
    raw = Raw(total=Decimal(4), n=8, members=8)
    assert make_cell(raw, info(), 5).suppressed
    shown = make_cell(Raw(total=Decimal(5), n=8, members=8), info(), 5)
    assert (shown.suppressed, shown.value, shown.members) == (False, Decimal(5), 8)


def test_make_cell_hides_four_members_and_shows_five():
    hidden = make_cell(Raw(total=Decimal(40), n=4, members=4), info(), 5)
    assert hidden.suppressed and hidden.value is None and hidden.members is None
    assert make_cell(Raw(total=Decimal(50), n=5, members=5), info(), 5).value == 50


def test_a_weighted_figure_counts_only_the_members_who_supplied_the_weight():
    weighted = info(PERCENTAGE, weighted=True)
    # Ten members reported, three of them with a weight: three people behind the figure.
    raw = Raw(
        total=Decimal(400), n=10, members=10, wsum=Decimal(900), wtotal=Decimal(30), wmembers=3
    )
    assert make_cell(raw, weighted, 5).suppressed
    raw.wmembers = 5
    cell = make_cell(raw, weighted, 5)
    assert (cell.value, cell.members) == (Decimal("30.0"), 5)


def test_an_unweighted_mean_is_the_total_over_the_reports():
    cell = make_cell(Raw(total=Decimal(25), n=6, members=6), info(PERCENTAGE), 5)
    assert cell.value == Decimal("4.2")  # 4.1666... rounded half up
    assert make_cell(Raw(total=Decimal(25), n=6, members=4), info(PERCENTAGE), 5).suppressed


def test_no_reports_no_figure_and_no_suppression_mark():
    for raw in (None, Raw()):
        cell = make_cell(raw, info(), 5)
        assert (cell.value, cell.members, cell.suppressed, cell.has_data) == (None, 0, False, False)


# -- Complementary suppression --------------------------------------------------------------


def shown(value, members) -> Cell:
    return Cell(value=Decimal(value), members=members)


def hidden() -> Cell:
    cell = shown(1, 1)
    cell.suppress()
    return cell


def empty() -> Cell:
    return Cell(value=None, members=0)


def test_one_hidden_cell_hides_the_smallest_shown_one_never_an_empty_group():
    lonely, nothing, big, small = hidden(), empty(), shown(90, 40), shown(12, 6)
    total = shown(140, 47)
    apply_complementary([lonely, nothing, big, small], total)
    assert small.suppressed and not big.suppressed
    assert not nothing.suppressed and nothing.value is None  # an empty group hides nothing
    assert not total.suppressed


def test_the_smallest_by_members_then_by_value():
    a, b, c = shown(10, 7), shown(8, 9), shown(5, 7)
    apply_complementary([hidden(), a, b, c], shown(50, 30))
    assert [a.suppressed, b.suppressed, c.suppressed] == [False, False, True]


def test_when_the_hidden_cell_is_alone_the_total_is_hidden():
    total = shown(37, 1)
    apply_complementary([hidden(), empty(), empty()], total)
    assert total.suppressed and total.value is None


def test_no_complementary_suppression_when_nothing_or_two_cells_are_hidden():
    cells = [shown(10, 6), shown(20, 8)]
    total = shown(30, 14)
    apply_complementary(cells, total)
    assert not any(cell.suppressed for cell in [*cells, total])
    cells = [hidden(), hidden(), shown(20, 8)]
    apply_complementary(cells, total)
    assert not cells[2].suppressed and not total.suppressed


def test_no_complementary_suppression_without_a_published_total():
    cells = [hidden(), shown(20, 8)]
    apply_complementary(cells, None)
    assert not cells[1].suppressed
    total = hidden()
    apply_complementary(cells, total)
    assert not cells[1].suppressed


cells_strategy = st.lists(
    st.one_of(
        st.builds(hidden),
        st.builds(empty),
        st.builds(shown, st.integers(0, 500), st.integers(1, 60)),
    ),
    max_size=8,
)


@given(cells_strategy)
def test_a_single_hidden_figure_can_never_be_derived_by_subtraction(cells):
    """Property: after complementary suppression, no present cell is the only one hidden
    while the total is shown, and empty groups are never marked as hidden."""
    empty_before = [cell for cell in cells if not cell.has_data]
    total = shown(1000, 100)
    apply_complementary(cells, total)
    hidden_cells = [cell for cell in cells if cell.suppressed]
    assert len(hidden_cells) != 1 or total.suppressed
    assert all(not cell.suppressed for cell in empty_before)


# -- Through the aggregation: distinct members, weight suppliers ----------------------------


@pytest.mark.django_db
def test_two_members_reporting_for_three_years_are_two_not_six():
    catalogue = indicators()
    length = catalogue["match-length"]
    length.weighted_by = None
    length.save()
    for member in (make_member("Ente A"), make_member("Ente B")):
        for year in (2023, 2024, 2025):
            make_report(member, year, {"match-length": 6, "matches-started": 20})
    data = impact_data()
    for code in ("match-length", "matches-started"):
        cell = data.all_time[code]
        assert cell.suppressed and cell.value is None, code


@pytest.mark.django_db
def test_a_percentage_with_few_weight_suppliers_is_hidden_in_the_aggregation():
    indicators()
    for number in range(10):
        closed = 30 if number < 4 else 0  # four members supplied the weight
        make_report(
            make_member(f"Ente {number}"),
            2025,
            {"matches-closed": closed, "outcome-housing": 50},
        )
    data = impact_data()
    assert data.totals["outcome-housing"]["2025"].suppressed
    make_report(make_member("Ente 10"), 2025, {"matches-closed": 30, "outcome-housing": 50})
    cell = impact_data().totals["outcome-housing"]["2025"]
    assert (cell.suppressed, cell.value, cell.members) == (False, Decimal("50.0"), 5)


# -- The sums and the published shape ------------------------------------------------------


def test_raw_sums_add_field_by_field():
    first = Raw(Decimal(1), 2, 3, Decimal(4), Decimal(5), 6)
    second = Raw(Decimal(10), 20, 30, Decimal(40), Decimal(50), 60)
    assert first + second == Raw(Decimal(11), 22, 33, Decimal(44), Decimal(55), 66)
    assert Raw() + first == first


def test_a_cell_as_published():
    assert shown("12.0", 7).as_dict() == {"value": 12, "members": 7, "suppressed": False}
    assert isinstance(shown("12.0", 7).as_dict()["value"], int)
    assert shown("12.5", 7).as_dict() == {"value": 12.5, "members": 7, "suppressed": False}
    assert hidden().as_dict() == {"value": None, "members": None, "suppressed": True}
    assert empty().as_dict() == {"value": None, "members": 0, "suppressed": False}


def test_only_weighted_indicators_use_the_weights_and_only_when_there_are_some():
    raw = Raw(total=Decimal(60), n=6, members=6, wsum=Decimal(900), wtotal=Decimal(30), wmembers=6)
    assert make_cell(raw, info(PERCENTAGE), 5).value == Decimal("10.0")  # plain mean
    assert make_cell(raw, info(PERCENTAGE, weighted=True), 5).value == Decimal("30.0")
    # No weight at all: the plain mean, never a division by zero.
    unweighted = Raw(total=Decimal(60), n=6, members=6)
    cell = make_cell(unweighted, info(PERCENTAGE, weighted=True), 5)
    assert (cell.value, cell.members) == (Decimal("10.0"), 6)
    # Weights below one still weigh.
    small = Raw(
        total=Decimal(60), n=6, members=6, wsum=Decimal(20), wtotal=Decimal("0.5"), wmembers=6
    )
    assert make_cell(small, info(PERCENTAGE, weighted=True), 5).value == Decimal("40.0")


def test_figures_are_rounded_half_up_to_one_decimal():
    for total, expected in (("2.5", "0.3"), ("3.5", "0.4"), ("2.4", "0.2")):
        raw = Raw(total=Decimal(total), n=10, members=10)
        assert make_cell(raw, info(PERCENTAGE), 5).value == Decimal(expected), total
    count = make_cell(Raw(total=Decimal(12), n=6, members=6), info(), 5)
    assert count.value == Decimal(12) and count.value.as_tuple().exponent == 0
