"""Published aggregates of validated impact reports, computed in the database.

:func:`impact_data` runs three queries whatever the number of reports: the
published indicators, the values grouped by indicator, period, region and member
kind, and the values grouped by indicator over all periods. Totals, regions,
kinds and sectors are combined from the second query in Python (a member has one
report per period and one region and kind, so its groups partition the members).

Suppression (see :mod:`.suppression`) is applied before anything leaves this
module: a suppressed cell carries no value and no member count.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, F, OuterRef, Q, Subquery, Sum
from django.utils.translation import gettext as _
from wagtail.models import Locale

from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.impact.areas import HIERARCHIES, LEVELS, OTHER, Level
from wagtail_community_matching.impact.indicators import Indicator
from wagtail_community_matching.impact.models import ImpactValue, ReportStatus
from wagtail_community_matching.impact.periods import Period
from wagtail_community_matching.impact.suppression import (
    Raw,
    apply_complementary,
    make_cell,
    merge_small,
)
from wagtail_community_matching.impact.validation import COUNT, PERCENTAGE

#: Levels the published figures may be broken down by (one per hierarchy is published).
DIMENSIONS = tuple(LEVELS)


@dataclass(frozen=True)
class IndicatorInfo:
    """What the page and API show of an indicator, in the requested language."""

    key: str
    code: str
    name: str
    unit: str
    kind: str
    description: str
    accumulates: bool
    weighted: bool

    @property
    def display_unit(self) -> str:
        if not self.unit and self.kind == PERCENTAGE:
            return "%"
        return self.unit

    @property
    def is_count(self) -> bool:
        return self.kind == COUNT

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "unit": self.display_unit,
            "kind": self.kind,
            "description": self.description,
        }


@dataclass
class Group:
    """One group of a breakdown: a region, area, kind or sector, or the other groups."""

    key: str
    label: str
    cells: dict[str, object] = field(default_factory=dict)


@dataclass
class ImpactData:
    """Everything an impact page, a key-figures block or the API shows."""

    indicators: list[IndicatorInfo]
    periods: list[Period]
    period: Period | None
    totals: dict[str, dict[str, object]]
    all_time: dict[str, object]
    breakdowns: dict[str, list[Group]]
    threshold: int
    period_error: str = ""
    breakdown_code: str | None = None
    #: The level published for each hierarchy (``"geography"``, ``"member_type"``) in
    #: the selected period, or ``None`` when no level has two groups to show.
    levels: dict[str, str | None] = field(default_factory=dict)

    @property
    def has_data(self) -> bool:
        return bool(self.periods)

    def indicator(self, code: str) -> IndicatorInfo | None:
        return next((info for info in self.indicators if info.code == code), None)

    @property
    def breakdown_indicator(self) -> IndicatorInfo | None:
        """The indicator charted by region and kind: the chosen one, else the first count."""
        chosen = self.indicator(self.breakdown_code) if self.breakdown_code else None
        return chosen or next((i for i in self.indicators if i.is_count), None)

    def cell(self, code: str, period: Period | None = None):
        """The total of ``code`` in ``period`` (default: the selected period)."""
        period = period or self.period
        if period is None:
            return None
        return self.totals.get(code, {}).get(period.key)

    def as_dict(self) -> dict:
        """Plain data for JSON and CSV; suppressed cells have ``value`` ``None``."""
        return {
            "suppression_threshold": self.threshold,
            "periods": [{"key": p.key, "label": p.label} for p in self.periods],
            "period": self.period.key if self.period else None,
            "indicators": [
                {
                    **info.as_dict(),
                    "all_periods": self.all_time[info.code].as_dict(),
                    "periods": {
                        key: cell.as_dict() for key, cell in self.totals[info.code].items()
                    },
                    "breakdowns": {
                        dimension: [
                            {"key": g.key, "label": g.label, **g.cells[info.code].as_dict()}
                            for g in groups
                        ]
                        for dimension, groups in self.breakdowns.items()
                    },
                }
                for info in self.indicators
            ],
        }


def localized_indicators(queryset, locale=None) -> list:
    """One indicator per translation key, in ``locale`` when translated (one query)."""

    default = Locale.get_default()
    wanted = [loc.pk for loc in (locale, default) if loc is not None]
    chosen: dict = {}
    for indicator in queryset.order_by("sort_order", "pk"):
        current = chosen.get(indicator.translation_key)
        rank = wanted.index(indicator.locale_id) if indicator.locale_id in wanted else len(wanted)
        if current is None or rank < current[0]:
            chosen[indicator.translation_key] = (rank, indicator)
    indicators = [indicator for _rank, indicator in chosen.values()]
    return sorted(indicators, key=lambda i: (i.sort_order, i.name.casefold(), i.pk))


def _info(indicator) -> IndicatorInfo:
    return IndicatorInfo(
        key=str(indicator.translation_key),
        code=indicator.code,
        name=indicator.name,
        unit=indicator.unit,
        kind=indicator.kind,
        description=indicator.description,
        accumulates=indicator.accumulates and indicator.kind == COUNT,
        weighted=indicator.weighted_by_id is not None,
    )


def _validated_values(keys):
    """Values of validated reports for the indicators of ``keys``, with their weight."""
    weight = ImpactValue.objects.filter(
        report=OuterRef("report"),
        indicator__translation_key=OuterRef("indicator__weighted_by__translation_key"),
    ).values("value")[:1]
    return (
        ImpactValue.objects.filter(
            report__status=ReportStatus.VALIDATED, indicator__translation_key__in=keys
        )
        .annotate(weight=Subquery(weight, output_field=DecimalField()))
        .order_by()
    )


def _raw_aggregates():
    decimal = DecimalField(max_digits=24, decimal_places=4)
    weighted = Q(weight__gt=0)
    member = "report__member__translation_key"
    return {
        "total": Sum("value"),
        "n": Count("pk"),
        "members": Count(member, distinct=True),
        "wsum": Sum(F("value") * F("weight"), filter=weighted, output_field=decimal),
        "wtotal": Sum("weight", filter=weighted),
        "wmembers": Count(member, filter=weighted, distinct=True),
    }


def _raw(row) -> Raw:
    return Raw(
        total=row["total"] or Decimal(0),
        n=row["n"],
        members=row["members"],
        wsum=row["wsum"] or Decimal(0),
        wtotal=row["wtotal"] or Decimal(0),
        wmembers=row["wmembers"],
    )


def _merged(level: Level, group_raw, period, threshold) -> dict[str, str] | None:
    """How ``level``'s groups of ``period`` merge (see ``merge_small``), or ``None``."""
    members: dict[str, int] = defaultdict(int)
    for (_key, p, lvl, group), raw in group_raw.items():
        if p == period and lvl == level.key:
            # A member reports every indicator of its report, or fewer: the largest
            # count of an indicator never exceeds the group's members.
            members[group] = max(members[group], raw.members)
    return merge_small(dict(members), threshold, level.always_other, OTHER)


