"""Levels that group members for the published breakdowns, from fine to coarse.

With a suppression threshold of 5 members, most single regions of a young network
are too small to publish. Regions group into ISTAT's five macro-areas (North-West,
North-East, Centre, South, Islands) and those into three broad areas (North, Centre,
South and islands); member kinds group into the public and private sectors. The
aggregation publishes, for the geography and for the type of member, the one level
of its hierarchy that can show most groups (see :func:`.suppression.merge_small`),
so that two nested levels never sit side by side where subtracting one from the
other would reveal a small group.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from wagtail_community_matching.members.choices import PUBLIC_KINDS, SECTORS, MemberKind
from wagtail_community_matching.places.regions import region_label

#: The key of the group that holds small groups (and regions outside Italy).
OTHER = "other"

#: ISTAT's macro-areas (NUTS 1), in their usual order.
MACRO_AREAS = [
    ("north-west", _("North-West")),
    ("north-east", _("North-East")),
    ("centre", _("Centre")),
    ("south", _("South")),
    ("islands", _("Islands")),
]

#: Broad areas, in their usual order.
AREAS = [
    ("north", _("North")),
    ("centre", _("Centre")),
    ("south", _("South and islands")),
]

_MACRO_REGIONS = {
    "north-west": ["piemonte", "valle-d-aosta", "liguria", "lombardia"],
    "north-east": ["trentino-alto-adige", "veneto", "friuli-venezia-giulia", "emilia-romagna"],
    "centre": ["toscana", "umbria", "marche", "lazio"],
    "south": ["abruzzo", "molise", "campania", "puglia", "basilicata", "calabria"],
    "islands": ["sicilia", "sardegna"],
}
_MACRO_OF = {region: macro for macro, regions in _MACRO_REGIONS.items() for region in regions}
_AREA_OF_MACRO = {
    "north-west": "north",
    "north-east": "north",
    "centre": "centre",
    "south": "south",
    "islands": "south",
}


def macro_area_of(region: str) -> str:
    """The macro-area of a stored region code (:data:`OTHER` outside Italy or not given)."""
    return _MACRO_OF.get(region or "", OTHER)


def area_of(region: str) -> str:
    """The broad area of a stored region code (:data:`OTHER` outside Italy or not given)."""
    return _AREA_OF_MACRO.get(macro_area_of(region), OTHER)


def sector_of(kind: str) -> str:
    return "public" if kind in PUBLIC_KINDS else "private"


@dataclass(frozen=True)
class Level:
    """One level of a hierarchy: how a member's region or kind maps to a group."""

    key: str
    #: ``"region"`` or ``"kind"``: the member field the level groups.
    source: str
    #: The label of the group of small groups.
    other_label: object
    #: Groups that are always folded into :data:`OTHER` (such as no region given).
    always_other: frozenset = frozenset({OTHER, ""})

    def group_of(self, value: str) -> str:
        if self.key == "region":
            return value or OTHER
        if self.key == "macro_area":
            return macro_area_of(value)
        if self.key == "area":
            return area_of(value)
        if self.key == "sector":
            return sector_of(value)
        return value

    def label(self, key: str) -> str:
        """The label of group ``key`` in the active language."""
        if key == OTHER:
            return str(self.other_label)
        if self.key == "region":
            return region_label(key)
        fixed = {"macro_area": MACRO_AREAS, "area": AREAS, "sector": SECTORS}
        return str(dict(fixed.get(self.key, MemberKind.choices)).get(key, key))

    def order(self) -> list[str]:
        """Keys in display order; groups not listed sort by label, :data:`OTHER` last."""
        fixed = {"macro_area": MACRO_AREAS, "area": AREAS, "sector": SECTORS}
        return [key for key, _label in fixed.get(self.key, [])]


#: The hierarchies of the breakdowns, each from its finest level to its coarsest.
HIERARCHIES: dict[str, list[Level]] = {
    "geography": [
        Level("region", "region", _("Other regions")),
        Level("macro_area", "region", _("Other areas")),
        Level("area", "region", _("Other areas")),
    ],
    "member_type": [
        Level("kind", "kind", _("Other kinds of organisation"), frozenset()),
        Level("sector", "kind", _("Other organisations"), frozenset()),
    ],
}

#: Every level's key, as the keys of ``ImpactData.breakdowns``.
LEVELS = [level.key for levels in HIERARCHIES.values() for level in levels]
