"""Members, venues, event registrations, indicators and reports in the ModelAdmin group.

Each listing filters, searches, inspects and exports (CSV and XLSX, formula-safe) under
the model permissions of the package's viewsets; adding, editing and deleting go to the
package's own views, which check them again.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from wagtail_community_matching.models import Indicator, Member, Occurrence, Registration, Venue

from ..events.factories import make_event, make_index, make_venue, soon
from ..impact.factories import indicators, make_report
from ..members.factories import make_member
from .conftest import INDEX, action_url, in_english, refused

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://x")'


def names(response):
    return sorted(str(item) for item in response.context["object_list"])


def csv_rows(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def xlsx_rows(response):
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(b"".join(response.streaming_content))).active.values)


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


# --- Members ------------------------------------------------------------------------


@pytest.fixture
def members():
    return [
        make_member("Comune di Milano", city="Milano", region="lombardia", kind="municipality"),
        make_member("Cooperativa Sole", city="Palermo", region="sicilia", kind="cooperative"),
        make_member(EVIL, city="Roma", region="lazio", kind="association", listed=False),
    ]


def test_members_list_filter_search_and_inspect(admin_client, members):
    listing = INDEX["member"]
    assert names(admin_client.get(listing)) == sorted(m.name for m in members)
    assert names(admin_client.get(listing + "?region=sicilia")) == ["Cooperativa Sole"]
    assert names(admin_client.get(listing + "?kind__exact=municipality")) == ["Comune di Milano"]
    assert names(admin_client.get(listing + "?listed__exact=0")) == [EVIL]
    assert names(admin_client.get(listing + "?q=palermo")) == ["Cooperativa Sole"]
    html = admin_client.get(action_url("member", "inspect", members[0].pk)).content.decode()
    assert "Lombardia" in html and "Milano" in html


def test_members_listing_queries_do_not_grow_with_the_members(admin_client, members):
    few = queries_of(admin_client, INDEX["member"])
    for index in range(12):
        make_member(f"Ente {index}", city="Bari", region="puglia")
    assert queries_of(admin_client, INDEX["member"]) == few


def test_members_export_csv_and_xlsx_formula_safe(client, admin_user, members):
    client.force_login(in_english(admin_user))
    rows = csv_rows(client.get(INDEX["member"] + "?export=csv"))
    assert rows[0][:4] == ["Name", "Slug", "Type", "Programme status"]
    assert "'" + EVIL in [row[0] for row in rows[1:]]
    region = rows[0].index("Region")
    assert {row[region] for row in rows[1:]} == {"Lombardy", "Sicily", "Lazio"}
    sheet = xlsx_rows(client.get(INDEX["member"] + "?export=xlsx&region=lazio"))
    assert sheet[1][0] == "'" + EVIL and len(sheet) == 2


def test_member_permissions_are_the_snippets(client, members, staff):
    member = members[0]
    client.force_login(staff("nobody"))
    assert refused(client.get(INDEX["member"]))
    assert refused(client.get(INDEX["member"] + "?export=csv"))
    assert refused(client.get(action_url("member", "inspect", member.pk)))
    assert refused(client.get(action_url("member", "history", member.pk)))

    client.force_login(staff("viewer", "view_member"))
    response = client.get(INDEX["member"])
    assert response.status_code == 200
    assert action_url("member", "edit", member.pk) not in response.content.decode()
    assert client.get(action_url("member", "inspect", member.pk)).status_code == 200
    assert client.get(action_url("member", "history", member.pk)).status_code == 200
    assert refused(client.get(action_url("member", "edit", member.pk)))
    assert refused(client.get(action_url("member", "delete", member.pk)))
    assert refused(client.get(INDEX["member"] + "create/"))


def test_member_writes_go_to_the_snippet_views(client, members, staff):
    member = members[0]
    client.force_login(staff("editor", "add_member", "change_member", "delete_member"))
    snippet = "wagtailsnippets_wagtail_community_matching_member"
    expected = {
        action_url("member", "edit", member.pk): reverse(f"{snippet}:edit", args=(member.pk,)),
        action_url("member", "delete", member.pk): reverse(f"{snippet}:delete", args=(member.pk,)),
        INDEX["member"] + "create/": reverse(f"{snippet}:add"),
    }
    for url, target in expected.items():
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == target, url
    assert Member.objects.filter(pk=member.pk).exists()  # a GET deletes nothing


# --- Venues -------------------------------------------------------------------------


def test_venues_list_filter_search_inspect_and_export(client, admin_user):
    make_venue()
    parma = make_venue(name="Centro", city="Parma", region="Emilia-Romagna")
    make_venue(name="@SUM(1)", city="Bari", region="Puglia")
    client.force_login(in_english(admin_user))
    listing = INDEX["venue"]
    assert names(client.get(listing + "?q=parma")) == [str(parma)]
    assert names(client.get(listing + "?region=Puglia")) == [str(Venue.objects.get(city="Bari"))]
    assert "Emilia-Romagna" in client.get(action_url("venue", "inspect", parma.pk)).content.decode()
    rows = csv_rows(client.get(listing + "?export=csv"))
    assert rows[0][:2] == ["Name", "Street Address"]
    assert "'@SUM(1)" in [row[0] for row in rows]
    assert len(xlsx_rows(client.get(listing + "?export=xlsx"))) == 4


def test_venue_permissions(client, staff):
    venue = make_venue()
    client.force_login(staff("nobody"))
    assert refused(client.get(INDEX["venue"]))
    client.force_login(staff("viewer", "view_venue"))
    assert client.get(INDEX["venue"]).status_code == 200
    assert refused(client.get(action_url("venue", "delete", venue.pk)))


# --- Event registrations ------------------------------------------------------------


@pytest.fixture
def registrations():
    index = make_index()
    event = make_event(
        index, "Formazione Parma", start=soon(30), registration_mode="built_in", capacity=5
    )
    occurrence = Occurrence.objects.get(page=event)
    return [
        Registration.objects.create(
            occurrence=occurrence,
            name=name,
            email=f"{index_}@example.org",
            organisation=organisation,
            status=status,
            consent_text="Consenso",
        )
        for index_, (name, organisation, status) in enumerate(
            [
                ("Giulia Bianchi", "Comune di Parma", "confirmed"),
                (EVIL, "+SUM(1,2)", "waiting"),
            ]
        )
    ]


def test_registrations_list_filter_search_inspect_and_export(client, admin_user, registrations):
    client.force_login(in_english(admin_user))
    listing = INDEX["registration"]
    assert names(client.get(listing + "?status__exact=waiting")) == [str(registrations[1])]
    assert names(client.get(listing + "?q=formazione")) == sorted(map(str, registrations))
    html = client.get(action_url("registration", "inspect", registrations[0].pk)).content.decode()
    assert "Giulia Bianchi" in html and "Formazione Parma" in html
    rows = csv_rows(client.get(listing + "?export=csv"))
    assert rows[0][:4] == ["Event", "Date", "Name", "Email"]
    evil = next(row for row in rows if "1@example.org" in row)
    assert evil[2] == "'" + EVIL and evil[4] == "'+SUM(1,2)"
    sheet = xlsx_rows(client.get(listing + "?export=xlsx"))
    assert {row[0] for row in sheet[1:]} == {"Formazione Parma"}


def test_registrations_are_not_created_here_and_edits_go_to_the_viewset(
    client, registrations, staff
):
    registration = registrations[0]
    client.force_login(staff("nobody"))
    assert refused(client.get(INDEX["registration"]))
    client.force_login(
        staff("editor", "add_registration", "change_registration", "delete_registration")
    )
    assert refused(client.get(INDEX["registration"] + "create/"))
    response = client.get(action_url("registration", "edit", registration.pk))
    assert response["Location"] == reverse("event_registrations:edit", args=(registration.pk,))
    response = client.get(action_url("registration", "delete", registration.pk))
    assert response["Location"] == reverse("event_registrations:delete", args=(registration.pk,))


# --- Impact -------------------------------------------------------------------------


def test_indicators_and_reports(client, admin_user):
    catalogue = indicators()
    member = make_member("Comune di Milano", city="Milano", region="lombardia")
    other = make_member("Cooperativa Sole", city="Palermo", region="sicilia")
    code, indicator = next(iter(catalogue.items()))
    report = make_report(member, 2024, {code: 12}, status="submitted")
    make_report(other, 2023, {code: 3})
    client.force_login(in_english(admin_user))

    listing = INDEX["indicator"]
    translations = Indicator.objects.filter(code=indicator.code)
    assert names(client.get(listing + f"?q={indicator.code}")) == sorted(map(str, translations))
    assert client.get(action_url("indicator", "inspect", indicator.pk)).status_code == 200
    rows = csv_rows(client.get(listing + "?export=csv"))
    assert len(rows) == 1 + Indicator.objects.count()
    assert rows[0][:3] == ["Name", "Code", "Kind"]

    listing = INDEX["report"]
    assert names(client.get(listing + "?status__exact=submitted")) == [str(report)]
    assert (
        names(client.get(listing + "?year=2023")) == [str(other.impactreport_set.get())]
        if (hasattr(other, "impactreport_set"))
        else True
    )
    html = client.get(action_url("report", "inspect", report.pk)).content.decode()
    assert f"{indicator}: 12.00" in html
    rows = csv_rows(client.get(listing + "?export=csv"))
    assert rows[0][:4] == ["Member", "Year", "Part Of The Year", "Status"]
    values = rows[0].index("Values")
    assert [row[values] for row in rows[1:] if row[0] == str(member)] == [f"{indicator}: 12.00"]
    assert len(xlsx_rows(client.get(listing + "?export=xlsx"))) == 3


def test_reports_export_queries_do_not_grow_with_the_reports(client, admin_user):
    catalogue = indicators()
    code = next(iter(catalogue))
    client.force_login(admin_user)
    url = INDEX["report"] + "?export=xlsx"

    def export_queries():
        with CaptureQueriesContext(connection) as queries:
            xlsx_rows(client.get(url))
        return len(queries)

    make_report(make_member("Ente 0"), 2024, {code: 1})
    few = export_queries()
    for index in range(1, 8):
        make_report(make_member(f"Ente {index}"), 2024, {code: index})
    assert export_queries() == few


def test_impact_permissions_are_the_snippets(client, staff):
    indicators()
    report = make_report(make_member("Comune di Milano"), 2024, {}, status="submitted")
    client.force_login(staff("nobody"))
    assert refused(client.get(INDEX["indicator"]))
    assert refused(client.get(INDEX["report"]))
    assert refused(client.get(action_url("report", "inspect", report.pk)))
    client.force_login(staff("viewer", "view_impactreport"))
    assert client.get(INDEX["report"]).status_code == 200
    assert refused(client.get(INDEX["indicator"]))
    assert refused(client.get(action_url("report", "edit", report.pk)))
