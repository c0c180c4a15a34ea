"""The members endpoint of Wagtail's API v2 and the directory page's API fields (api/v2.py)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from .factories import make_image
from .member_factories import bulk_members, make_directory, make_member

pytestmark = pytest.mark.django_db

ENDPOINT = "/api/v2/members/"


@pytest.fixture
def members():
    return [
        make_member(
            "Comune di Milano",
            city="Milano",
            region="lombardia",
            kind="municipality",
            phone="+390212345678",
            logo=make_image("Logo"),
            latitude=45.46,
            longitude=9.19,
        ),
        make_member(
            "Cooperativa Ponte",
            city="Bergamo",
            region="lombardia",
            kind="cooperative",
            status="starting",
        ),
        make_member(
            "Associazione Incontro",
            city="Roma",
            region="lazio",
            kind="association",
            status="interested",
        ),
    ]


def names(response):
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Associazione Incontro", "Comune di Milano", "Cooperativa Ponte"]),
        ({"region": "lombardia"}, ["Comune di Milano", "Cooperativa Ponte"]),
        ({"kind": "private"}, ["Associazione Incontro", "Cooperativa Ponte"]),
        ({"status": "starting"}, ["Cooperativa Ponte"]),
        ({"letter": "c"}, ["Comune di Milano", "Cooperativa Ponte"]),
        ({"q": "Bergamo"}, ["Cooperativa Ponte"]),
        ({"search": "Milano"}, ["Comune di Milano"]),
        (
            {"locale": "it", "order": "-name"},
            ["Cooperativa Ponte", "Comune di Milano", "Associazione Incontro"],
        ),
        ({"limit": 1, "offset": 1}, ["Comune di Milano"]),
    ],
)
def test_filters(client, members, params, expected):
    assert names(client.get(ENDPOINT, params)) == expected


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({"region": "atlantide"}, "atlantide"),
        ({"kind": "spaceship"}, "spaceship"),
        ({"status": "x"}, "x"),
        ({"letter": "??"}, "??"),
        ({"q": "x" * 500}, "200"),
        ({"locale": "xx"}, "xx"),
        ({"colour": "blue"}, "colour"),
        ({"offset": "-1"}, "offset"),
        ({"order": "password"}, "password"),
    ],
)
def test_bad_parameters_are_400_with_a_reason(client, members, params, reason):
    response = client.get(ENDPOINT, params)
    assert response.status_code == 400
    assert reason in response.json()["message"]


def test_items_carry_logo_rendition_and_page_url(client, members):
    directory = make_directory()
    item = client.get(ENDPOINT, {"region": "lombardia", "kind": "public"}).json()["items"][0]
    assert (
        item["logo"]["url"].endswith(".max-240x240.png") or ".max-240x240." in item["logo"]["url"]
    )
    assert item["meta"]["html_url"] == f"http://localhost{directory.url}comune-di-milano/"
    assert item["meta"]["locale"] == "it"
    detail = client.get(item["meta"]["detail_url"].replace("http://localhost", "")).json()
    assert detail["phone"] == "+390212345678"
    assert detail["latitude"] == 45.46
    assert detail["sector"] == "public"
    assert "contact" not in " ".join(detail)


def test_html_url_is_none_without_a_directory_page(client, members):
    item = client.get(ENDPOINT).json()["items"][0]
    assert item["meta"]["html_url"] is None


def api_queries(client, params):
    client.get(ENDPOINT, params)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(ENDPOINT, params).status_code == 200
    return len(queries)


def test_query_count_is_constant(client):
    make_directory()
    bulk_members(10)
    params = {"limit": 20, "fields": "*"}
    small = api_queries(client, params)
    bulk_members(200, prefix="Altro")
    assert api_queries(client, params) == small


def test_locales_are_kept_apart(client, members):
    english = Locale.objects.get_or_create(language_code="en")[0]
    make_member("Milan Municipality", locale=english)
    assert names(client.get(ENDPOINT, {"locale": "en"})) == ["Milan Municipality"]
    assert "Milan Municipality" not in names(client.get(ENDPOINT, {"locale": "it"}))


def test_directory_page_api_fields(client, members):
    directory = make_directory(intro="Chi aderisce.")
    data = client.get(f"/api/v2/pages/{directory.pk}/").json()
    assert data["intro"] == "Chi aderisce."
    assert data["member_count"] == 3
    first = data["members"][0]
    assert first["name"] == "Associazione Incontro"
    assert first["url"] == f"http://localhost{directory.url}associazione-incontro/"
    milano = next(m for m in data["members"] if m["slug"] == "comune-di-milano")
    assert ".max-240x240." in milano["logo"]["url"]
