"""The JSON API's contract: the checked-in OpenAPI document, the docs page, the mounts
(standalone, Wagtail 8's v3 API) and the API v2 helper."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from django.conf import settings

from ..api_helpers import BASE
from ..openapi import render, served_document

CHECKED_IN = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"

OPERATIONS = {
    ("get", "/api/community-matching/members/"),
    ("get", "/api/community-matching/members/{ref}/"),
    ("get", "/api/community-matching/events/"),
    ("get", "/api/community-matching/events/{page_id}/"),
    ("get", "/api/community-matching/events/{page_id}/registration/"),
    ("post", "/api/community-matching/events/{page_id}/registrations/"),
    ("get", "/api/community-matching/faq/"),
    ("get", "/api/community-matching/faq/{page_id}/"),
    ("get", "/api/community-matching/impact/"),
    ("get", "/api/community-matching/forms/"),
    ("get", "/api/community-matching/forms/{page_id}/"),
    ("post", "/api/community-matching/forms/{page_id}/submissions/"),
}


def test_checked_in_openapi_document_is_current():
    served = render(served_document())
    checked_in = CHECKED_IN.read_text(encoding="utf-8")
    if served != checked_in:
        diff = "".join(
            difflib.unified_diff(
                checked_in.splitlines(True), served.splitlines(True), "docs/openapi.json", "served"
            )
        )
        pytest.fail(
            "The JSON API's OpenAPI document changed. Review the change below, then run "
            "`make openapi` to accept it:\n" + diff[:6000]
        )


def test_document_lists_every_operation_and_the_error_shape():
    document = served_document()
    operations = {(method, path) for path, item in document["paths"].items() for method in item}
    assert operations == OPERATIONS
    assert "ErrorOut" in document["components"]["schemas"]
    for path, item in document["paths"].items():
        for operation in item.values():
            assert operation["operationId"] and operation["summary"], path
            assert "422" in operation["responses"], path


def test_docs_page_is_served_with_local_assets(client):
    response = client.get(BASE + "docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "openapi.json" in html and "swagger-ui" in html
    assert "cdn." not in html  # Swagger UI comes from django-ninja's static files


@pytest.mark.django_db
def test_api_404s_are_json_not_a_redirect_to_a_language(client):
    response = client.get(BASE + "members/999999/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    v2 = client.get("/api/v2/members/999999/")
    assert v2.status_code == 404 and v2["Content-Type"].startswith("application/json")


@pytest.mark.django_db
def test_v2_helper_registers_the_package_endpoints(client):
    from wagtail.api.v2.router import WagtailAPIRouter

    from wagtail_community_matching.api.v2 import ENDPOINTS, register_endpoints

    router = WagtailAPIRouter("test_api")
    register_endpoints(router, prefix="cm_")
    assert set(router._endpoints) == {f"cm_{name}" for name in ENDPOINTS}
    for name in ENDPOINTS:
        assert client.get(f"/api/v2/{name}/").status_code == 200, name


@pytest.mark.django_db
def test_router_is_mounted_on_wagtail_8_api_v3(client):
    if not settings.WAGTAIL_8:
        pytest.skip("Wagtail's v3 API comes with Wagtail 8; the standalone mount is tested.")
    standalone = client.get(BASE + "members/").json()
    on_v3 = client.get("/api/v3/community-matching/members/")
    assert on_v3.status_code == 200 and on_v3.json() == standalone
    document = client.get("/api/v3/openapi.json").json()
    assert "/api/v3/community-matching/forms/{page_id}/submissions/" in document["paths"]
    assert "/api/v3/pages/" in document["paths"]


@pytest.mark.django_db
def test_example_site_serves_the_headless_example(client):
    page = client.get("/headless/")
    assert page.status_code == 200 and b'<script src="app.js" defer>' in b"".join(page)
    for asset in ("app.js", "app.css"):
        assert client.get(f"/headless/{asset}").status_code == 200
    assert client.get("/headless/../settings.py").status_code == 404
