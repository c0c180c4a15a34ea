"""Members over the APIs: the JSON API's members endpoints (filters, facets, pagination,
logos, privacy, queries), the members endpoint of Wagtail's API v2 and the directory page's
API fields (api/v2.py)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from wagtail_community_matching.http.conditional import mark_changed
from wagtail_community_matching.members.query import CHANGES
from wagtail_community_matching.models import Member

from ..api_helpers import api_get, error_codes
from ..conftest import it
from ..factories import make_image
from .factories import bulk_members, make_directory, make_member

pytestmark = pytest.mark.django_db


# -- JSON API ------------------------------------------------------------------------------


@pytest.fixture
def members():
    make_directory()
    return {
        "milano": make_member(
            "Comune di Milano",
            kind="municipality",
            region="lombardia",
            logo=make_image("M", width=800, height=400),
        ),
        "faro": make_member(
            "Cooperativa Il Faro", kind="cooperative", city="Napoli", region="campania"
        ),
        "arci": make_member(
            "Arci Roma", kind="association", city="Roma", region="lazio", status="starting"
        ),
    }


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["items"]]


def test_list_is_a_to_z_with_counts_and_facets(client, members):
    response = api_get(client, "members/")
    assert names(response) == ["Arci Roma", "Comune di Milano", "Cooperativa Il Faro"]
    body = response.json()
    assert (body["count"], body["limit"], body["offset"]) == (3, 20, 0)
    facets = {facet["name"]: facet for facet in body["facets"]}
    assert set(facets) == {"region", "kind", "status", "letter"}
    regions = {option["value"]: option["count"] for option in facets["region"]["options"]}
    assert regions == {"campania": 1, "lazio": 1, "lombardia": 1}
    letters = {option["value"]: option["count"] for option in facets["letter"]["options"]}
    assert letters["A"] == 1 and letters["C"] == 2 and letters["Z"] == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=lazio", ["Arci Roma"]),
        ("kind=cooperative", ["Cooperativa Il Faro"]),
        ("kind=public", ["Comune di Milano"]),
        ("status=starting", ["Arci Roma"]),
        ("letter=c", ["Comune di Milano", "Cooperativa Il Faro"]),
        ("q=faro", ["Cooperativa Il Faro"]),
        ("q=napoli", ["Cooperativa Il Faro"]),
        ("limit=1&offset=1", ["Comune di Milano"]),
        ("offset=50", []),
    ],
)
def test_filters_match_the_directory(client, members, query, expected):
    assert names(api_get(client, f"members/?{query}")) == expected


def test_facets_are_counted_with_the_other_filters(client, members):
    body = api_get(client, "members/?region=lazio").json()
    kinds = {f["name"]: f for f in body["facets"]}["kind"]["options"]
    counted = {option["value"]: option["count"] for option in kinds}
    assert counted["association"] == 1 and "cooperative" not in counted
    regions = {f["name"]: f for f in body["facets"]}["region"]["options"]
    assert [o["value"] for o in regions if o["selected"]] == ["lazio"]


@pytest.mark.parametrize(
    ("query", "name", "code"),
    [
        ("region=atlantide", "region", "unknown_region"),
        ("kind=banca", "kind", "invalid"),
        ("status=dormant", "status", "invalid"),
        ("letter=%C3%A9", "letter", "invalid"),
        ("q=" + "x" * 201, "q", "invalid"),
        ("q=%21%21%21", "q", "invalid"),
        ("locale=xx", "locale", "unknown_locale"),
        ("limit=0", "limit", "greater_than_equal"),
        ("limit=101", "limit", "less_than_equal"),
        ("limit=abc", "limit", "int_parsing"),
        ("offset=-1", "offset", "greater_than_equal"),
        ("offset=99999999999999999999", "offset", "less_than_equal"),
    ],
)
def test_bad_filters_answer_422_naming_the_parameter(client, members, query, name, code):
    response = api_get(client, f"members/?{query}")
    assert response.status_code == 422
    assert error_codes(response) == {name: [code]}


@pytest.mark.parametrize(
    ("query", "message", "context"),
    [
        ("limit=abc", "Enter a whole number.", {}),
        ("limit=0", "Enter a number of at least %(ge)s.", {"ge": 1}),
        ("limit=101", "Enter a number of at most %(le)s.", {"le": 100}),
    ],
)
def test_parameter_errors_speak_the_request_language(client, members, query, message, context):
    assert it(message) != message
    for language, expected in (("en", message), ("it", it(message))):
        response = api_get(client, f"members/?{query}", accept_language=language)
        assert response.status_code == 422
        [error] = response.json()["errors"]["limit"]
        assert error["message"] == expected % context


def test_item_has_the_public_fields_and_logo_renditions(client, members):
    body = api_get(client, "members/?q=milano").json()
    item = body["items"][0]
    assert item["id"] == members["milano"].pk
    assert item["kind_label"] and item["region_label"] == "Lombardia"
    assert item["html_url"].endswith(f"/it/membri/{members['milano'].slug}/")
    logo = item["logo"]
    assert [r["filter_spec"] for r in logo["renditions"]] == [
        "max-160x160",
        "max-320x320",
        "max-640x640",
    ]
    # Absolute with the Site's root URL (tests/api/test_absolute_urls.py), not the Host.
    assert all(r["url"].startswith("http://localhost/") for r in logo["renditions"])
    assert logo["srcset"].count("w, ") == 2 and logo["src"] == logo["renditions"][1]["url"]
    widths = [r["width"] for r in logo["renditions"]]
    assert widths == sorted(widths) and all(w > 0 for w in widths)
    assert "contact" not in str(item).lower()


def test_detail_by_id_and_by_slug(client, members):
    milano = members["milano"]
    assert api_get(client, f"members/{milano.pk}/").json()["name"] == "Comune di Milano"
    by_slug = api_get(client, f"members/{milano.slug}/")
    assert by_slug.status_code == 200 and by_slug.json()["id"] == milano.pk


@pytest.mark.parametrize("ref", ["999999", "no-such-member", "99999999999999999999999"])
def test_unknown_member_is_a_404_in_the_error_shape(client, members, ref):
    response = api_get(client, f"members/{ref}/")
    assert response.status_code == 404
    assert error_codes(response) == {"__all__": ["not_found"]}


def test_unpublished_unlisted_and_draft_changes_never_show(client, members):
    make_member("Ente in bozza", publish=False)
    make_member("Ente non in elenco", listed=False)
    milano = members["milano"]
    milano.description = "Bozza riservata"
    milano.save_revision()  # a draft change, not published
    listed = names(api_get(client, "members/?limit=100"))
    assert listed == ["Arci Roma", "Comune di Milano", "Cooperativa Il Faro"]
    for name in ("Ente in bozza", "Ente non in elenco"):
        member = Member.objects.get(name=name)
        assert api_get(client, f"members/{member.pk}/").status_code == 404
        assert api_get(client, f"members/{member.slug}/").status_code == 404
    assert "Bozza" not in api_get(client, f"members/{milano.pk}/").json()["description"]


def test_locale_parameter_picks_the_translations(client, members):
    english, _created = Locale.objects.get_or_create(language_code="en")
    translated = members["milano"].copy_for_translation(english)
    translated.description = "The municipality of Milan."
    translated.save()
    translated.save_revision().publish()
    # Every organisation in every language: the English row where there is one.
    assert names(api_get(client, "members/?locale=en")) == names(api_get(client, "members/"))
    items = api_get(client, "members/?locale=en").json()["items"]
    milano = next(item for item in items if item["slug"] == members["milano"].slug)
    assert milano["description"] == "The municipality of Milan." and milano["locale"] == "en"
    detail = api_get(client, f"members/{members['milano'].slug}/?locale=en").json()
    assert detail["locale"] == "en" and detail["description"] == "The municipality of Milan."


#: Locale, search-free facet counts, the page of members, their logos' renditions,
#: the directory page of the locale, the site root of its URL and the request's Site
#: (absolute URLs come from its configured root URL).
LIST_QUERIES = 8


@pytest.mark.parametrize("count", [10, 500])
def test_list_queries_do_not_grow_with_the_members(client, count, django_assert_num_queries):
    make_directory()
    bulk_members(5, prefix="Aaa", logos=True)  # first in A-Z order: on the page
    bulk_members(count, logos=False)
    url = "members/?limit=100"
    assert api_get(client, url).status_code == 200  # renditions made on the first call
    mark_changed(CHANGES)  # as a member's change would: the list is built again, not kept
    with django_assert_num_queries(LIST_QUERIES):
        body = api_get(client, url).json()
    assert body["count"] == count + 5 and len(body["items"]) == min(count + 5, 100)
    assert sum(1 for item in body["items"] if item["logo"]) == 5


def test_srcset_has_one_candidate_per_width(client):
    make_directory()
    make_member("Piccolo Ente", logo=make_image("small", width=150, height=100))
    logo = api_get(client, "members/").json()["items"][0]["logo"]
    assert len(logo["renditions"]) == 3
    assert logo["srcset"].count("150w") == 1 and logo["srcset"].count(",") == 0


# -- Wagtail API v2: members endpoint and the directory page's api_fields -------------------

ENDPOINT = "/api/v2/members/"


@pytest.fixture
def v2_members():
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
def test_filters(client, v2_members, params, expected):
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
def test_bad_parameters_are_400_with_a_reason(client, v2_members, params, reason):
    response = client.get(ENDPOINT, params)
    assert response.status_code == 400
    assert reason in response.json()["message"]


def test_items_carry_logo_rendition_and_page_url(client, v2_members):
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


def test_html_url_is_none_without_a_directory_page(client, v2_members):
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


def test_each_language_lists_its_rows_then_the_default_languages(client, v2_members):
    english = Locale.objects.get_or_create(language_code="en")[0]
    make_member("Milan Municipality", locale=english)
    italian = names(client.get(ENDPOINT, {"locale": "it"}))
    english_names = names(client.get(ENDPOINT, {"locale": "en"}))
    assert sorted(english_names) == sorted([*italian, "Milan Municipality"])
    # A member with no row in the default language is listed in its own language only.
    assert "Milan Municipality" not in italian


def test_directory_page_api_fields(client, v2_members):
    directory = make_directory(intro="Chi aderisce.")
    data = client.get(f"/api/v2/pages/{directory.pk}/").json()
    assert data["intro"] == "Chi aderisce."
    assert data["member_count"] == data["members"]["count"] == 3
    first = data["members"]["items"][0]
    assert first["name"] == "Associazione Incontro"
    assert first["url"] == f"http://localhost{directory.url}associazione-incontro/"
    milano = next(m for m in data["members"]["items"] if m["slug"] == "comune-di-milano")
    assert ".max-240x240." in milano["logo"]["url"]
