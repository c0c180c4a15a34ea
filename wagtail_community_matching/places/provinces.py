"""Provinces of Italy (and the metropolitan cities that replaced some of them).

Adhesion forms offer them in "province" fields: the stored value is the two-letter
code used on Italian number plates and addresses (``"MI"``); :data:`PROVINCE_REGION`
gives the code of the region each one belongs to, and :func:`province_region` the
region of what someone typed ("MI", "mi", "Milano").
"""

from __future__ import annotations

from wagtail_community_matching.text import fold

#: (code, name, region code), grouped by region.
_PROVINCES = [
    ("AL", "Alessandria", "piemonte"),
    ("AT", "Asti", "piemonte"),
    ("BI", "Biella", "piemonte"),
    ("CN", "Cuneo", "piemonte"),
    ("NO", "Novara", "piemonte"),
    ("TO", "Torino", "piemonte"),
    ("VB", "Verbano-Cusio-Ossola", "piemonte"),
    ("VC", "Vercelli", "piemonte"),
    ("AO", "Aosta", "valle-d-aosta"),
    ("BG", "Bergamo", "lombardia"),
    ("BS", "Brescia", "lombardia"),
    ("CO", "Como", "lombardia"),
    ("CR", "Cremona", "lombardia"),
    ("LC", "Lecco", "lombardia"),
    ("LO", "Lodi", "lombardia"),
    ("MN", "Mantova", "lombardia"),
    ("MI", "Milano", "lombardia"),
    ("MB", "Monza e della Brianza", "lombardia"),
    ("PV", "Pavia", "lombardia"),
    ("SO", "Sondrio", "lombardia"),
    ("VA", "Varese", "lombardia"),
    ("BZ", "Bolzano/Bozen", "trentino-alto-adige"),
    ("TN", "Trento", "trentino-alto-adige"),
    ("BL", "Belluno", "veneto"),
    ("PD", "Padova", "veneto"),
    ("RO", "Rovigo", "veneto"),
    ("TV", "Treviso", "veneto"),
    ("VE", "Venezia", "veneto"),
    ("VR", "Verona", "veneto"),
    ("VI", "Vicenza", "veneto"),
    ("GO", "Gorizia", "friuli-venezia-giulia"),
    ("PN", "Pordenone", "friuli-venezia-giulia"),
    ("TS", "Trieste", "friuli-venezia-giulia"),
    ("UD", "Udine", "friuli-venezia-giulia"),
    ("GE", "Genova", "liguria"),
    ("IM", "Imperia", "liguria"),
    ("SP", "La Spezia", "liguria"),
    ("SV", "Savona", "liguria"),
    ("BO", "Bologna", "emilia-romagna"),
    ("FE", "Ferrara", "emilia-romagna"),
    ("FC", "Forlì-Cesena", "emilia-romagna"),
    ("MO", "Modena", "emilia-romagna"),
    ("PR", "Parma", "emilia-romagna"),
    ("PC", "Piacenza", "emilia-romagna"),
    ("RA", "Ravenna", "emilia-romagna"),
    ("RE", "Reggio Emilia", "emilia-romagna"),
    ("RN", "Rimini", "emilia-romagna"),
    ("AR", "Arezzo", "toscana"),
    ("FI", "Firenze", "toscana"),
    ("GR", "Grosseto", "toscana"),
    ("LI", "Livorno", "toscana"),
    ("LU", "Lucca", "toscana"),
    ("MS", "Massa-Carrara", "toscana"),
    ("PI", "Pisa", "toscana"),
    ("PT", "Pistoia", "toscana"),
    ("PO", "Prato", "toscana"),
    ("SI", "Siena", "toscana"),
    ("PG", "Perugia", "umbria"),
    ("TR", "Terni", "umbria"),
    ("AN", "Ancona", "marche"),
    ("AP", "Ascoli Piceno", "marche"),
    ("FM", "Fermo", "marche"),
    ("MC", "Macerata", "marche"),
    ("PU", "Pesaro e Urbino", "marche"),
    ("FR", "Frosinone", "lazio"),
    ("LT", "Latina", "lazio"),
    ("RI", "Rieti", "lazio"),
    ("RM", "Roma", "lazio"),
    ("VT", "Viterbo", "lazio"),
    ("AQ", "L'Aquila", "abruzzo"),
    ("CH", "Chieti", "abruzzo"),
    ("PE", "Pescara", "abruzzo"),
    ("TE", "Teramo", "abruzzo"),
    ("CB", "Campobasso", "molise"),
    ("IS", "Isernia", "molise"),
    ("AV", "Avellino", "campania"),
    ("BN", "Benevento", "campania"),
    ("CE", "Caserta", "campania"),
    ("NA", "Napoli", "campania"),
    ("SA", "Salerno", "campania"),
    ("BA", "Bari", "puglia"),
    ("BT", "Barletta-Andria-Trani", "puglia"),
    ("BR", "Brindisi", "puglia"),
    ("FG", "Foggia", "puglia"),
    ("LE", "Lecce", "puglia"),
    ("TA", "Taranto", "puglia"),
    ("MT", "Matera", "basilicata"),
    ("PZ", "Potenza", "basilicata"),
    ("CZ", "Catanzaro", "calabria"),
    ("CS", "Cosenza", "calabria"),
    ("KR", "Crotone", "calabria"),
    ("RC", "Reggio Calabria", "calabria"),
    ("VV", "Vibo Valentia", "calabria"),
    ("AG", "Agrigento", "sicilia"),
    ("CL", "Caltanissetta", "sicilia"),
    ("CT", "Catania", "sicilia"),
    ("EN", "Enna", "sicilia"),
    ("ME", "Messina", "sicilia"),
    ("PA", "Palermo", "sicilia"),
    ("RG", "Ragusa", "sicilia"),
    ("SR", "Siracusa", "sicilia"),
    ("TP", "Trapani", "sicilia"),
    ("CA", "Cagliari", "sardegna"),
    ("NU", "Nuoro", "sardegna"),
    ("OR", "Oristano", "sardegna"),
    ("SS", "Sassari", "sardegna"),
    ("SU", "Sud Sardegna", "sardegna"),
]

