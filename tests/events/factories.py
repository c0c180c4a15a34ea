"""Builders of event content for the event tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.text import slugify

from wagtail_community_matching.events import recurrence
from wagtail_community_matching.models import Occurrence, Venue
from wagtail_community_matching.pages.models import EventIndexPage, EventPage, NetworkPage

from ..factories import add_child, make_site_root


def make_venue(**fields) -> Venue:
    values = {
        "name": "Casa della Cultura",
        "address": "Via Borgogna 3",
        "postal_code": "20122",
        "city": "Milano",
        "region": "Lombardia",
        "latitude": "45.464200",
        "longitude": "9.199900",
    }
    values.update(fields)
    return Venue.objects.create(**values)


def make_index(**fields) -> EventIndexPage:
    home = make_site_root(NetworkPage, title="Rete", slug="rete")
    fields.setdefault("title", "Eventi")
    fields.setdefault("slug", "eventi")
    return add_child(home, EventIndexPage, **fields)


def local(text: str, zone: str = "Europe/Rome") -> datetime:
    """An aware datetime from ``YYYY-MM-DD HH:MM`` wall time in ``zone``."""
    return recurrence.localize(datetime.fromisoformat(text), zone)


def make_event(
    index, title: str = "Incontro", *, start, end=None, venue=None, publish=True, **fields
) -> EventPage:
    """An event page under ``index``; ``start``/``end`` are aware or ``YYYY-MM-DD HH:MM``."""
    zone = fields.setdefault("timezone", "Europe/Rome")
    if isinstance(start, str):
        start = local(start, zone)
    if isinstance(end, str):
        end = local(end, zone)
    if end is None:
        end = start + timedelta(hours=2)  # also past midnight: a test may run at 23:00
    fields.setdefault("slug", slugify(title))
    if venue is None and fields.get("attendance_mode", "in_person") != "online":
        venue = Venue.objects.first() or make_venue()
    page = EventPage(title=title, start=start, end=end, venue=venue, **fields)
    page.full_clean(exclude=["path", "depth"])  # validate like the admin does
    index.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    else:
        page.unpublish() if page.live else None
    return EventPage.objects.get(pk=page.pk)


def republish(page, **changes) -> EventPage:
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


def make_training(
    index, *, capacity: int, waiting_list: bool, days: int = 10, title: str = "Formazione"
) -> EventPage:
    """A three-hour training ``days`` from now with sign-up on the site and ``capacity``."""
    start = (timezone.now() + timedelta(days=days)).replace(microsecond=0)
    return make_event(
        index,
        title,
        start=start,
        end=start + timedelta(hours=3),
        registration_mode="built_in",
        capacity=capacity,
        waiting_list=waiting_list,
    )


def only_date(event):
    """The one date (occurrence) of a single-date ``event``."""
    return Occurrence.objects.get(page=event)


def soon(days: int, hour: int = 10) -> datetime:
    """``hour`` o'clock in Rome, ``days`` days from today."""
    day = (timezone.now() + timedelta(days=days)).date()
    return local(f"{day.isoformat()} {hour:02d}:00")


def make_programme(index, *, capacity: int = 10, **webinar) -> dict[str, EventPage]:
    """A small programme under ``index``: a past and an upcoming meeting in Milan, a training
    in Parma with built-in registration for ``capacity`` people, and an online webinar
    (``webinar`` overrides its fields)."""
    milano, parma = make_venue(), make_venue(name="Centro", city="Parma")
    return {
        "past": make_event(index, "Passato", start=soon(-10), venue=milano),
        "meeting": make_event(index, "Incontro", start=soon(3), venue=milano),
        "training": make_event(
            index,
            "Formazione",
            start=soon(6),
            venue=parma,
            kind="training",
            registration_mode="built_in",
            capacity=capacity,
        ),
        "webinar": make_event(
            index,
            "Webinar",
            start=soon(9),
            kind="webinar",
            **{
                "attendance_mode": "online",
                "online_url": "https://meet.example/w",
                **webinar,
            },
        ),
    }