def _breakdown(level: Level, mapping, infos, group_raw, period, totals, threshold):
    """The published groups of ``level`` under ``mapping``, with suppressed cells."""
    keys = sorted(set(mapping.values()))
    order = level.order()
    groups = sorted(
        (Group(key, level.label(key)) for key in keys),
        key=lambda g: (
            g.key == OTHER,
            order.index(g.key) if g.key in order else len(order),
            g.label.casefold(),
        ),
    )
    for info in infos:
        merged: dict[str, Raw] = {}
        for group_key, published in mapping.items():
            raw = group_raw.get((info.key, period, level.key, group_key))
            if raw is not None:
                merged[published] = merged.get(published, Raw()) + raw
        cells = []
        for group in groups:
            group.cells[info.code] = make_cell(merged.get(group.key), info, threshold)
            cells.append(group.cells[info.code])
        apply_complementary(cells, total=totals[info.code].get(period.key))
    return groups


def impact_data(
    locale=None,
    period_key: str | None = None,
    breakdown_code: str | None = None,
    threshold: int | None = None,
) -> ImpactData:
    """Suppressed aggregates of validated reports, for the page, block, CSV and API.

    ``period_key`` (``"2025"``) selects the period of the breakdowns; an unknown
    key falls back to the latest period and sets ``period_error``.
    """
    threshold = threshold or cm_settings.IMPACT_SUPPRESSION_THRESHOLD
    infos = [_info(i) for i in localized_indicators(Indicator.objects.published(), locale)]
    by_key = {info.key: info for info in infos}
    values = _validated_values(list(by_key))

    # Query 2: per indicator, period, region and kind.
    detailed = values.values(
        "indicator__translation_key",
        "report__year",
        "report__half",
        "report__member__region",
        "report__member__kind",
    ).annotate(**_raw_aggregates())
    period_raw: dict[tuple[str, Period], Raw] = defaultdict(Raw)
    group_raw: dict[tuple[str, Period, str, str], Raw] = defaultdict(Raw)
    for row in detailed:
        key = str(row["indicator__translation_key"])
        period = Period(row["report__year"], row["report__half"])
        raw = _raw(row)
        region, kind = row["report__member__region"] or "", row["report__member__kind"]
        period_raw[key, period] += raw
        for levels in HIERARCHIES.values():
            for level in levels:
                value = region if level.source == "region" else kind
                group_raw[key, period, level.key, level.group_of(value)] += raw

    # Query 3: per indicator over all periods (members counted once).
    overall = {
        str(row["indicator__translation_key"]): _raw(row)
        for row in values.values("indicator__translation_key").annotate(**_raw_aggregates())
    }

    periods = sorted({period for _key, period in period_raw})
    totals = {
        info.code: {
            p.key: make_cell(period_raw.get((info.key, p)), info, threshold) for p in periods
        }
        for info in infos
    }
    all_time = {}
    for info in infos:
        if info.is_count and not info.accumulates:
            present = [p for p in periods if (info.key, p) in period_raw]
            all_time[info.code] = totals[info.code][present[-1].key] if present else None
        else:
            all_time[info.code] = make_cell(overall.get(info.key), info, threshold)
        if all_time[info.code] is None:
            all_time[info.code] = make_cell(None, info, threshold)
        if info.accumulates:
            apply_complementary(list(totals[info.code].values()), total=all_time[info.code])

    selected = Period.parse(period_key) if period_key else None
    error = ""
    if period_key and selected not in periods:
        error = _("There are no published figures for the period %(period)s.") % {
            "period": period_key[:20]
        }
        selected = None
    selected = selected or (periods[-1] if periods else None)

    breakdowns: dict[str, list[Group]] = {level: [] for level in LEVELS}
    chosen_levels: dict[str, str | None] = dict.fromkeys(HIERARCHIES)
    for name, levels in HIERARCHIES.items() if selected else ():
        # The level that shows most groups; a tie goes to the finer level. One level
        # per hierarchy: nested levels side by side could be subtracted.
        best, best_mapping = None, None
        for level in levels:
            mapping = _merged(level, group_raw, selected, threshold)
            if mapping and (best is None or len(set(mapping.values())) > best[0]):
                best, best_mapping = (len(set(mapping.values())), level), mapping
        if best is not None:
            level = best[1]
            chosen_levels[name] = level.key
            breakdowns[level.key] = _breakdown(
                level, best_mapping, infos, group_raw, selected, totals, threshold
            )

    return ImpactData(
        indicators=infos,
        periods=periods,
        period=selected,
        totals=totals,
        all_time=all_time,
        breakdowns=breakdowns,
        threshold=threshold,
        period_error=error,
        breakdown_code=breakdown_code,
        levels=chosen_levels,
    )


def published_aggregates(language_code: str | None = None, period_key: str | None = None) -> dict:
    """The published aggregates as plain data, for JSON APIs.

    ``language_code`` picks the language of indicator names (default: the default
    locale); an unknown code or period raises ``ValueError`` with a message.
    """

    locale = None
    if language_code:
        locale = Locale.objects.filter(language_code=language_code).first()
        if locale is None:
            raise ValueError(f"Unknown language {language_code[:20]!r}.")
    data = impact_data(locale=locale, period_key=period_key)
    if data.period_error:
        raise ValueError(data.period_error)
    return data.as_dict()
