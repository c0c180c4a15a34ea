"""What every demo member is made of: its stable key, its initials and its field values."""

from __future__ import annotations

import datetime
import uuid
from decimal import Decimal

import phonenumbers

from wagtail_community_matching.members.choices import PUBLIC_KINDS

#: Demo members get stable translation keys derived from their slugs.
NAMESPACE = uuid.UUID("6f1c3c8e-6c57-4a8e-9a62-2b1f5f0d6c11")
GENERATED_PREFIX = "demo-ente-"
SMALL_WORDS = {"di", "del", "della", "per", "il", "la", "l", "e", "–"}


def member_key(slug: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, slug)


def initials(name: str) -> str:
    words = [w for w in name.replace("'", " ").split() if w.lower() not in SMALL_WORDS]
    return "".join(word[0] for word in words[:3]).upper()


def spec_fields(spec: tuple) -> dict:
    """The field values of a member's ``spec`` (a line of ``MEMBERS``, or
    :func:`~.generated_members.generated_spec`'s), without the logo, the flags and the
    English description."""
    slug, name, kind, status, city, province, region, lat, lng, year, services, description, _ = (
        spec
    )
    return {
        "name": name,
        "slug": slug,
        "kind": kind,
        "status": status,
        "city": city,
        "province": province,
        "region": region,
        "country": "IT",
        "latitude": Decimal(str(lat)),
        "longitude": Decimal(str(lng)),
        "date_joined": datetime.date(year, 3, 1),
        "services": services,
        "description": description,
        "website": f"https://{slug}.example/",
        "email": f"info@{slug}.example",
        "phone": example_phone() if kind in PUBLIC_KINDS else "",
    }


def example_phone() -> str:
    """An example Italian number from libphonenumber's metadata, never a real line."""
    return phonenumbers.format_number(
        phonenumbers.example_number("IT"), phonenumbers.PhoneNumberFormat.E164
    )
