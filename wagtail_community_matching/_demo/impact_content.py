"""Demo impact figures and page texts (fictional figures shaped like published ones)."""

from __future__ import annotations

#: Years of validated reports in the demo: the pilot year, then three years of the network.
YEARS = [2022, 2023, 2024, 2025]

#: Matches started by the members running a programme, per year, all together (about 100
#: in the pilot, as in DOMAIN.md).
YEAR_TOTALS = {2022: 110, 2023: 430, 2024: 490, 2025: 540}

#: Share of each year's matches per member (slug of the demo member). A member reports
#: from the year it joined the network (the pilot: the five members of 2022).
SHARES = {
    "roma-capitale-dipartimento-politiche-sociali": 19,
    "associazione-vicini-di-casa": 15,
    "comune-di-bologna": 12,
    "comune-di-bari": 11,
    "cooperativa-ponti-aperti": 10,
    "fondazione-terra-comune": 9,
    "associazione-nuovi-incontri": 9,
    "associazione-mare-di-mezzo": 7,
}

#: Members starting a programme report their first matches for the last year only.
STARTING = {
    "universita-partenopea-per-l-inclusione": 14,
    "comune-di-palermo": 11,
}

#: The member whose report for the last year is missing: its link is printed. Its report
#: for the year before was sent and waits for the staff to validate it.
MISSING = "cooperativa-il-faro"
#: Matches started in the waiting report of ``MISSING`` (year before the last).
WAITING = 6

#: Outcome shares (centre, spread) per year; the share finding work grows by cohort.
OUTCOMES = {
    "outcome-orientation": {2022: (84, 3), 2023: (85, 3), 2024: (85, 3), 2025: (85, 3)},
    "outcome-language": {2022: (62, 5), 2023: (63, 5), 2024: (63, 5), 2025: (63, 5)},
    "outcome-housing": {2022: (28, 6), 2023: (30, 6), 2024: (30, 6), 2025: (30, 6)},
    "outcome-work": {2022: (20, 3), 2023: (22, 4), 2024: (41, 5), 2025: (60, 3)},
    "women-matched": {2022: (55, 5), 2023: (55, 5), 2024: (55, 5), 2025: (55, 5)},
}

PAGE = {
    "it": {
        "slug": "impatto",
        "title": "Il nostro impatto",
        "intro": "<p>I numeri che i membri della rete raccolgono ogni anno: abbinamenti avviati, "
        "persone coinvolte e cosa cambia per chi partecipa.</p>",
        "methodology": "<p>Ogni ente aderente invia una volta l'anno i propri dati attraverso "
        "un modulo riservato. Lo staff della rete li controlla prima di pubblicarli: contano "
        "solo i rapporti convalidati.</p><p>Le percentuali sono calcolate sugli abbinamenti "
        "conclusi nell'anno.</p>",
        "figures_heading": "La rete in cifre",
    },
    "en": {
        "slug": "impact",
        "title": "Our impact",
        "intro": "<p>The figures the network's members collect every year: matches started, "
        "people involved and what changes for those who take part.</p>",
        "methodology": "<p>Each member organisation sends its figures once a year through a "
        "private form. The network's staff check them before publication: only validated "
        "reports count.</p><p>Percentages are computed on the matches closed in the year.</p>",
        "figures_heading": "The network in figures",
    },
}

#: Indicators of the key-figures block on the home page.
HOME_FIGURES = ["matches-started", "people-matched", "people-reached", "cities"]
