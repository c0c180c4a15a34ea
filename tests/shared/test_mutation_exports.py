"""Every formula trigger through every export, headings included (issue 18).

The unit tests of ``tests/shared/test_spreadsheets.py`` hold the one escaping function to
each trigger; these download each export as its users do and check every cell and every
heading: editor-typed form labels (the applications' column headings), indicator names and
units (the public impact CSV), member and registration fields. Dropping any trigger from
the list, or the escaping of one export or of its headings, fails here.
"""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.translation import gettext_lazy

from wagtail_community_matching.models import AdhesionSubmission, Indicator, Registration
from wagtail_community_matching.spreadsheets import FORMULA_TRIGGERS, neutralise_formula

from ..adhesion.helpers import apply, make_form_page, make_home
from ..events.factories import make_event, make_index, soon
from ..impact.factories import indicators, make_impact_page, make_report
from ..impact.factories import make_member as make_reporting_member
from ..members.factories import make_member

pytestmark = pytest.mark.django_db

TRIGGERS = ["=", "+", "-", "@", "\t", "\r", "\n"]


def payload(trigger: str, what: str = "x") -> str:
    return f'{trigger}HYPERLINK("http://evil.test/{what}")'


def rows_of(response) -> list[list[str]]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def assert_inert(rows: list[list[str]]) -> None:
    """No cell and no heading of the file starts with a formula trigger."""
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_TRIGGERS), repr(cell)


def test_the_tests_use_every_trigger():
    assert set(TRIGGERS) == set(FORMULA_TRIGGERS)


@pytest.mark.parametrize("trigger", TRIGGERS)
def test_application_export_escapes_answers_and_editor_typed_headings(admin_client, trigger):
    page = make_form_page(make_home())
    field = page.form_fields.get(clean_name="breve_descrizione")
    field.label = payload(trigger, "label")
    field.save()
    submission = apply(page)
    # The form strips leading blanks from answers; stored answers may still hold any
    # trigger (older submissions, the API): the export must not rely on the form.
    answers = {
        **submission.form_data,
        "denominazione_ente": payload(trigger, "name"),
        "breve_descrizione": payload(trigger, "answer"),
    }
    AdhesionSubmission.objects.filter(pk=submission.pk).update(form_data=answers)
    listing = reverse("wagtailforms:list_submissions", args=(page.pk,))
    rows = rows_of(admin_client.get(listing + "?export=csv"))
    header, row = rows[0], rows[1]
    assert "'" + payload(trigger, "label") in header
    assert "'" + payload(trigger, "name") in row
    assert "'" + payload(trigger, "answer") in row
    assert_inert(rows)


@pytest.mark.parametrize("trigger", TRIGGERS)
def test_member_export_escapes_every_text_field(admin_client, trigger):
    make_member(payload(trigger, "name"), city=payload(trigger, "city"))
    url = reverse("wagtailsnippets_wagtail_community_matching_member:list")
    rows = rows_of(admin_client.get(url, {"export": "csv"}))
    cells = {cell for row in rows[1:] for cell in row}
    assert "'" + payload(trigger, "name") in cells
    assert "'" + payload(trigger, "city") in cells
    assert_inert(rows)


@pytest.mark.parametrize("trigger", TRIGGERS)
def test_registration_export_escapes_every_text_field(client, admin_user, trigger):
    event = make_event(
        make_index(),
        payload(trigger, "title"),
        slug="evento",
        start=soon(30),
        registration_mode="built_in",
    )
    occurrence = event.event_occurrences.get()
    Registration.objects.create(
        occurrence=occurrence,
        name=payload(trigger, "name"),
        email="persona@example.org",
        organisation=payload(trigger, "organisation"),
        status="registered",
        consent_text="ok",
    )
    client.force_login(admin_user)
    rows = rows_of(client.get("/admin/event_registrations/?export=csv"))
    cells = {cell for row in rows[1:] for cell in row}
    for what in ("title", "name", "organisation"):
        assert "'" + payload(trigger, what) in cells, what
    assert_inert(rows)


def test_public_impact_csv_escapes_every_trigger_in_names_and_units(client):
    page = make_impact_page()
    catalogue = list(indicators().values())
    assert len(catalogue) >= len(TRIGGERS)
    names = {}
    for indicator, trigger in zip(catalogue, TRIGGERS * len(catalogue), strict=False):
        indicator.name = payload(trigger, indicator.code)
        indicator.unit = f"{trigger}unit"
        indicator.save()
        names[indicator.code] = indicator.name
    for number in range(6):
        make_report(make_reporting_member(f"Ente {number}"), 2025, {"matches-started": 10})
    response = client.get(page.url + "csv/")
    assert response.status_code == 200
    rows = rows_of(response)
    header = rows[0]
    assert_inert(rows)
    published = set(Indicator.objects.published().values_list("code", flat=True))
    seen = {}
    for row in rows[1:]:
        record = dict(zip(header, row, strict=True))
        seen[record["indicator"]] = record
    assert set(seen) == published
    for code, record in seen.items():
        assert record["indicator_name"] == "'" + names[code]
        assert record["unit"].startswith("'") and record["unit"][1:].endswith("unit")


class EventDate:
    """An object written as its text, like an event date (its title first)."""

    def __init__(self, text: str):
        self.text = text

    def __str__(self) -> str:
        return self.text


@pytest.mark.parametrize("trigger", TRIGGERS)
def test_objects_and_lazy_text_are_checked_as_their_text(trigger):
    assert neutralise_formula(EventDate(payload(trigger))) == "'" + payload(trigger)
    lazy = gettext_lazy(payload(trigger))  # Django's gettext turns a CR into a LF
    assert neutralise_formula(lazy) == "'" + str(lazy)
    harmless = EventDate("Formazione (2026-12-30)")
    assert neutralise_formula(harmless) is harmless


@pytest.mark.parametrize(
    "value",
    [0, -3, -2.5, Decimal("-1.5"), True, datetime.date(2026, 1, 2), datetime.timedelta(hours=-1)],
)
def test_numbers_and_dates_stay_values(value):
    assert neutralise_formula(value) is value
