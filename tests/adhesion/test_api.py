"""The JSON API's forms endpoints: a form's definition, and applications sent as JSON or
multipart, with the HTML form's checks, an idempotency key and one error shape."""

from __future__ import annotations

import json
import threading
import uuid

import pytest
from django.core import mail
from django.db import connections
from django.test import Client

from wagtail_community_matching.adhesion.storage import private_storage
from wagtail_community_matching.models import AdhesionSubmission, AdhesionUpload, ReviewStatus

from ..api_helpers import BASE, api_get, error_codes
from .helpers import PRIVACY_TEXT, VALID_ANSWERS, logo_upload, make_form_page, make_home

pytestmark = pytest.mark.django_db


def submit_url(page) -> str:
    return f"{BASE}forms/{page.pk}/submissions/"


@pytest.fixture
def post_json(client, django_capture_on_commit_callbacks):
    """POST answers as JSON and run the on-commit callbacks (the mail tasks)."""

    def post(page, data, **headers):
        body = data if isinstance(data, (str, bytes)) else json.dumps(data)
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                submit_url(page), body, content_type="application/json", headers=headers
            )

    return post


def test_definition_lists_the_fields_in_order(client, page):
    body = api_get(client, f"forms/{page.pk}/").json()
    assert body["title"] == "Aderisci" and body["locale"] == "it"
    names = [field["name"] for field in body["fields"]]
    assert names[:3] == ["denominazione_ente", "tipologia", "citta"]
    fields = {field["name"]: field for field in body["fields"]}
    assert fields["tipologia"]["choices"][0] == {"value": "Comune", "label": "Comune"}
    assert fields["logo"]["type"] == "image" and "image/png" in fields["logo"]["accept"]
    assert fields["logo"]["max_bytes"] == 5 * 1024 * 1024
    assert fields["privacy"]["consent_text"] == PRIVACY_TEXT
    assert fields["regione"]["required"] is False and fields["citta"]["required"] is True
    assert body["honeypot_field"] == "cm_homepage"
    assert body["submit_url"] == f"http://localhost{submit_url(page)}"  # the Site's root


def test_json_application_is_stored_and_mails_go_after_commit(post_json, page):
    response = post_json(page, {**VALID_ANSWERS, "privacy": True})
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "received"
    submission = AdhesionSubmission.objects.get(page=page)
    assert submission.organisation_name == "Comune di Parma"
    assert submission.form_data["servizi_di_interesse"] == ["Formazione", "Toolkit"]
    assert submission.form_data["telefono_referente"] == "+390521123456"
    assert submission.consents[0]["text"] == PRIVACY_TEXT
    assert submission.status == ReviewStatus.NEW
    assert [m.to for m in mail.outbox] == [["referente@parma.example"], ["staff@rete.example"]]


def test_multipart_application_with_a_logo_keeps_the_file_private(client, page):
    response = client.post(submit_url(page), {**VALID_ANSWERS, "logo": logo_upload()})
    assert response.status_code == 201, response.content
    upload = AdhesionUpload.objects.get(submission__page=page)
    assert upload.content_type == "image/png" and (upload.width, upload.height) == (120, 80)
    assert private_storage.exists(upload.file.name)


def test_field_errors_come_in_one_shape_and_nothing_is_stored(post_json, page):
    answers = {**VALID_ANSWERS, "email_referente": "not-an-address", "tipologia": "Banca"}
    del answers["privacy"]
    response = post_json(page, answers)
    assert response.status_code == 422
    codes = error_codes(response)
    assert codes == {
        "tipologia": ["invalid_choice"],
        "email_referente": ["invalid"],
        "privacy": ["required"],
    }
    assert not AdhesionSubmission.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("{not json", "invalid_json"),
        ("[1, 2]", "invalid_body"),
        ('"text"', "invalid_body"),
        ("null", "invalid_body"),
        ("[" * 100_000 + "]" * 100_000, "invalid_json"),
    ],
)
def test_bodies_that_are_not_an_object_are_refused(post_json, page, body, code):
    response = post_json(page, body)
    assert response.status_code == 422
    assert error_codes(response) == {"__all__": [code]}


def test_odd_json_values_get_field_errors(post_json, page):
    answers = {**VALID_ANSWERS, "denominazione_ente": {"nested": [1]}, "citta": None, "x": 1}
    response = post_json(page, answers)
    assert response.status_code == 422
    assert set(error_codes(response)) == {"citta"} or "denominazione_ente" in error_codes(response)
    assert not AdhesionSubmission.objects.exists()


def test_files_cannot_be_sent_as_json(post_json, page):
    response = post_json(page, {**VALID_ANSWERS, "logo": "aGVsbG8="})
    assert response.status_code == 422
    assert error_codes(response) == {"logo": ["upload_needs_multipart"]}


def test_other_media_types_and_big_bodies_are_refused(client, page, settings):
    text = client.post(submit_url(page), "a=b", content_type="text/plain")
    assert text.status_code == 415 and error_codes(text) == {"__all__": ["unsupported_media_type"]}
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADHESION_MAX_REQUEST_BYTES": 1000}
    big = client.post(
        submit_url(page),
        json.dumps({**VALID_ANSWERS, "breve_descrizione": "x" * 2000}),
        content_type="application/json",
    )
    assert big.status_code == 413 and error_codes(big) == {"__all__": ["too_large"]}
    assert not AdhesionSubmission.objects.exists()


