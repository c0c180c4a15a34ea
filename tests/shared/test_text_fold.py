"""One folding rule (``text.fold``) for region names and for free answers matched to choices.

Before, ``regions`` dropped punctuation ("Friuli-Venezia" gave "friulivenezia") while
the approval of applications turned it into spaces ("friuli venezia"): a region
written with a hyphen where the official name has a space, or the other way round,
matched nothing. Both now compare names through ``text.fold``.
"""

from __future__ import annotations

import pytest

from wagtail_community_matching.adhesion.approval import match_choice
from wagtail_community_matching.members.choices import MemberKind
from wagtail_community_matching.places.regions import normalise_region
from wagtail_community_matching.text import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Emilia-Romagna", "emilia romagna"),
        ("Valle d'Aosta", "valle d aosta"),
        ("VALLE D’AOSTA", "valle d aosta"),
        ("ETS/associazione", "ets associazione"),
        ("  Università  degli studi ", "universita degli studi"),
        ("Südtirol", "sudtirol"),
    ],
)
def test_fold_drops_case_and_accents_and_spaces_punctuation(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        # Matched nothing before: punctuation where the stored names have spaces.
        ("Friuli-Venezia Giulia", "friuli-venezia-giulia"),
        ("Friuli-Venezia-Giulia", "friuli-venezia-giulia"),
        ("Trentino Alto Adige / Südtirol", "trentino-alto-adige"),
        ("Valle d’Aosta / Vallée d’Aoste", "valle-d-aosta"),
        # Matched before and still do.
        ("Emilia Romagna", "emilia-romagna"),
        ("EmiliaRomagna", "emilia-romagna"),
        ("emilia_romagna", "emilia-romagna"),
        ("Valle d'Aosta", "valle-d-aosta"),
        ("LOMBARDY", "lombardia"),
    ],
)
def test_region_names_match_whatever_the_punctuation(typed, code):
    assert normalise_region("IT", typed) == code


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ("ETS/associazione", "association"),
        ("Università", "university"),
        ("Altro ente pubblico", "other_public"),
        ("other-public", "other_public"),
    ],
)
def test_answers_match_choices_by_the_same_rule(answer, code):
    assert match_choice(MemberKind, answer) == code
