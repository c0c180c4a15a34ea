"""Real answers of every operation, with realistic content and each status the operation
can return, validated against the served OpenAPI document with a JSON Schema validator.

Before the schema names were made unique, two classes called ``RegistrationOut`` made the
document describe ``GET events/{id}/``'s ``registration`` with the sign-up answer's schema:
every event detail failed this test.
"""

from __future__ import annotations

import json
from datetime import timedelta

import jsonschema_rs
import ninja
import pytest
from django.utils import timezone

from wagtail_community_matching.api import router  # noqa: F401  (imports every schema)
from wagtail_community_matching.models import Occurrence

from ..adhesion.helpers import VALID_ANSWERS, make_form_page, make_home
from ..events.factories import make_event
from ..factories import add_child
from ..faq.helpers import question, section, sections
from ..impact.factories import indicators, populate
from ..members.factories import make_member

pytestmark = pytest.mark.django_db

BASE = "/api/community-matching"


def test_no_two_schemas_share_a_name():
    seen: dict[str, str] = {}

    def walk(cls):
        for sub in cls.__subclasses__():
            if sub.__module__.startswith("wagtail_community_matching."):
                qualified = f"{sub.__module__}.{sub.__qualname__}"
                assert seen.setdefault(sub.__name__, qualified) == qualified, (
                    f"{sub.__name__}: {seen[sub.__name__]} and {qualified}"
                )
            walk(sub)

    walk(ninja.Schema)
    assert "EventRegistrationOut" in seen and "SignUpOut" in seen


@pytest.fixture
def document(client):
    return client.get(f"{BASE}/openapi.json").json()


def check(document, response, path: str, method: str = "get") -> None:
    """``response`` is described by the document for ``method path`` and its status."""
    operation = document["paths"][path][method]
    status = str(response.status_code)
    assert status in operation["responses"], f"{method} {path} answered undocumented {status}"
    content = operation["responses"][status].get("content", {})
    body = response.json()
    schema = content["application/json"]["schema"]
    validator = jsonschema_rs.validator_for(
        {**schema, "components": document["components"]}, validate_formats=True
    )
    errors = [str(error) for error in validator.iter_errors(body)]
    assert not errors, f"{method} {path} {status}: {errors[:3]}"


@pytest.fixture
def content(db):
    from wagtail_community_matching.pages.models import EventIndexPage, FAQPage

    home = make_home()
    form = make_form_page(home)
    faq = add_child(
        home, FAQPage, title="FAQ", slug="faq", sections=sections(section("", question("Q?")))
    )
    start = (timezone.now() + timedelta(days=10)).replace(microsecond=0)
    event = make_event(
        add_child(home, EventIndexPage, title="Eventi", slug="eventi"),
        "Formazione",
        start=start,
        end=start + timedelta(hours=2),
        registration_mode="built_in",
        capacity=1,
        waiting_list=False,
    )
    member = make_member("Comune di Bari", region="puglia", city="Bari")
    indicators()
    populate(count=6)
    return {"form": form, "faq": faq, "event": event, "member": member}


def test_every_get_operation_answers_as_documented(client, document, content):
    event, faq, form, member = content["event"], content["faq"], content["form"], content["member"]
    cases = [
        ("/members/", "members/", 200),
        ("/members/", "members/?kind=nope", 422),
        ("/members/", "members/?q=%00", 400),
        ("/members/{ref}/", f"members/{member.pk}/", 200),
        ("/members/{ref}/", "members/no-such/", 404),
        ("/events/", "events/", 200),
        ("/events/", "events/?from=nope", 422),
        ("/events/{page_id}/", f"events/{event.pk}/", 200),
        ("/events/{page_id}/", "events/999999/", 404),
        ("/events/{page_id}/registration/", f"events/{event.pk}/registration/", 200),
        ("/events/{page_id}/registration/", "events/999999/registration/", 404),
        ("/faq/", "faq/", 200),
        ("/faq/", "faq/?locale=zz", 422),
        ("/faq/{page_id}/", f"faq/{faq.pk}/", 200),
        ("/faq/{page_id}/", "faq/999999/", 404),
        ("/impact/", "impact/", 200),
        ("/impact/", "impact/?period=1999", 422),
        ("/forms/", "forms/", 200),
        ("/forms/{page_id}/", f"forms/{form.pk}/", 200),
        ("/forms/{page_id}/", "forms/999999/", 404),
    ]
    for path, url, status in cases:
        response = client.get(f"{BASE}/{url}")
        assert response.status_code == status, (url, response.content[:200])
        check(document, response, f"{BASE}{path}")


def test_every_post_operation_answers_as_documented(client, document, content, settings):
    event, form = content["event"], content["form"]
    occurrence = Occurrence.objects.get(page=event).pk
    person = {
        "occurrence": occurrence,
        "name": "Giulia Bianchi",
        "email": "giulia@example.org",
        "consent": True,
    }
    path = f"{BASE}/events/{{page_id}}/registrations/"
    url = f"{BASE}/events/{event.pk}/registrations/"
    for data, status in [
        (person, 201),
        ({**person, "email": "altra@example.org"}, 422),  # full, no waiting list
        ({**person, "email": "nope"}, 422),
    ]:
        response = client.post(url, json.dumps(data), content_type="application/json")
        assert response.status_code == status, response.content
        check(document, response, path, "post")
    response = client.post(url, "a=b", content_type="text/plain")
    assert response.status_code == 415
    check(document, response, path, "post")

    path = f"{BASE}/forms/{{page_id}}/submissions/"
    url = f"{BASE}/forms/{form.pk}/submissions/"
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADHESION_RATE_LIMIT": "1/h"}
    for data, status in [(VALID_ANSWERS, 201), ({}, 422), (VALID_ANSWERS, 429)]:
        response = client.post(url, json.dumps(data), content_type="application/json")
        assert response.status_code == status, response.content
        check(document, response, path, "post")
    response = client.post(
        f"{BASE}/forms/999999/submissions/", "{}", content_type="application/json"
    )
    assert response.status_code == 404
    check(document, response, path, "post")


def test_locale_parameters_list_the_accepted_values(client, document, content):
    """Declared as the site's languages, so a generated client and the server agree."""
    locales = [
        (path, parameter["schema"]["enum"])
        for path, operations in document["paths"].items()
        for operation in operations.values()
        for parameter in operation.get("parameters", [])
        if parameter["name"] == "locale"
    ]
    assert len(locales) == 6
    assert all(enum == ["it", "en", ""] for _path, enum in locales)
    for value in ("it", ""):
        assert client.get(f"{BASE}/faq/?locale={value}").status_code == 200
    assert client.get(f"{BASE}/faq/?locale=zz").status_code == 422  # outside the enum


def test_the_sign_up_body_declares_its_required_fields(client, document, content):
    operation = document["paths"][f"{BASE}/events/{{page_id}}/registrations/"]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert schema["required"] == ["occurrence", "name", "email", "consent"]
    validator = jsonschema_rs.validator_for(schema)
    assert not validator.is_valid({})  # the document refuses what the server refuses
    url = f"{BASE}/events/{content['event'].pk}/registrations/"
    assert client.post(url, "{}", content_type="application/json").status_code == 422
    form = document["paths"][f"{BASE}/forms/{{page_id}}/submissions/"]["post"]
    answers = form["requestBody"]["content"]["application/json"]["schema"]
    assert "GET forms/{page_id}/" in answers["description"]
    assert answers["additionalProperties"]["anyOf"]
