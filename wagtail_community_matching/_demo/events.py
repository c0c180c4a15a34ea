"""Events of the demo: venues, an events index, past and upcoming events, translations."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.apps import apps
from django.core.management.base import CommandError
from django.utils import timezone

from wagtail_community_matching._demo.base import DemoContext, upsert_page, upsert_translation
from wagtail_community_matching._demo.events_content import EVENTS, INDEX, REGISTRANTS, VENUES
from wagtail_community_matching.events import recurrence
from wagtail_community_matching.models import Member, Occurrence, Registration, Venue

INDEX_SLUG = "eventi"
INDEX_SLUG_EN = "events"
ZONE = "Europe/Rome"
BENCHMARK_PREFIX = "evento-di-prova-"


def _page_model(name: str):
    try:
        return apps.get_model("wagtail_community_matching_pages", name)
    except LookupError as error:
        raise CommandError(
            "The demo needs 'wagtail_community_matching.pages' in INSTALLED_APPS."
        ) from error


def _day(when, today: date) -> date:
    """A day relative to ``today``; ``"june_10"`` is the next 10 June still to come."""
    if when == "june_10":
        day = date(today.year, 6, 10)
        return day if day > today else date(today.year + 1, 6, 10)
    return today + timedelta(days=when)


def _at(day: date, clock: str) -> datetime:
    return recurrence.localize(
        datetime.combine(day, datetime.strptime(clock, "%H:%M").time()), ZONE
    )


def upsert_venues() -> dict[str, Venue]:
    """The demo venues, by city."""
    venues = {}
    for name, address, postal_code, city, region, latitude, longitude in VENUES:
        venue, _created = Venue.objects.update_or_create(
            name=name,
            city=city,
            defaults={
                "address": address,
                "postal_code": postal_code,
                "region": region,
                "country": "IT",
                "latitude": latitude,
                "longitude": longitude,
            },
        )
        venues[city] = venue
    return venues


def _organiser(city: str, locale) -> Member | None:
    """A published, listed demo member of ``city`` in ``locale``, if the demo has one."""
    return Member.objects.public().filter(city__iexact=city, locale=locale).order_by("name").first()


def _fields(spec: dict, words: dict, venues: dict, today: date, locale) -> dict:
    day, start, end = spec["when"]
    day = _day(day, today)
    fields = {
        "timezone": ZONE,
        "start": _at(day, start),
        "end": _at(day, end),
        "status": "scheduled",
        "recurrence_rule": "",
        "venue": None,
        "online_url": "",
        "online_url_public": True,
        "registration_mode": "none",
        "capacity": None,
        **spec["fields"],
        **{key: words[key] for key in ("title", "summary", "audience", "body")},
    }
    if fields["recurrence_rule"]:
        # The first date is the rule's first date from that day on, as calendar programs
        # count the start as a date whether or not the rule gives it.
        local_start = timezone.localtime(fields["start"], ZoneInfo(ZONE)).replace(tzinfo=None)
        first = recurrence.first_rule_date(fields["recurrence_rule"], local_start)
        shift = first - local_start
        fields["start"] += shift
        fields["end"] += shift
    if fields["venue"]:
        fields["venue"] = venues[fields["venue"]]
    fields["organiser"] = _organiser(fields["organiser"], locale) if "organiser" in fields else None
    return fields


def build_events(ctx: DemoContext, count: int | None = None):
    """Create or update the events index, the demo events and their English translations.

    ``count`` adds that many one-off benchmark events (``--events N``).
    """
    EventIndexPage, EventPage = _page_model("EventIndexPage"), _page_model("EventPage")
    home = ctx.pages["home"]
    today = timezone.localdate()
    venues = upsert_venues()
    index = upsert_page(home, EventIndexPage, INDEX_SLUG, {**INDEX["it"], "show_in_menus": True})
    events = {}
    for spec in EVENTS:
        fields = _fields(spec, spec["it"], venues, today, ctx.default_locale)
        events[spec["slug"]] = upsert_page(index, EventPage, spec["slug"], fields)
    ctx.write(f"  {len(venues)} venues, index '{index.title}' and {len(events)} events")

    english = ctx.locale("en")
    if english is not None:
        index_en = upsert_translation(index, english, {**INDEX["en"], "slug": INDEX_SLUG_EN})
        for spec in EVENTS:
            fields = _fields(spec, spec["en"], venues, today, english)
            upsert_translation(events[spec["slug"]], english, {**fields, "slug": spec["slug_en"]})
        ctx.write(f"  English translations under '{index_en.title}'")

    milan = Occurrence.objects.filter(page=events[EVENTS[0]["slug"]]).first()
    now = timezone.now()
    for name, email, organisation, status in REGISTRANTS:
        Registration.objects.get_or_create(
            occurrence=milan,
            email=email,
            defaults={
                "name": name,
                "organisation": organisation,
                "consent_text": "Demo",
                "status": status,
                "held_until": now + timedelta(hours=20) if status == "unconfirmed" else None,
                "confirmed_at": now if status == "registered" else None,
            },
        )
    ctx.write(f"  {len(REGISTRANTS)} registrations for '{milan.page.title}'")

    if count:
        for number in range(count):
            day = today + timedelta(days=1 + number % 365)
            upsert_page(
                index,
                EventPage,
                f"{BENCHMARK_PREFIX}{number + 1}",
                {
                    "title": f"Evento di prova {number + 1}",
                    "timezone": ZONE,
                    "start": _at(day, "09:00"),
                    "end": _at(day, "11:00"),
                    "kind": ("meeting", "training", "webinar")[number % 3],
                    "attendance_mode": "in_person",
                    "venue": list(venues.values())[number % len(venues)],
                },
            )
        ctx.write(f"  {count} benchmark events")
    ctx.pages["events"] = index
    return index


def flush_events() -> None:
    """Delete the demo venues (run after the demo pages are deleted)."""
    for name, _address, _postal, city, *_rest in VENUES:
        Venue.objects.filter(name=name, city=city).delete()
