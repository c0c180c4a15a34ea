"""``/impact/``: the published impact figures, suppressed as on the impact page."""

from __future__ import annotations

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from wagtail_community_matching.api.errors import ApiError, ErrorOut
from wagtail_community_matching.api.filters import LocaleQuery, locale_of
from wagtail_community_matching.impact.aggregation import published_aggregates

router = Router(tags=["impact"])


class PeriodOut(Schema):
    key: str
    label: str


class FigureOut(Schema):
    #: ``None`` when suppressed.
    value: float | int | None
    #: Members whose validated reports make the figure (``None`` when suppressed).
    members: int | None
    suppressed: bool


class GroupFigureOut(FigureOut):
    key: str
    label: str


class IndicatorFiguresOut(Schema):
    code: str
    name: str
    unit: str
    #: ``count``, ``percentage`` or ``duration``.
    kind: str
    description: str
    all_periods: FigureOut
    #: By period key.
    periods: dict[str, FigureOut]
    #: Breakdowns of the selected period by ``region``, ``macro_area``, ``area``, ``kind`` and
    #: ``sector``: only the one level the impact page publishes has groups (each with at
    #: least the suppression threshold of members, small ones merged into "other"); the
    #: others are empty lists, so no two nested levels can be subtracted.
    breakdowns: dict[str, list[GroupFigureOut]]


class ImpactOut(Schema):
    suppression_threshold: int
    periods: list[PeriodOut]
    #: Period of the breakdowns.
    period: str | None
    indicators: list[IndicatorFiguresOut]


class ImpactQuery(LocaleQuery):
    period: str | None = Field(
        None, description="The period of the breakdowns, such as 2025 or 2025-H1."
    )


@router.get(
    "/impact/",
    response={200: ImpactOut, 422: ErrorOut},
    summary="Published impact figures",
    operation_id="get_impact",
)
def get_impact(request, query: Query[ImpactQuery]):
    """Totals per period and breakdowns of validated reports; small figures are suppressed.

    ``locale`` is the language of the names, ``period`` (such as ``2025``) the
    period of the breakdowns (default: the latest).
    """
    locale, period = query.locale, query.period
    language = locale_of(locale)
    if period and len(period) > 20:
        raise ApiError.invalid("period", _("There is no such period."), "unknown_period")
    try:
        return published_aggregates(language.language_code if language else None, period)
    except ValueError as error:
        raise ApiError.invalid("period", str(error), "unknown_period") from None
