"""One formula-escaping rule for every export (``spreadsheets.neutralise_formula``).

Before the feature packages, the members', registrations' and impact CSVs each had
their own prefix list without the line feed; the applications export had it. Each
export now goes through the one function: these tests hold each of them to every
trigger character, the line feed included.
"""

from __future__ import annotations

import csv
import io

import pytest

from wagtail_community_matching.events.viewsets import RegistrationIndexView
from wagtail_community_matching.impact.views.export import safe
from wagtail_community_matching.members.viewsets import MemberIndexView
from wagtail_community_matching.spreadsheets import FORMULA_TRIGGERS, neutralise_formula

TRIGGERS = ["=", "+", "-", "@", "\t", "\r", "\n"]
PAYLOADS = [f'{trigger}HYPERLINK("http://evil.test")' for trigger in TRIGGERS]


def test_the_trigger_list_is_owasps_with_the_line_feed():
    assert sorted(FORMULA_TRIGGERS) == sorted(TRIGGERS)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_trigger_is_neutralised(payload):
    assert neutralise_formula(payload) == "'" + payload


@pytest.mark.parametrize(
    "value", ["Comune di Bologna", "", " =1", "1+1", "a-b", "mail@example.org", 3, None, 2.5]
)
def test_everything_else_is_left_alone(value):
    assert neutralise_formula(value) == value


@pytest.mark.parametrize("payload", PAYLOADS)
def test_member_csv_cells_are_neutralised(payload):
    view = MemberIndexView()
    assert view.preprocess_field_value("name", payload, view.FORMAT_CSV) == "'" + payload


def test_member_xlsx_cells_are_left_as_typed():
    view = MemberIndexView()
    assert view.preprocess_field_value("name", "=1", view.FORMAT_XLSX) == "=1"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_registration_csv_cells_are_neutralised(payload):
    view = RegistrationIndexView()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["name", "email"])
    view.write_csv_row(writer, {"name": payload, "email": "a@example.org"})
    row = next(csv.reader(io.StringIO(out.getvalue())))
    assert row == ["'" + payload, "a@example.org"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_impact_csv_cells_are_neutralised(payload):
    assert safe(payload) == "'" + payload
    assert safe(None) == "" and safe(12) == "12"
