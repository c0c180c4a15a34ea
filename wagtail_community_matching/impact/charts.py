"""Server-side, accessible bar charts with a data table fallback.

:func:`bar_chart` turns labelled values into a :class:`BarChart`: each row has its
label, its value and the length of its bar as a share of the longest.
``templates/wagtail_community_matching/impact/bar_chart.html`` draws it in HTML
(labels wrap on narrow screens, never cut), each bar a small SVG rectangle (no
inline style, so a strict Content Security Policy holds), the whole chart one
image for assistive technology (``role="img"`` with a title and a description),
followed by the same figures as a ``<table>``. No JavaScript. Numbers are
formatted for the active language when the chart is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from wagtail_community_matching.impact.validation import COUNT, PERCENTAGE

#: Length of the dashed box standing in for a suppressed bar, in percent of the track.
PLACEHOLDER_PERCENT = 8


def format_number(value: Decimal | int | float | None, kind: str = COUNT) -> str:
    """``value`` formatted for the active language: grouped thousands, kind's decimals."""
    if value is None:
        return ""
    value = Decimal(value)
    places = 0 if kind == COUNT or value == value.to_integral_value() else 1
    return number_format(round(value, places), places, use_l10n=True, force_grouping=True)


def format_value(value, kind: str = COUNT, unit: str = "") -> str:
    """A number with its unit, such as ``"1.500 matches"`` or ``"84%"``."""
    text = format_number(value, kind)
    if not text:
        return ""
    if kind == PERCENTAGE and unit in ("", "%"):
        return f"{text}%"
    return f"{text} {unit}" if unit else text


@dataclass
class ChartItem:
    """One labelled value of a chart.

    ``value`` is ``None`` when the figure is suppressed or nobody reported it;
    ``suppressed`` tells the two apart.
    """

    label: str
    value: Decimal | None
    suppressed: bool = False
    members: int | None = None
    kind: str = COUNT
    unit: str = ""

    @property
    def display(self) -> str:
        if self.suppressed:
            return _("suppressed")
        if self.value is None:
            return _("no data")
        return format_value(self.value, self.kind, self.unit)


@dataclass
class ChartRow:
    item: ChartItem
    #: The bar's length in percent of the longest possible bar (0 to 100).
    percent: float


@dataclass
class BarChart:
    """A horizontal bar chart ready for the template."""

    id: str
    title: str
    items: list[ChartItem]
    value_heading: str
    label_heading: str
    description: str = ""
    rows: list[ChartRow] = field(default_factory=list)
    placeholder_percent: int = PLACEHOLDER_PERCENT
    show_members: bool = True

    @property
    def has_suppressed(self) -> bool:
        return any(item.suppressed for item in self.items)


def describe(items: list[ChartItem]) -> str:
    """A sentence listing every label and value, read by screen readers as the chart's desc."""
    parts = [f"{item.label}: {item.display}" for item in items]
    return _("Bar chart. %(values)s.") % {"values": "; ".join(parts)}


def bar_chart(
    chart_id: str,
    title: str,
    items: list[ChartItem],
    *,
    label_heading: str,
    value_heading: str,
    scale_max: Decimal | None = None,
    description: str = "",
    show_members: bool = True,
) -> BarChart:
    """Lay out ``items`` as horizontal bars scaled to ``scale_max`` (default: largest value)."""
    values = [item.value for item in items if item.value is not None]
    top = Decimal(scale_max) if scale_max else max(values, default=Decimal(0))
    rows = []
    for item in items:
        percent = 0.0
        if item.value is not None and top > 0:
            percent = round(float(min(item.value, top) / top) * 100, 1)
        rows.append(ChartRow(item=item, percent=percent))
    return BarChart(
        id=chart_id,
        title=title,
        items=items,
        label_heading=label_heading,
        value_heading=value_heading,
        description=description or describe(items),
        rows=rows,
        show_members=show_members,
    )
