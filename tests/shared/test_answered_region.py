"""One rule for the region of an application: the applications list and the approved member.

``submissions.answered_region`` now gives both. Before, the list took the region
answer as typed ("Lombardia", which its region filter of codes never finds) and
read unmapped region and province fields but not a province typed in a text field;
the approval normalised the region, read only mapped fields, took a province code
only in capitals, and gave an Italian region to a province code of any country.
"""

from __future__ import annotations

import pytest

from wagtail_community_matching.adhesion.approval import member_values
from wagtail_community_matching.adhesion.submissions import answered_region, submit_application

from ..adhesion.helpers import make_form_page, make_home

pytestmark = pytest.mark.django_db

NAME = {"label": "Ente", "field_type": "singleline", "maps_to": "name"}


def field(label: str, field_type: str = "singleline", maps_to: str = "") -> dict:
    return {"label": label, "field_type": field_type, "maps_to": maps_to, "required": False}


MAPPED_REGION_TEXT = field("Regione", maps_to="region")
REGION_FIELD = field("Regione", "region")
PROVINCE_FIELD = field("Provincia", "province")
MAPPED_PROVINCE_TEXT = field("Provincia", maps_to="province")
MAPPED_COUNTRY = field("Paese", maps_to="country")

CASES = {
    # (fields, answers, the region both now give)
    "region typed, mapped": ([MAPPED_REGION_TEXT], {"regione": "Lombardia"}, "lombardia"),
    "region typed with punctuation": (
        [MAPPED_REGION_TEXT],
        {"regione": "Friuli-Venezia Giulia"},
        "friuli-venezia-giulia",
    ),
    "region field, not mapped": ([REGION_FIELD], {"regione": "lazio"}, "lazio"),
    "province field, not mapped": ([PROVINCE_FIELD], {"provincia": "NA"}, "campania"),
    "province code typed, mapped": ([MAPPED_PROVINCE_TEXT], {"provincia": "mi"}, "lombardia"),
    "province name typed, mapped": ([MAPPED_PROVINCE_TEXT], {"provincia": "Milano"}, "lombardia"),
    "part of a province name": ([MAPPED_PROVINCE_TEXT], {"provincia": "Forlì"}, ""),
    "province name with other punctuation": (
        [MAPPED_PROVINCE_TEXT],
        {"provincia": "forli-cesena"},
        "emilia-romagna",
    ),
    "region before province": (
        [PROVINCE_FIELD, MAPPED_REGION_TEXT],
        {"provincia": "MI", "regione": "Toscana"},
        "toscana",
    ),
    "italian code, other country": (
        [MAPPED_PROVINCE_TEXT, MAPPED_COUNTRY],
        {"provincia": "AL", "paese": "FR"},
        "",
    ),
    "other country, region kept as typed": (
        [MAPPED_REGION_TEXT, MAPPED_COUNTRY],
        {"regione": "Provence", "paese": "fr"},
        "Provence",
    ),
    "country answered after the region": (
        [MAPPED_REGION_TEXT, MAPPED_COUNTRY],
        {"regione": "Lombardia", "paese": "CH"},
        "Lombardia",
    ),
    "nothing": ([REGION_FIELD, PROVINCE_FIELD], {}, ""),
}

_address = iter(range(1, 250))


@pytest.mark.parametrize(("fields", "answers", "region"), CASES.values(), ids=CASES.keys())
def test_the_list_and_the_member_get_the_same_region(fields, answers, region):
    page = make_form_page(make_home(), fields=[NAME, *fields])
    result = submit_application(
        page, {"ente": "Comune di Prova", **answers}, client_ip=f"10.9.0.{next(_address)}"
    )
    submission = result.submission
    assert submission is not None, result.errors
    assert answered_region(submission.answers()) == region
    assert submission.region == region
    assert member_values(submission)[0].get("region", "") == region
