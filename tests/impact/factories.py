"""Builders of impact test data (members, indicators, reports, impact page) and helpers."""

from __future__ import annotations

from decimal import Decimal
from html import unescape

from django.utils import translation
from wagtail.models import Locale

from wagtail_community_matching.impact.catalogue import seed_indicators
from wagtail_community_matching.models import ImpactReport, ImpactValue, Indicator, Member
from wagtail_community_matching.pages.models import ImpactPage, NetworkPage

from ..factories import add_child, make_site_root


def make_member(name="Comune di Milano", *, locale=None, **fields) -> Member:
    fields.setdefault("kind", "municipality")
    fields.setdefault("city", "Milano")
    fields.setdefault("region", "lombardia")
    fields.setdefault("status", "active")
    fields.setdefault("email", "info@" + name.lower().replace(" ", "-")[:30] + ".example")
    fields.setdefault("live", True)
    return Member.objects.create(name=name, locale=locale or Locale.get_default(), **fields)


def indicators() -> dict[str, Indicator]:
    """The default catalogue (seeded once), by code, in the default locale."""
    seed_indicators()
    return {i.code: i for i in Indicator.objects.filter(locale=Locale.get_default())}


def make_report(member, year, values: dict, *, status="validated", half=0) -> ImpactReport:
    catalogue = {i.code: i for i in Indicator.objects.filter(locale=Locale.get_default())}
    report = ImpactReport.objects.create(member=member, year=year, half=half, status=status)
    ImpactValue.objects.bulk_create(
        ImpactValue(report=report, indicator=catalogue[code], value=Decimal(str(value)))
        for code, value in values.items()
    )
    return report


def make_impact_page(**fields) -> ImpactPage:
    home = make_site_root(NetworkPage, title="Rete", slug="rete-test")
    fields.setdefault("title", "Impatto")
    fields.setdefault("slug", "impatto")
    return add_child(home, ImpactPage, **fields)


def bulk_members(count, *, regions=("lombardia",), prefix="Ente", **fields) -> list[Member]:
    """``count`` live members made in one query (no slugs computed one by one)."""
    locale = Locale.get_default()
    fields.setdefault("kind", "municipality")
    fields.setdefault("city", "Milano")
    fields.setdefault("status", "active")
    Member.objects.bulk_create(
        Member(
            name=f"{prefix} {number:05d}",
            slug=f"{prefix.lower()}-{number:05d}",
            region=regions[number % len(regions)],
            locale=locale,
            live=True,
            **fields,
        )
        for number in range(count)
    )
    return list(Member.objects.filter(name__startswith=f"{prefix} ").order_by("name"))


def bulk_reports(members, years, values: dict, *, status="validated") -> None:
    """Reports of every member for every year, made in two queries."""
    catalogue = {i.code: i for i in Indicator.objects.filter(locale=Locale.get_default())}
    reports = ImpactReport.objects.bulk_create(
        ImpactReport(member=member, year=year, status=status)
        for member in members
        for year in years
    )
    if not all(report.pk for report in reports):  # backends without RETURNING ids
        keys = {(m.pk, y) for m in members for y in years}
        reports = [
            r for r in ImpactReport.objects.filter(year__in=years) if (r.member_id, r.year) in keys
        ]
    ImpactValue.objects.bulk_create(
        ImpactValue(report=report, indicator=catalogue[code], value=Decimal(str(value)))
        for report in reports
        for code, value in values.items()
    )


def populate(count=8, years=(2023, 2024, 2025), regions=("lombardia", "lazio")):
    members = bulk_members(count, regions=regions)
    bulk_reports(
        members,
        years,
        {"matches-started": 25, "matches-closed": 20, "outcome-housing": 30, "match-length": 6},
    )
    return members


def t(message: str, **params) -> str:
    """``message`` as the Italian pages show it (English until translated)."""
    with translation.override("it"):
        text = translation.gettext(message)
    return text % params if params else text


def text(response) -> str:
    """The response's HTML with entities decoded, to compare with plain text."""
    return unescape(response.content.decode())
