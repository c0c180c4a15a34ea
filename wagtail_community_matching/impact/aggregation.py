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
from wagtail_community_matching.impact.areas import AREAS, area_of
from wagtail_community_matching.impact.indicators import Indicator
from wagtail_community_matching.impact.models import ImpactValue, ReportStatus
from wagtail_community_matching.impact.periods import Period
from wagtail_community_matching.impact.suppression import Raw, apply_complementary, make_cell
from wagtail_community_matching.impact.validation import COUNT, PERCENTAGE
from wagtail_community_matching.members.choices import PUBLIC_KINDS, SECTORS, MemberKind
from wagtail_community_matching.regions import region_label

#: Dimensions the published figures are broken down by.
DIMENSIONS = ("area", "region", "sector", "kind")


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
    """One row of a breakdown: a region, sector or member kind."""

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


def _group_labels(dimension: str, keys) -> dict[str, str]:
    if dimension == "sector":
        return {key: str(label) for key, label in SECTORS}
    if dimension == "area":
        return {key: str(label) for key, label in AREAS}
    if dimension == "kind":
        return {key: str(label) for key, label in MemberKind.choices}
    return {key: region_label(key) if key else _("Region not given") for key in keys}


def _sector(kind: str) -> str:
    return "public" if kind in PUBLIC_KINDS else "private"


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
        group_raw[key, period, "region", region] += raw
        group_raw[key, period, "area", area_of(region)] += raw
        group_raw[key, period, "kind", kind] += raw
        group_raw[key, period, "sector", _sector(kind)] += raw

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

    breakdowns = {dimension: [] for dimension in DIMENSIONS}
    for dimension in DIMENSIONS if selected else ():
        keys = sorted({g for (_k, p, d, g) in group_raw if d == dimension and p == selected})
        labels = _group_labels(dimension, keys)
        groups = [Group(key, labels.get(key, key)) for key in keys]
        for info in infos:
            cells = []
            for group in groups:
                raw = group_raw.get((info.key, selected, dimension, group.key))
                group.cells[info.code] = make_cell(raw, info, threshold)
                cells.append(group.cells[info.code])
            apply_complementary(cells, total=totals[info.code].get(selected.key))
        if dimension == "area":
            order = [key for key, _label in AREAS]
            breakdowns[dimension] = sorted(groups, key=lambda g: order.index(g.key))
        else:
            breakdowns[dimension] = sorted(groups, key=lambda g: g.label.casefold())

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
