"""Builders of members and member directories for the member tests."""

from __future__ import annotations

import datetime
from decimal import Decimal

from wagtail.models import Locale
from wagtail.search import index

from wagtail_community_matching.members.models import initial_of
from wagtail_community_matching.members.tasks import make_renditions
from wagtail_community_matching.models import Member
from wagtail_community_matching.pages.models import MemberDirectoryPage, NetworkPage

from ..factories import add_child, make_image, make_site_root


def make_member(name="Comune di Milano", *, publish=True, locale=None, renditions=True, **fields):
    """A member saved through a revision, published unless ``publish`` is false.

    Publishing queues the logo's renditions for when the transaction commits, which a
    test's transaction never does: ``renditions`` makes them now, as that task would.
    """
    fields.setdefault("kind", "municipality")
    fields.setdefault("city", "Milano")
    fields.setdefault("region", "lombardia")
    fields.setdefault("status", "active")
    fields.setdefault("date_joined", datetime.date(2024, 3, 1))
    for key in ("latitude", "longitude"):
        if isinstance(fields.get(key), float):
            fields[key] = Decimal(str(fields[key]))
    member = Member(name=name, live=False, **fields)
    if locale is not None:
        member.locale = locale
    member.save()
    revision = member.save_revision()
    if publish:
        revision.publish()
        member.refresh_from_db()
    # Wagtail 7 indexes through a task run when the transaction commits, which a
    # test's transaction never does: index now, as that task would.
    index.insert_or_update_object(member)
    if publish and renditions and member.logo_id:
        make_renditions(member.logo)
    return member


def bulk_members(count, *, locale=None, logos=True, prefix="Ente", **fields):
    """``count`` live, listed members created in bulk (no revisions, not indexed)."""
    locale = locale or Locale.get_default()
    regions = ["lombardia", "lazio", "campania", "sicilia", "piemonte", "puglia"]
    kinds = ["municipality", "association", "cooperative", "foundation", "university"]
    statuses = ["active", "starting", "interested"]
    members = []
    for number in range(count):
        name = f"{prefix} {chr(65 + number % 26)}{number:04d}"
        values = {
            "name": name,
            "slug": f"{prefix.lower()}-{number}",
            "kind": kinds[number % len(kinds)],
            "status": statuses[number % len(statuses)],
            "region": regions[number % len(regions)],
            "city": f"Città {number % 17}",
            "locale": locale,
            "live": True,
            "listed": True,
            "logo": make_image(f"Logo {number}") if logos else None,
            "date_joined": datetime.date(2020 + number % 5, 1, 1),
            "website": "https://example.org/",
            "latitude": 41 + (number % 50) / 10,
            "longitude": 9 + (number % 70) / 10,
        }
        member = Member(**{**values, **fields})
        member.name_initial = initial_of(member.name)
        members.append(member)
    return Member.objects.bulk_create(members)


def make_directory(**fields):
    """A network home page as the site root with a member directory page under it."""
    home = make_site_root(NetworkPage, title="Rete", slug="rete")
    fields.setdefault("title", "Membri")
    fields.setdefault("slug", "membri")
    return add_child(home, MemberDirectoryPage, **fields)
