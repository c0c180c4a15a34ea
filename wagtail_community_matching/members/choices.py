"""Choices of members: kinds of organisation, sectors, programme status, services."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberKind(models.TextChoices):
    """What kind of organisation a member is; the first three are public bodies."""

    MUNICIPALITY = "municipality", _("Municipality")
    REGIONAL_AUTHORITY = "regional_authority", _("Region or regional authority")
    OTHER_PUBLIC = "other_public", _("Other public body")
    ASSOCIATION = "association", _("Association or third-sector body")
    COOPERATIVE = "cooperative", _("Cooperative")
    FOUNDATION = "foundation", _("Foundation")
    UNIVERSITY = "university", _("University")
    COMPANY = "company", _("Company")
    OTHER_PRIVATE = "other_private", _("Other private organisation")


#: Kinds that are public bodies; every other kind is a private organisation.
PUBLIC_KINDS = frozenset(
    {MemberKind.MUNICIPALITY, MemberKind.REGIONAL_AUTHORITY, MemberKind.OTHER_PUBLIC}
)

#: The two sectors, usable as a ``kind`` filter value that groups their kinds.
SECTORS = [("public", _("Public bodies")), ("private", _("Private organisations"))]


class ProgrammeStatus(models.TextChoices):
    """Where the member stands with its own community matching programme."""

    ACTIVE = "active", _("Programme active")
    STARTING = "starting", _("Starting a programme")
    INTERESTED = "interested", _("Interested")


class MemberService(models.TextChoices):
    """What the member wants from the network."""

    TRAINING = "training", _("Training")
    TOOLKIT = "toolkit", _("Toolkit and shared tools")
    SUPERVISION = "supervision", _("Supervision")
    EVENTS = "events", _("Meetings and events")
    VISIBILITY = "visibility", _("Visibility")


def kinds_of_sector(sector: str) -> list[str]:
    """The kinds of ``"public"`` or ``"private"`` organisations."""
    public = sector == "public"
    return [kind for kind in MemberKind.values if (kind in PUBLIC_KINDS) == public]
