"""Regions of the countries the package knows, used by members and forms.

A member's ``region`` stores a code for a known country (Italy: ``"lombardia"``)
and the region's own name for any other country. :func:`region_label` turns
either into text for people; :func:`normalise_region` turns what an editor or an
applicant typed ("Lombardia", "lombardy", "LOMBARDIA", "Friuli-Venezia Giulia") into
the stored code, comparing names through :func:`wagtail_community_matching.text.fold`.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail_community_matching.text import fold

#: The twenty regions of Italy: (code, English name for translation, Italian name).
_ITALY = [
    ("abruzzo", _("Abruzzo"), "Abruzzo"),
    ("basilicata", _("Basilicata"), "Basilicata"),
    ("calabria", _("Calabria"), "Calabria"),
    ("campania", _("Campania"), "Campania"),
    ("emilia-romagna", _("Emilia-Romagna"), "Emilia-Romagna"),
    ("friuli-venezia-giulia", _("Friuli Venezia Giulia"), "Friuli Venezia Giulia"),
    ("lazio", _("Lazio"), "Lazio"),
    ("liguria", _("Liguria"), "Liguria"),
    ("lombardia", _("Lombardy"), "Lombardia"),
    ("marche", _("Marche"), "Marche"),
    ("molise", _("Molise"), "Molise"),
    ("piemonte", _("Piedmont"), "Piemonte"),
    ("puglia", _("Apulia"), "Puglia"),
    ("sardegna", _("Sardinia"), "Sardegna"),
    ("sicilia", _("Sicily"), "Sicilia"),
    ("toscana", _("Tuscany"), "Toscana"),
    ("trentino-alto-adige", _("Trentino-South Tyrol"), "Trentino-Alto Adige/Südtirol"),
    ("umbria", _("Umbria"), "Umbria"),
    ("valle-d-aosta", _("Aosta Valley"), "Valle d'Aosta/Vallée d'Aoste"),
    ("veneto", _("Veneto"), "Veneto"),
]

#: Choices of the Italian regions, ``(code, translatable name)``.
ITALIAN_REGIONS: list[tuple[str, str]] = [(code, label) for code, label, _it in _ITALY]

#: Region choices per ISO 3166-1 alpha-2 country code. Countries not listed
#: here take any region name.
REGIONS_BY_COUNTRY: dict[str, list[tuple[str, str]]] = {"IT": ITALIAN_REGIONS}

_ALIASES: dict[str, str] = {}


def _key(text: str) -> str:
    """``text`` folded, without spaces: "Emilia Romagna", "Emilia-Romagna" and
    "EmiliaRomagna" name the same region."""
    return fold(text).replace(" ", "")


def _aliases() -> dict[str, str]:
    if not _ALIASES:
        with translation.override("en"):  # the English names, whatever language is active
            english = {code: str(label) for code, label, _italian in _ITALY}
        for code, _label, italian in _ITALY:
            for name in (code, english[code], italian, *italian.split("/")):
                _ALIASES[_key(name)] = code
    return _ALIASES


def region_choices(country: str) -> list[tuple[str, str]] | None:
    """The region choices of ``country``, or ``None`` when any name is accepted."""
    return REGIONS_BY_COUNTRY.get((country or "").upper())


def is_known_region(country: str, value: str) -> bool:
    """Whether ``value`` is a region code of ``country`` (always true for free-text countries)."""
    choices = region_choices(country)
    return choices is None or value in dict(choices)


def normalise_region(country: str, text: str) -> str:
    """The stored value for ``text``: a region code when ``country`` has choices.

    Matching ignores case, accents, punctuation and spaces and accepts the code,
    the English name, the Italian name and the name in the active language. Text
    that matches nothing is returned stripped, for the caller to validate.
    """
    text = (text or "").strip()
    choices = region_choices(country)
    if not text or choices is None:
        return text
    key = _key(text)
    code = _aliases().get(key)
    if code:
        return code
    for code, label in choices:  # the name in the active language
        if _key(str(label)) == key:
            return code
    return text


def region_label(value: str) -> str:
    """Text for people: the translated name of a known region code, else ``value``."""
    for choices in REGIONS_BY_COUNTRY.values():
        label = dict(choices).get(value)
        if label is not None:
            return str(label)
    return value
