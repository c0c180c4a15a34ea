"""The starting indicator catalogue: what community matching programmes usually report.

:func:`seed_indicators` adds the indicators below that are missing (matched by
``code``) in the default locale, and their translations into every other locale
of the site. It never changes an indicator an editor has edited, so it is safe
to run again; ``manage.py seed_impact_indicators`` runs it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from wagtail_community_matching.impact.indicators import Indicator
from wagtail_community_matching.impact.validation import COUNT, DURATION, PERCENTAGE


@dataclass(frozen=True)
class Seed:
    code: str
    name: str
    kind: str
    unit: str
    description: str
    accumulates: bool = True
    weighted_by: str = ""


DEFAULT_INDICATORS = [
    Seed(
        "matches-started",
        _("Matches started"),
        COUNT,
        _("matches"),
        _("Pairs of a local volunteer and a refugee whose mentoring began during the period."),
    ),
    Seed(
        "matches-active",
        _("Active matches"),
        COUNT,
        _("matches"),
        _("Matches under way on the last day of the period."),
        accumulates=False,
    ),
    Seed(
        "matches-closed",
        _("Matches closed"),
        COUNT,
        _("matches"),
        _("Matches that ended during the period, after about six months or earlier."),
    ),
    Seed(
        "people-matched",
        _("People in new matches"),
        COUNT,
        _("people"),
        _("Volunteers and refugees taking part in the matches started during the period."),
    ),
    Seed(
        "volunteers-trained",
        _("Volunteers trained"),
        COUNT,
        _("people"),
        _("Volunteers who completed the preparatory training during the period."),
    ),
    Seed(
        "people-reached",
        _("People reached"),
        COUNT,
        _("people"),
        _("Everyone the programme's activities reached: participants, families, events."),
    ),
    Seed(
        "cities",
        _("Cities involved"),
        COUNT,
        _("cities"),
        _("Cities where the member ran matches during the period."),
        accumulates=False,
    ),
    Seed(
        "outcome-orientation",
        _("Better orientation and use of services"),
        PERCENTAGE,
        "",
        _("Share of closed matches whose refugee finds their way around local services better."),
        weighted_by="matches-closed",
    ),
    Seed(
        "outcome-language",
        _("Better command of the language"),
        PERCENTAGE,
        "",
        _("Share of closed matches whose refugee speaks the local language better."),
        weighted_by="matches-closed",
    ),
    Seed(
        "outcome-housing",
        _("Found housing"),
        PERCENTAGE,
        "",
        _("Share of closed matches whose refugee found a home during the match."),
        weighted_by="matches-closed",
    ),
    Seed(
        "outcome-work",
        _("Found work"),
        PERCENTAGE,
        "",
        _("Share of closed matches whose refugee signed a work contract during the match."),
        weighted_by="matches-closed",
    ),
    Seed(
        "women-matched",
        _("Women among refugees matched"),
        PERCENTAGE,
        "",
        _("Share of women among the refugees in the matches started during the period."),
        weighted_by="matches-started",
    ),
    Seed(
        "match-length",
        _("Average match length"),
        DURATION,
        _("months"),
        _("Average length of the matches closed during the period."),
        weighted_by="matches-closed",
    ),
]


def _texts(seed: Seed, language: str) -> dict:
    with translation.override(language):
        return {
            "name": str(seed.name),
            "unit": str(seed.unit),
            "description": str(seed.description),
        }


@transaction.atomic
def seed_indicators(write=None) -> tuple[int, int]:
    """Create the missing default indicators and translations; return how many of each."""

    default = Locale.get_default()
    others = [
        Locale.objects.get_or_create(language_code=code)[0]
        for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", [])
        if code != default.language_code
    ]
    created = translated = 0
    by_code = {}
    for order, seed in enumerate(DEFAULT_INDICATORS, start=1):
        indicator = Indicator.objects.filter(code=seed.code, locale=default).first()
        if indicator is None and not Indicator.objects.filter(code=seed.code).exists():
            indicator = Indicator(
                locale=default,
                code=seed.code,
                kind=seed.kind,
                accumulates=seed.accumulates and seed.kind == COUNT,
                sort_order=order * 10,
                **_texts(seed, default.language_code),
            )
            indicator.save()
            created += 1
        by_code[seed.code] = indicator
    for seed in DEFAULT_INDICATORS:
        indicator = by_code[seed.code]
        if indicator is None:
            continue
        weight = by_code.get(seed.weighted_by)
        if weight is not None and indicator.weighted_by_id is None:
            indicator.weighted_by = weight
            indicator.save()
        existing = set(
            Indicator.objects.filter(translation_key=indicator.translation_key).values_list(
                "locale_id", flat=True
            )
        )
        for locale in others:
            if locale.pk in existing:
                continue
            copy = indicator.copy_for_translation(locale)
            for name, value in _texts(seed, locale.language_code).items():
                setattr(copy, name, value)
            copy.save()
            translated += 1
    if write:
        write(f"  indicators: {created} created, {translated} translations added")
    return created, translated
