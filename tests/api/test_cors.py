"""Cross-origin access to the JSON API: an allow-list, preflights, no wildcard."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.test import override_settings

from wagtail_community_matching.checks import check_settings
from wagtail_community_matching.models import AdhesionSubmission

from ..adhesion.helpers import VALID_ANSWERS, make_form_page, make_home
from ..api_helpers import BASE

pytestmark = pytest.mark.django_db

FRONT_END = "https://app.rete.example"


@pytest.fixture(autouse=True)
def allowed_origin(settings):
    cache.clear()
    settings.WAGTAIL_COMMUNITY_MATCHING = {"API_CORS_ALLOWED_ORIGINS": [FRONT_END]}


def test_preflight_from_an_allowed_origin(client):
    page = make_form_page(make_home())
    response = client.options(
        f"{BASE}forms/{page.pk}/submissions/",
        headers={
            "Origin": FRONT_END,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, idempotency-key",
        },
    )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == FRONT_END
    assert response["Access-Control-Allow-Methods"] == "POST, OPTIONS"
    assert "Idempotency-Key" in response["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in response
    listing = client.options(f"{BASE}members/", headers={"Origin": FRONT_END})
    assert listing["Access-Control-Allow-Methods"] == "GET, OPTIONS"
    assert listing["Allow"] == "GET, OPTIONS"


@pytest.mark.parametrize(
    "origin", ["https://evil.example", "https://app.rete.example.evil.example", "null", "*"]
)
def test_other_origins_get_no_cors_headers(client, origin):
    preflight = client.options(f"{BASE}members/", headers={"Origin": origin})
    read = client.get(f"{BASE}members/", headers={"Origin": origin})
    assert preflight.status_code == 204 and read.status_code == 200
    for response in (preflight, read):
        assert "Access-Control-Allow-Origin" not in response
        assert "Origin" in response["Vary"]


def test_reads_and_submissions_from_an_allowed_origin(client):
    page = make_form_page(make_home())
    read = client.get(f"{BASE}members/", headers={"Origin": FRONT_END})
    assert read["Access-Control-Allow-Origin"] == FRONT_END
    assert "Idempotent-Replayed" in read["Access-Control-Expose-Headers"]
    sent = client.post(
        f"{BASE}forms/{page.pk}/submissions/",
        json.dumps(VALID_ANSWERS),
        content_type="application/json",
        headers={"Origin": FRONT_END},
    )
    assert sent.status_code == 201 and sent["Access-Control-Allow-Origin"] == FRONT_END
    refused = client.post(
        f"{BASE}forms/{page.pk}/submissions/",
        "[]",
        content_type="application/json",
        headers={"Origin": FRONT_END},
    )
    assert refused.status_code == 422 and refused["Access-Control-Allow-Origin"] == FRONT_END
    assert AdhesionSubmission.objects.count() == 1


def test_no_origin_is_allowed_by_default(client, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {}
    response = client.get(f"{BASE}members/", headers={"Origin": FRONT_END})
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("https://app.example.org", "E090"),
        (["*"], "E091"),
        (["https://app.example.org/"], "E091"),
        (["app.example.org"], "E091"),
        (["https://app.example.org/path"], "E091"),
        ([None], "E091"),
    ],
)
def test_bad_origin_settings_are_reported(value, code):
    with override_settings(WAGTAIL_COMMUNITY_MATCHING={"API_CORS_ALLOWED_ORIGINS": value}):
        ids = [error.id for error in check_settings()]
    assert ids == [f"wagtail_community_matching.{code}"]


def test_good_origin_settings_pass():
    origins = ["https://app.example.org", "http://127.0.0.1:8001", "http://[::1]:3000"]
    with override_settings(WAGTAIL_COMMUNITY_MATCHING={"API_CORS_ALLOWED_ORIGINS": origins}):
        assert check_settings() == []
