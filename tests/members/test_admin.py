"""Members in the Wagtail admin: listing, filters, search, export, form and menu."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from wagtail_community_matching.checks import check_settings
from wagtail_community_matching.members.viewsets import MemberViewSet
from wagtail_community_matching.models import Member
from wagtail_community_matching.spreadsheets import neutralise_formula

from ..factories import make_image
from .factories import make_member

pytestmark = pytest.mark.django_db

URL = "wagtailsnippets_wagtail_community_matching_member"


def url(name, *args):
    return reverse(f"{URL}:{name}", args=args)


@pytest.fixture
def members():
    return [
        make_member(
            "Comune di Milano",
            city="Milano",
            region="lombardia",
            kind="municipality",
            logo=make_image("Logo Milano"),
        ),
        make_member(
            "Cooperativa Sole",
            city="Palermo",
            region="sicilia",
            kind="cooperative",
            status="starting",
        ),
        make_member("Bozza Ente", city="Torino", region="piemonte", publish=False),
        make_member('=HYPERLINK("http://x")', city="Roma", region="lazio", listed=False),
    ]


def listing_names(response):
    return [str(obj) for obj in response.context["object_list"]]


def test_listing_shows_logo_thumbnails_and_status(admin_client, members):
    response = admin_client.get(url("list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Comune di Milano" in html and "Bozza Ente" in html
    assert 'class="cm-admin-logo"' in html and ".max-80x40." in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"region": "lombardia"}, ["Comune di Milano"]),
        ({"kind": "cooperative"}, ["Cooperativa Sole"]),
        ({"status": "starting"}, ["Cooperativa Sole"]),
        ({"listed": "false"}, ['=HYPERLINK("http://x")']),
        ({"live": "false"}, ["Bozza Ente"]),
        ({"q": "Palermo"}, ["Cooperativa Sole"]),
    ],
)
def test_listing_filters_and_search(admin_client, members, params, expected):
    response = admin_client.get(url("list"), params)
    assert response.status_code == 200
    assert listing_names(response) == expected


def test_listing_fetches_logo_thumbnails_in_one_query(admin_client, members):
    # Wagtail's own listing makes a few queries per row (translations, revisions);
    # the logos must not add any: one query fetches every thumbnail.
    def image_queries():
        admin_client.get(url("list"))  # renditions are generated on the first visit
        with CaptureQueriesContext(connection) as queries:
            admin_client.get(url("list"))
        return [q["sql"] for q in queries.captured_queries if "wagtailimages_" in q["sql"]]

    before = image_queries()
    assert len(before) == 2  # the members (joined with their logos) and the thumbnails
    for number in range(8):
        make_member(f"Ente {number}", logo=make_image(f"Logo {number}"))
    assert len(image_queries()) == len(before)


def test_xlsx_export(admin_client, members):
    response = admin_client.get(url("list"), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(
        io.BytesIO(
            b"".join(response.streaming_content if response.streaming else [response.content])
        )
    )
    rows = list(sheet.active.iter_rows(values_only=True))
    with translation.override("it"):  # the admin user's language: the site's default
        heading = str(Member._meta.get_field("name").verbose_name)
    assert rows[0][0].lower() == heading.lower()
    names = [row[0] for row in rows[1:]]
    assert "Comune di Milano" in names and "Bozza Ente" in names


def test_csv_export_neutralises_formulas(admin_client, members):
    response = admin_client.get(url("list"), {"export": "csv"})
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    names = [row[0] for row in rows[1:]]
    assert '\'=HYPERLINK("http://x")' in names
    assert neutralise_formula("+39 02") == "'+39 02" and neutralise_formula(3) == 3


def test_inspect_view(admin_client, members):
    response = admin_client.get(url("inspect", members[0].pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Comune di Milano" in html and "Lombard" in html


def form_data(**overrides):
    data = {
        "name": "Fondazione Aurora",
        "slug": "",
        "kind": "foundation",
        "status": "interested",
        "listed": "on",
        "city": "Parma",
        "province": "PR",
        "region": "Emilia-Romagna",
        "country": "IT",
        "latitude": "",
        "longitude": "",
        "website": "https://aurora.example/",
        "email": "info@aurora.example",
        "phone": "0521 123456",
        "logo": "",
        "description": "Una fondazione.",
        "services": ["training", "visibility"],
        "date_joined": "2024-11-05",
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_create_and_publish_through_the_admin(admin_client):
    response = admin_client.post(url("add"), form_data())
    assert response.status_code == 302, response.context["form"].errors
    member = Member.objects.get(name="Fondazione Aurora")
    assert member.live
    assert member.slug == "fondazione-aurora"
    assert member.region == "emilia-romagna"
    assert str(member.phone) == "+390521123456"
    assert member.services == ["training", "visibility"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"region": "Atlantide"}, "region"),
        ({"phone": "12"}, "phone"),
        ({"latitude": "44.8"}, "longitude"),
        ({"latitude": "144.8", "longitude": "10"}, "latitude"),
        ({"slug": "comune-di-milano"}, "slug"),
        ({"slug": "_map"}, "slug"),
        ({"services": ["teleport"]}, "services"),
    ],
)
def test_admin_form_errors_are_clear(admin_client, members, overrides, field):
    response = admin_client.post(url("add"), form_data(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors


def test_foreign_members_take_any_region(admin_client):
    data = form_data(name="Verein Brücke", country="DE", region="Bayern", phone="+49 89 123456")
    response = admin_client.post(url("add"), data)
    assert response.status_code == 302, response.context["form"].errors
    assert Member.objects.get(name="Verein Brücke").region == "Bayern"


def test_saving_a_draft_keeps_the_live_version(admin_client, members):
    milano = members[0]
    data = form_data(name="Nuovo Nome", slug=milano.slug, **{"action-publish": None})
    response = admin_client.post(url("edit", milano.pk), data)
    assert response.status_code == 302, response.context["form"].errors
    milano.refresh_from_db()
    assert milano.name == "Comune di Milano" and milano.has_unpublished_changes


def test_menu_order_setting(settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"MEMBER_ADMIN_MENU_ORDER": 120}
    viewset = MemberViewSet()
    assert viewset.add_to_admin_menu and viewset.get_menu_item().order == 120
    settings.WAGTAIL_COMMUNITY_MATCHING = {"MEMBER_ADMIN_MENU_ORDER": None}
    assert MemberViewSet().menu_hook is None


def test_members_menu_item_in_the_admin(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert url("list") in html


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ({"MEMBER_ADMIN_MENU_ORDER": "top"}, "wagtail_community_matching.E030"),
        ({"MEMBER_ADMIN_MENU_ORDER": -1}, "wagtail_community_matching.E030"),
        ({"MAP_TILES": {"URL": "https://tiles.example/"}}, "wagtail_community_matching.E031"),
        ({"MAP_TILES": "osm"}, "wagtail_community_matching.E031"),
    ],
)
def test_checks_reject_bad_member_settings(settings, value, code):
    settings.WAGTAIL_COMMUNITY_MATCHING = value
    assert code in [error.id for error in check_settings()]


def test_checks_accept_good_member_settings(settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {
        "MEMBER_ADMIN_MENU_ORDER": None,
        "MAP_TILES": {"URL": "https://t.example/{z}/{x}/{y}.png", "ATTRIBUTION": "T"},
    }
    assert check_settings() == []
