"""Areas that group regions, so that figures of small regions can still be published.

With a suppression threshold of 5 members, most single regions of a young network
are suppressed; Italy's three macro-areas (ISTAT: North, Centre, South and
islands) often are not.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

#: Area choices, in their usual order.
AREAS = [
    ("north", _("North")),
    ("centre", _("Centre")),
    ("south", _("South and islands")),
    ("other", _("Other areas")),
]

_REGIONS = {
    "north": [
        "piemonte",
        "valle-d-aosta",
        "liguria",
        "lombardia",
        "trentino-alto-adige",
        "veneto",
        "friuli-venezia-giulia",
        "emilia-romagna",
    ],
    "centre": ["toscana", "umbria", "marche", "lazio"],
    "south": [
        "abruzzo",
        "molise",
        "campania",
        "puglia",
        "basilicata",
        "calabria",
        "sicilia",
        "sardegna",
    ],
}
_AREA_OF = {region: area for area, regions in _REGIONS.items() for region in regions}


def area_of(region: str) -> str:
    """The area code of a stored region code (``"other"`` for regions outside Italy)."""
    return _AREA_OF.get(region or "", "other")