#: Choices of the Italian provinces, ``(code, "Name (code)")``, sorted by name.
ITALIAN_PROVINCES: list[tuple[str, str]] = sorted(
    ((code, f"{name} ({code})") for code, name, _region in _PROVINCES),
    key=lambda choice: choice[1],
)

#: Region code of each province code.
PROVINCE_REGION: dict[str, str] = {code: region for code, _name, region in _PROVINCES}

#: Name of each province code.
PROVINCE_NAME: dict[str, str] = {code: name for code, name, _region in _PROVINCES}

#: Code of each province name, folded (``"bolzano"``, ``"bozen"`` and ``"bolzano bozen"``).
_CODE_OF_NAME: dict[str, str] = {
    fold(alias): code for code, name, _region in _PROVINCES for alias in (name, *name.split("/"))
}

#: Province choices per ISO 3166-1 alpha-2 country code.
PROVINCES_BY_COUNTRY: dict[str, list[tuple[str, str]]] = {"IT": ITALIAN_PROVINCES}


def province_choices(country: str) -> list[tuple[str, str]] | None:
    """The province choices of ``country``, or ``None`` when any name is accepted."""
    return PROVINCES_BY_COUNTRY.get((country or "").upper())


def province_region(country: str, text: str) -> str:
    """The region code of the province ``text`` names in ``country``, or ``""``.

    ``text`` is a province code in any case (``"mi"``) or its name, compared through
    :func:`wagtail_community_matching.text.fold` (``"Forli Cesena"``). Other
    countries than Italy give ``""``: an Italian code means nothing there.
    """
    if (country or "").upper() != "IT":  # the provinces above are Italy's
        return ""
    text = (text or "").strip()
    code = text.upper()
    if code not in PROVINCE_REGION:
        code = _CODE_OF_NAME.get(fold(text), "")
    return PROVINCE_REGION.get(code, "")
