"""The published aggregates of an impact page as a CSV download (``<page>/csv/``)."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.utils.text import slugify

from wagtail_community_matching.spreadsheets import neutralise_formula

HEADER = [
    "period",
    "dimension",
    "group",
    "group_label",
    "indicator",
    "indicator_name",
    "unit",
    "kind",
    "value",
    "members",
    "suppressed",
]


def safe(value) -> str:
    """``value`` as text that a spreadsheet will not evaluate as a formula."""
    return neutralise_formula("" if value is None else str(value))


def impact_rows(data):
    """The rows of the CSV: totals per period, all periods, then each breakdown."""
    for info in data.indicators:
        described = [info.code, info.name, info.display_unit, info.kind]
        for period in data.periods:
            cell = data.totals[info.code][period.key]
            if cell.has_data:
                yield [period.key, "total", "", "", *described, cell]
        yield ["all", "total", "", "", *described, data.all_time[info.code]]
        for dimension, groups in data.breakdowns.items():
            for group in groups:
                cell = group.cells[info.code]
                if cell.has_data:
                    yield [data.period.key, dimension, group.key, group.label, *described, cell]


def impact_csv(request, page) -> HttpResponse:
    """Every published (suppressed) figure of ``page``: one row per cell."""
    data = page.get_impact_data(request.GET.get("period") or None)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{slugify(page.slug) or 'impact'}-{data.period.key if data.period else 'empty'}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response.write("\ufeff")  # lets spreadsheets detect UTF-8
    writer = csv.writer(response)
    writer.writerow(HEADER)
    for *fields, cell in impact_rows(data):
        figure = cell.as_dict()
        writer.writerow(
            [
                *(safe(field) for field in fields),
                "" if figure["value"] is None else figure["value"],
                "" if figure["members"] is None else figure["members"],
                "true" if figure["suppressed"] else "false",
            ]
        )
    return response
