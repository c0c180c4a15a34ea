"""Statistical disclosure control of the published figures.

The rules, applied before any figure leaves :mod:`.aggregation`:

1. **Primary suppression.** A cell is suppressed when fewer distinct members
   than ``IMPACT_SUPPRESSION_THRESHOLD`` (default 5) contributed to it, or when it
   is a count greater than zero but smaller than the threshold (a handful of
   matches or people could point at individuals).
2. **Complementary suppression.** When exactly one cell of a breakdown (the
   regions of a period, say) is suppressed while the total is shown, the next
   smallest cell is suppressed too, so the hidden figure cannot be found by
   subtracting the others from the total.

A suppressed cell has no value and no member count, in HTML, SVG, CSV and API.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from wagtail_community_matching.impact.validation import COUNT


@dataclass
class Raw:
    """Additive sums behind a cell; groups that partition members add up."""

    total: Decimal = Decimal(0)
    n: int = 0
    members: int = 0
    wsum: Decimal = Decimal(0)
    wtotal: Decimal = Decimal(0)
    wmembers: int = 0

    def __add__(self, other: Raw) -> Raw:
        return Raw(
            self.total + other.total,
            self.n + other.n,
            self.members + other.members,
            self.wsum + other.wsum,
            self.wtotal + other.wtotal,
            self.wmembers + other.wmembers,
        )


@dataclass
class Cell:
    """A published figure: ``value`` and ``members`` are ``None`` once suppressed."""

    value: Decimal | None
    members: int | None
    suppressed: bool = False

    @property
    def has_data(self) -> bool:
        return self.suppressed or self.value is not None

    def suppress(self) -> None:
        self.value = None
        self.members = None
        self.suppressed = True

    def as_dict(self) -> dict:
        value = None if self.value is None else float(self.value)
        if value is not None and value.is_integer():
            value = int(value)
        return {"value": value, "members": self.members, "suppressed": self.suppressed}


def is_small(value: Decimal, members: int, kind: str, threshold: int) -> bool:
    """Whether primary suppression hides a figure (rule 1 above)."""
    if members < threshold:
        return True
    return kind == COUNT and 0 < value < threshold


def make_cell(raw: Raw | None, info, threshold: int) -> Cell:
    """The published cell of ``raw`` sums for indicator ``info`` (an ``IndicatorInfo``)."""
    if raw is None or raw.n == 0:
        return Cell(value=None, members=0)
    if info.kind == COUNT:
        value, members = raw.total, raw.members
    elif info.weighted and raw.wtotal > 0:
        value, members = raw.wsum / raw.wtotal, raw.wmembers
    else:
        value, members = raw.total / raw.n, raw.members
    value = Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if info.kind == COUNT:
        value = value.quantize(Decimal(1))
    cell = Cell(value=value, members=members)
    if is_small(value, members, info.kind, threshold):
        cell.suppress()
    return cell


def apply_complementary(cells: list[Cell], total: Cell | None) -> None:
    """Suppress one more cell when exactly one of ``cells`` is hidden (rule 2 above)."""
    present = [cell for cell in cells if cell.has_data]
    hidden = [cell for cell in present if cell.suppressed]
    if len(hidden) != 1 or total is None or total.suppressed:
        return
    shown = [cell for cell in present if not cell.suppressed]
    if shown:
        min(shown, key=lambda cell: (cell.members, cell.value)).suppress()
    else:
        total.suppress()


def merge_small(
    members: dict[str, int], threshold: int, always_other=frozenset(), other: str = "other"
) -> dict[str, str] | None:
    """Which group each of ``members`` (group → members reporting) is published under.

    Groups of fewer than ``threshold`` members (and those of ``always_other``) are
    merged into ``other``; while ``other`` is still below the threshold, the smallest
    named group joins it. Every published group then has at least ``threshold``
    members, so none is suppressed for its size and none can be found by
    subtracting the others from the total. ``None`` when fewer than two groups would
    remain: such a breakdown shows nothing the total does not.
    """
    members = {key: n for key, n in members.items() if n > 0}  # empty groups: nothing to merge
    named = {key: n for key, n in members.items() if n >= threshold and key not in always_other}
    rest = sum(n for key, n in members.items() if key not in named)
    while 0 < rest < threshold and named:
        smallest = min(named, key=lambda key: (named[key], key))
        rest += named.pop(smallest)
    if len(named) + (1 if rest else 0) < 2:
        return None
    return {key: key if key in named else other for key in members}
