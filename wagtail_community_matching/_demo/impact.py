"""Demo impact data: three years of validated reports, the impact page, key figures."""

from __future__ import annotations

import datetime
import json
import zlib
from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from wagtail_community_matching._demo.base import DemoContext, upsert_page, upsert_translation
from wagtail_community_matching._demo.impact_content import (
    HOME_FIGURES,
    MISSING,
    OUTCOMES,
    PAGE,
    SHARES,
    STARTING,
    WAITING,
    YEAR_TOTALS,
    YEARS,
)
from wagtail_community_matching._demo.member_specs import member_key
from wagtail_community_matching._demo.members_content import MEMBERS
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.impact.catalogue import seed_indicators
from wagtail_community_matching.impact.links import make_token
from wagtail_community_matching.models import ImpactReport, ImpactValue, Indicator, Member


def impact_page_model():
    try:
        return apps.get_model("wagtail_community_matching_pages", "ImpactPage")
    except LookupError as error:
        raise CommandError(
            "The demo needs 'wagtail_community_matching.pages' in INSTALLED_APPS."
        ) from error


def _jitter(*parts, spread: float) -> float:
    """A stable pseudo-random offset in [-spread, spread] for ``parts``."""
    number = zlib.crc32("|".join(str(p) for p in parts).encode()) % 1000
    return (number / 999 * 2 - 1) * spread


def figures(slug: str, year: int, started: int) -> dict[str, Decimal]:
    """A member's values for ``year`` from its matches started (shaped like DOMAIN.md)."""
    closed = round(started * (0.8 if year == YEARS[0] else 0.9))
    values = {
        "matches-started": started,
        "matches-active": round(started * 0.5),
        "matches-closed": closed,
        "people-matched": started * 2,
        "volunteers-trained": round(started * 1.15),
        "people-reached": round(started * 5.6),
        "cities": 1,
    }
    if closed:
        for code, by_year in OUTCOMES.items():
            centre, spread = by_year[year]
            values[code] = round(centre + _jitter(slug, year, code, spread=spread))
        values["match-length"] = round(6 + _jitter(slug, year, "length", spread=0.4), 1)
    return {code: Decimal(str(value)) for code, value in values.items()}


def joined(slug: str) -> int:
    """The year the demo member ``slug`` joined the network."""
    return next(spec[9] for spec in MEMBERS if spec[0] == slug)


def demo_reports() -> list[tuple[str, int, dict]]:
    """``(member slug, year, values)`` of every validated demo report."""
    reports = []
    for year in YEARS:
        shares = {slug: share for slug, share in SHARES.items() if joined(slug) <= year}
        total_share = sum(shares.values())
        for slug, share in shares.items():
            started = round(YEAR_TOTALS[year] * share / total_share)
            reports.append((slug, year, figures(slug, year, started)))
    for slug, started in STARTING.items():
        reports.append((slug, YEARS[-1], figures(slug, YEARS[-1], started)))
    return reports


def upsert_report(
    member: Member, year: int, values: dict, catalogue: dict, status: str = "validated"
) -> bool:
    """Create or update ``member``'s report for ``year`` (validated unless told); ``True`` if new.

    The values are written in bulk and the report's references indexed once, not once
    per value (each value's save would re-index the whole report).
    """
    report = ImpactReport.objects.filter(member=member, year=year, half=0).first()
    created = report is None
    if created:
        report = ImpactReport(member=member, year=year, half=0)
    report.status = status
    stamp = timezone.make_aware(datetime.datetime(year + 1, 2, 15, 10, 0))
    report.submitted_at = report.submitted_at or stamp
    report.validated_at = (report.validated_at or stamp) if status == "validated" else None
    with disable_reference_index_auto_update():
        report.save()
        existing = {v.indicator.code: v for v in report.values.select_related("indicator")}
        added, changed = [], []
        for code, value in values.items():
            current = existing.pop(code, None)
            if current is None:
                added.append(ImpactValue(report=report, indicator=catalogue[code], value=value))
            elif current.value != value:
                current.value = value
                changed.append(current)
        ImpactValue.objects.bulk_create(added)
        ImpactValue.objects.bulk_update(changed, ["value"])
        ImpactValue.objects.filter(pk__in=[stale.pk for stale in existing.values()]).delete()
    ReferenceIndex.create_or_update_for_object(report)
    if created:
        report.save_revision()
    return created