def test_disguised_upload_is_refused_on_its_field(client, page):
    fake = logo_upload()
    fake.file.write(b"")
    fake.file.seek(0)
    fake.file.truncate()
    fake.file.write(b"%PDF-1.4 not an image")
    fake.file.seek(0)
    response = client.post(submit_url(page), {**VALID_ANSWERS, "logo": fake})
    assert response.status_code == 422 and list(error_codes(response)) == ["logo"]
    assert not AdhesionSubmission.objects.exists()


def test_honeypot_pretends_success_and_stores_nothing(post_json, page):
    response = post_json(page, {**VALID_ANSWERS, "cm_homepage": "http://spam.example"})
    assert response.status_code == 201
    assert not AdhesionSubmission.objects.exists() and not mail.outbox


def test_rate_limit_answers_429_with_retry_after(post_json, page, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADHESION_RATE_LIMIT": "1/h"}
    assert post_json(page, VALID_ANSWERS).status_code == 201
    response = post_json(page, {**VALID_ANSWERS, "citta": "Fidenza"})
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert error_codes(response) == {"__all__": ["rate_limited"]}
    assert AdhesionSubmission.objects.count() == 1


def test_a_retried_request_is_stored_once(post_json, page):
    key = str(uuid.uuid4())
    first = post_json(page, VALID_ANSWERS, **{"Idempotency-Key": key})
    again = post_json(page, VALID_ANSWERS, **{"Idempotency-Key": key})
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert AdhesionSubmission.objects.filter(page=page).count() == 1
    assert len(mail.outbox) == 2  # the retry sends nothing either
    other = post_json(page, VALID_ANSWERS, **{"Idempotency-Key": str(uuid.uuid4())})
    assert other.status_code == 201 and AdhesionSubmission.objects.count() == 2


def test_a_key_reused_with_other_answers_is_refused(post_json, page):
    key = "same-key"
    assert post_json(page, VALID_ANSWERS, **{"Idempotency-Key": key}).status_code == 201
    changed = post_json(page, {**VALID_ANSWERS, "citta": "Fidenza"}, **{"Idempotency-Key": key})
    assert changed.status_code == 422
    assert error_codes(changed) == {"Idempotency-Key": ["idempotency_key_reused"]}
    assert AdhesionSubmission.objects.count() == 1


def test_the_same_key_on_another_form_is_another_application(post_json, page):
    other = make_form_page(page.get_parent(), title="Aderisci ancora", slug="ancora")
    for form in (page, other):
        assert post_json(form, VALID_ANSWERS, **{"Idempotency-Key": "k1"}).status_code == 201
    assert AdhesionSubmission.objects.count() == 2


@pytest.mark.parametrize("key", ["", "x" * 256, "spazio non ammesso", "accentò"])
def test_malformed_keys_are_refused(client, page, key):
    response = client.post(
        submit_url(page),
        json.dumps(VALID_ANSWERS),
        content_type="application/json",
        headers={"Idempotency-Key": key},
    )
    assert response.status_code == 422
    assert error_codes(response) == {"Idempotency-Key": ["invalid"]}
    assert not AdhesionSubmission.objects.exists()


def test_retried_multipart_with_the_same_file_is_stored_once(client, page):
    headers = {"Idempotency-Key": "logo-retry"}
    for _attempt in range(2):
        response = client.post(
            submit_url(page), {**VALID_ANSWERS, "logo": logo_upload()}, headers=headers
        )
        assert response.status_code == 201
    assert AdhesionUpload.objects.count() == 1


def test_missing_unpublished_and_other_pages_are_404(client, page):
    page.unpublish()
    home = page.get_parent()
    for ref in (page.pk, home.pk, 999999, 99999999999):
        for response in (
            api_get(client, f"forms/{ref}/"),
            client.post(f"{BASE}forms/{ref}/submissions/", {}, content_type="application/json"),
        ):
            assert response.status_code == 404
            assert error_codes(response) == {"__all__": ["not_found"]}


def test_session_cookies_give_no_extra_rights(admin_client, page):
    """The API ignores the session: an editor's browser is an anonymous client there."""
    response = admin_client.post(
        submit_url(page), json.dumps(VALID_ANSWERS), content_type="application/json"
    )
    assert response.status_code == 201
    assert AdhesionSubmission.objects.get().status == ReviewStatus.NEW


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.postgresql("SQLite serialises every write; the unique key is raced on PostgreSQL.")
def test_parallel_retries_store_one_application(wagtail_bootstrap, settings):
    # Retries with one idempotency key count once against the limit, even simultaneous ones.
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADHESION_RATE_LIMIT": "1/h"}
    page = make_form_page(make_home())
    attempts = 6
    barrier = threading.Barrier(attempts)
    statuses, errors = [], []

    def send() -> None:
        try:
            barrier.wait(timeout=30)
            response = Client(REMOTE_ADDR="10.1.1.1").post(
                submit_url(page),
                json.dumps(VALID_ANSWERS),
                content_type="application/json",
                headers={"Idempotency-Key": "parallel"},
            )
            statuses.append(response.status_code)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert statuses == [201] * attempts
    assert AdhesionSubmission.objects.filter(page=page).count() == 1


def test_forms_are_listed_per_language(client, page):
    body = api_get(client, "forms/").json()
    assert [(item["id"], item["title"], item["locale"]) for item in body] == [
        (page.pk, "Aderisci", "it")
    ]
    assert api_get(client, "forms/?locale=it").json() == body
    response = api_get(client, "forms/?locale=xx")
    assert response.status_code == 422 and error_codes(response) == {"locale": ["unknown_locale"]}
    page.unpublish()
    assert api_get(client, "forms/").json() == []
