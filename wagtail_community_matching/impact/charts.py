"""Server-side, accessible SVG bar charts with a data table fallback.

:func:`bar_chart` turns labelled values into a :class:`BarChart` holding the
geometry of a horizontal bar chart; ``templates/wagtail_community_matching/
impact/bar_chart.html`` draws it as ``<svg role="img">`` with ``<title>`` and
``<desc>``, followed by the same figures as a ``<table>``. No JavaScript.
Numbers are formatted for the active language when the chart is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from wagtail_community_matching.impact.validation import COUNT, PERCENTAGE

#: Geometry of the chart in SVG user units (the chart scales to its container).
LABEL_WIDTH = 290
BAR_AREA = 320
#: Room right of the longest bar for its value.
VALUE_WIDTH = 130
#: Approximate width of one label character at ``FONT_SIZE``.
CHAR_WIDTH = 7.6
ROW_HEIGHT = 34
BAR_HEIGHT = 22
PADDING = 8
LABEL_CHARS = 38
FONT_SIZE = 14
#: Width of the dashed box standing in for a suppressed bar.
PLACEHOLDER_WIDTH = 28


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
    short_label: str
    y: float
    text_y: float
    bar_width: float
    value_x: float


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
    width: int = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH
    height: int = 0
    bar_x: int = LABEL_WIDTH
    label_x: int = LABEL_WIDTH - PADDING
    bar_height: int = BAR_HEIGHT
    placeholder_width: int = PLACEHOLDER_WIDTH
    font_size: int = FONT_SIZE
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
    longest = max((len(item.label) for item in items), default=0)
    label_width = min(LABEL_WIDTH, round(min(longest, LABEL_CHARS) * CHAR_WIDTH) + 2 * PADDING)
    rows = []
    for index, item in enumerate(items):
        y = PADDING + index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        width = 0.0
        if item.value is not None and top > 0:
            width = round(float(min(item.value, top) / top) * BAR_AREA, 1)
        drawn = PLACEHOLDER_WIDTH if item.suppressed else width
        rows.append(
            ChartRow(
                item=item,
                short_label=Truncator(item.label).chars(LABEL_CHARS),
                y=y,
                text_y=y + BAR_HEIGHT / 2,
                bar_width=width,
                value_x=label_width + drawn + PADDING,
            )
        )
    return BarChart(
        id=chart_id,
        title=title,
        items=items,
        label_heading=label_heading,
        value_heading=value_heading,
        description=description or describe(items),
        rows=rows,
        width=label_width + BAR_AREA + VALUE_WIDTH,
        height=PADDING * 2 + ROW_HEIGHT * max(len(items), 1),
        bar_x=label_width,
        label_x=label_width - PADDING,
        show_members=show_members,
    )