def _add_key_figures(home, heading: str, indicator_ids: list[int], page) -> None:
    """Put a key-figures block on ``home`` before its call to action (replacing an old one)."""
    blocks = [b for b in home.body.raw_data if b["type"] != "key_figures"]
    block = {
        "type": "key_figures",
        "value": {
            "heading": heading,
            "indicators": indicator_ids,
            "scope": "all",
            "show_trend": False,
            "page": page.pk,
        },
    }
    types = [b["type"] for b in blocks]
    at = types.index("call_to_action") if "call_to_action" in types else len(blocks)
    blocks[at:at] = [block]
    home.body = json.dumps([{"type": b["type"], "value": b["value"]} for b in blocks])
    home.save_revision().publish()


def build_impact(ctx: DemoContext):
    """Indicators, reports of the demo members, the impact page and the home key figures."""
    created, translated = seed_indicators()
    ctx.write(f"  indicators: {created} created, {translated} translations added")
    catalogue = {i.code: i for i in Indicator.objects.filter(locale=ctx.default_locale)}
    members = {
        m.slug: m
        for m in Member.objects.filter(
            locale=ctx.default_locale,
            translation_key__in=[member_key(slug) for slug in [*SHARES, *STARTING, MISSING]],
        )
    }
    new = 0
    reports = demo_reports()
    for slug, year, values in reports:
        if slug in members:
            new += upsert_report(members[slug], year, values, catalogue)
    ctx.write(f"  {len(reports)} validated impact reports ({new} new) for {YEARS[0]}-{YEARS[-1]}")
    if MISSING in members:
        upsert_report(
            members[MISSING],
            YEARS[-2],
            figures(MISSING, YEARS[-2], WAITING),
            catalogue,
            status="submitted",
        )
        ctx.write(
            f"  1 impact report waiting for validation ({members[MISSING].name}, {YEARS[-2]})"
        )

    home = ctx.pages["home"]
    words = PAGE["it"]
    page = upsert_page(
        home,
        impact_page_model(),
        words["slug"],
        {
            "title": words["title"],
            "intro": words["intro"],
            "methodology": words["methodology"],
            "breakdown_indicator": catalogue["matches-started"],
            "show_in_menus": True,
        },
    )
    home.refresh_from_db()
    figure_ids = [catalogue[code].pk for code in HOME_FIGURES]
    _add_key_figures(home.specific, words["figures_heading"], figure_ids, page)
    english = ctx.locale("en")
    if english is not None:
        words = PAGE["en"]
        page_en = upsert_translation(
            page,
            english,
            {
                "title": words["title"],
                "intro": words["intro"],
                "methodology": words["methodology"],
                "slug": words["slug"],
                "show_in_menus": True,
            },
        )
        home_en = home.get_translation(english).specific
        _add_key_figures(home_en, words["figures_heading"], figure_ids, page_en)
    ctx.write(f"  impact page: {page.title}, key figures on the home page")
    ctx.pages["impact"] = page

    member = members.get(MISSING)
    if member is not None:
        path = page.url + page.reverse_subpage("report_route", args=[make_token(member)])
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
        days = cm_settings.IMPACT_REPORT_LINK_MAX_AGE_DAYS
        ctx.write(
            f"  report link of {member.name} (no report for {YEARS[-1]} yet; valid {days} "
            f"days):\n    {base}{path}"
        )
    return page
