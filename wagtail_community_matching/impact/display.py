"""What impact templates show: key figures, charts and tables built from ``ImpactData``.

Everything here formats for the active language when called, so build it while
rendering the request (the templates do, through :class:`ImpactView`).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from django.utils.translation import gettext as _

from wagtail_community_matching.impact.charts import BarChart, ChartItem, bar_chart, format_value
from wagtail_community_matching.impact.validation import PERCENTAGE


@dataclass
class KeyFigure:
    """A big number with its label: one indicator in one period or over all periods."""

    info: object
    cell: object
    scope: str
    #: The all-periods figure shown under a period's flow (such as matches started).
    total: object = None
    total_label: str = ""

    @property
    def display(self) -> str:
        if self.cell is None or self.cell.value is None:
            return _("suppressed") if self.cell is not None and self.cell.suppressed else "–"
        unit = "" if self.info.is_count else self.info.display_unit
        return format_value(self.cell.value, self.info.kind, unit)

    @property
    def suppressed(self) -> bool:
        return self.cell is not None and self.cell.suppressed

    @property
    def total_display(self) -> str:
        if self.total is None or not self.total.has_data:
            return ""
        if self.total.suppressed:
            value = _("suppressed")
        else:
            value = format_value(self.total.value, self.info.kind)
        return _("%(value)s in %(periods)s") % {"value": value, "periods": self.total_label}


@dataclass
class TableRow:
    label: str
    cells: list[str]
    suppressed: list[bool]


@dataclass
class Table:
    id: str
    caption: str
    row_heading: str
    headings: list[str]
    rows: list[TableRow]


def _item(label: str, cell, info) -> ChartItem:
    return ChartItem(
        label=label,
        value=cell.value if cell is not None else None,
        suppressed=bool(cell is not None and cell.suppressed),
        members=cell.members if cell is not None else None,
        kind=info.kind,
        unit=info.display_unit,
    )


def _scale(info) -> Decimal | None:
    return Decimal(100) if info.kind == PERCENTAGE else None


def _value_heading(info) -> str:
    return f"{info.name} ({info.display_unit})" if info.display_unit else info.name


def key_figures(data, codes: list[str] | None = None, scope: str = "period") -> list[KeyFigure]:
    """Key figures of ``codes`` (default: every count): ``scope`` is ``period`` or ``all``."""
    infos = [data.indicator(code) for code in codes] if codes else data.indicators
    span = ""
    if scope == "period" and len(data.periods) > 1:
        span = f"{data.periods[0].label}–{data.periods[-1].label}"
    figures = []
    for info in infos:
        if info is None or (not codes and not info.is_count):
            continue
        cell = data.all_time.get(info.code) if scope == "all" else data.cell(info.code)
        if cell is not None and cell.has_data:
            total = data.all_time.get(info.code) if span and info.accumulates else None
            figures.append(KeyFigure(info, cell, scope, total, span))
    return figures


def trend_chart(data, info, prefix: str = "cm-impact") -> BarChart:
    items = [_item(p.label, data.totals[info.code][p.key], info) for p in data.periods]
    return bar_chart(
        f"{prefix}-trend-{info.code}",
        _("%(indicator)s by period") % {"indicator": info.name},
        items,
        label_heading=_("Period"),
        value_heading=_value_heading(info),
        scale_max=_scale(info),
    )


def breakdown_chart(data, dimension: str, info, prefix: str = "cm-impact") -> BarChart | None:
    groups = data.breakdowns.get(dimension) or []
    if info is None or not groups or data.period is None:
        return None
    titles = {
        "region": _("%(indicator)s by region, %(period)s"),
        "macro_area": _("%(indicator)s by area, %(period)s"),
        "area": _("%(indicator)s by area, %(period)s"),
        "kind": _("%(indicator)s by kind of organisation, %(period)s"),
        "sector": _("%(indicator)s by type of member, %(period)s"),
    }
    items = [_item(g.label, g.cells[info.code], info) for g in groups]
    return bar_chart(
        f"{prefix}-{dimension}-{info.code}",
        titles[dimension] % {"indicator": info.name, "period": data.period.label},
        items,
        label_heading=_("Group"),
        value_heading=_value_heading(info),
        scale_max=_scale(info),
    )


def outcomes_chart(data, prefix: str = "cm-impact") -> BarChart | None:
    """The percentages of the selected period side by side (outcomes such as housing found)."""
    if data.period is None:
        return None
    infos = [
        info
        for info in data.indicators
        if info.kind == PERCENTAGE and (data.cell(info.code) and data.cell(info.code).has_data)
    ]
    if not infos:
        return None
    items = [_item(info.name, data.cell(info.code), info) for info in infos]
    return bar_chart(
        f"{prefix}-outcomes",
        _("Outcomes, %(period)s") % {"period": data.period.label},
        items,
        label_heading=_("Outcome"),
        value_heading=_("Share of matches"),
        scale_max=Decimal(100),
    )


def breakdown_table(data, dimension: str, prefix: str = "cm-impact") -> Table | None:
    """Every indicator (rows) by group of ``dimension`` (columns), for the selected period."""
    groups = data.breakdowns.get(dimension) or []
    if not groups:
        return None
    captions = {
        "region": _("All figures by region, %(period)s"),
        "macro_area": _("All figures by area, %(period)s"),
        "area": _("All figures by area, %(period)s"),
        "kind": _("All figures by kind of organisation, %(period)s"),
        "sector": _("All figures by type of member, %(period)s"),
    }
    rows = []
    for info in data.indicators:
        cells = [_item("", g.cells[info.code], info) for g in groups]
        if not any(item.suppressed or item.value is not None for item in cells):
            continue
        # The row heading names the unit: cells show bare numbers, so that the
        # table stays narrow on small screens.
        rows.append(
            TableRow(
                _value_heading(info),
                [
                    item.display if item.value is None else format_value(item.value, item.kind)
                    for item in cells
                ],
                [item.suppressed for item in cells],
            )
        )
    return Table(
        id=f"{prefix}-table-{dimension}",
        caption=captions[dimension] % {"period": data.period.label},
        row_heading=_("Indicator"),
        headings=[g.label for g in groups],
        rows=rows,
    )


class ImpactView:
    """The parts of an impact page, built once per request from ``data``."""

    def __init__(self, data, prefix: str = "cm-impact"):
        self.data = data
        self.prefix = prefix

    @cached_property
    def key_figures(self) -> list[KeyFigure]:
        return key_figures(self.data)

    @cached_property
    def trend_charts(self) -> list[tuple[object, BarChart]]:
        return [
            (info, trend_chart(self.data, info, self.prefix))
            for info in self.data.indicators
            if any(cell.has_data for cell in self.data.totals[info.code].values())
        ]

    @cached_property
    def outcomes_chart(self) -> BarChart | None:
        return outcomes_chart(self.data, self.prefix)

    def _chart(self, hierarchy: str) -> BarChart | None:
        level = self.data.levels.get(hierarchy)
        if level is None:
            return None
        return breakdown_chart(self.data, level, self.data.breakdown_indicator, self.prefix)

    def _table(self, hierarchy: str) -> Table | None:
        level = self.data.levels.get(hierarchy)
        return breakdown_table(self.data, level, self.prefix) if level else None

    @cached_property
    def geography_chart(self) -> BarChart | None:
        """The chart by region or area: the level of ``data.levels["geography"]``."""
        return self._chart("geography")

    @cached_property
    def geography_table(self) -> Table | None:
        return self._table("geography")

    @cached_property
    def member_type_chart(self) -> BarChart | None:
        """The chart by kind of organisation or sector (``data.levels["member_type"]``)."""
        return self._chart("member_type")

    @cached_property
    def member_type_table(self) -> Table | None:
        return self._table("member_type")
