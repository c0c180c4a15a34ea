"""Regions of the countries the package knows, used by members and forms.

(Minimal version of the adhesion branch; the member directory branch ships the full one.)
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

#: Choices of the Italian regions, ``(code, translatable name)``.
ITALIAN_REGIONS: list[tuple[str, str]] = [
    ("abruzzo", _("Abruzzo")),
    ("basilicata", _("Basilicata")),
    ("calabria", _("Calabria")),
    ("campania", _("Campania")),
    ("emilia-romagna", _("Emilia-Romagna")),
    ("friuli-venezia-giulia", _("Friuli Venezia Giulia")),
    ("lazio", _("Lazio")),
    ("liguria", _("Liguria")),
    ("lombardia", _("Lombardy")),
    ("marche", _("Marche")),
    ("molise", _("Molise")),
    ("piemonte", _("Piedmont")),
    ("puglia", _("Apulia")),
    ("sardegna", _("Sardinia")),
    ("sicilia", _("Sicily")),
    ("toscana", _("Tuscany")),
    ("trentino-alto-adige", _("Trentino-South Tyrol")),
    ("umbria", _("Umbria")),
    ("valle-d-aosta", _("Aosta Valley")),
    ("veneto", _("Veneto")),
]

REGIONS_BY_COUNTRY: dict[str, list[tuple[str, str]]] = {"IT": ITALIAN_REGIONS}


def region_choices(country: str) -> list[tuple[str, str]] | None:
    """The region choices of ``country``, or ``None`` when any name is accepted."""
    return REGIONS_BY_COUNTRY.get((country or "").upper())


def region_label(value: str) -> str:
    """Text for people: the translated name of a known region code, else ``value``."""
    for choices in REGIONS_BY_COUNTRY.values():
        label = dict(choices).get(value)
        if label is not None:
            return str(label)
    return value
