"""One size guard for every public POST (``request_limits``), and uploads kept in memory.

Bodies are refused before they are read: the test client's payload raises if anything
reads more than the request carries, so a declared ``Content-Length`` larger than the
real body proves the guard answered without reading.
"""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile
from django.test import Client, RequestFactory
from django.utils import timezone

from wagtail_community_matching.checks import check_settings
from wagtail_community_matching.http.request_limits import (
    BodyTooBig,
    BodyUnreadable,
    InMemoryUploadHandler,
    content_length,
    read_form_body,
)
from wagtail_community_matching.impact.links import report_url
from wagtail_community_matching.models import ImpactReport, Registration

from ..conftest import it
from ..events.factories import make_event, make_index
from ..impact.factories import indicators, make_impact_page, make_member

pytestmark = pytest.mark.django_db

FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def event():
    index = make_index()
    day = (timezone.now() + timedelta(days=30)).date().isoformat()
    return make_event(
        index,
        "Formazione Parma",
        start=f"{day} 10:00",
        end=f"{day} 16:00",
        registration_mode="built_in",
        capacity=5,
    )


def sign_up_body(event) -> bytes:
    from urllib.parse import urlencode

    occurrence = event.event_occurrences.order_by("start").first()
    return urlencode(
        {
            "occurrence": occurrence.pk,
            "name": "Giulia Bianchi",
            "email": "giulia@example.org",
            "consent": "on",
            "website": "",
        }
    ).encode()


def post_declaring(client, url, body: bytes, declared: int):
    return client.generic("POST", url, body, content_type=FORM, CONTENT_LENGTH=str(declared))


# -- The guard itself ---------------------------------------------------------------------


@pytest.mark.parametrize(("header", "length"), [("12", 12), ("", 0), ("abc", 0), ("-5", 0)])
def test_content_length_reads_the_header_or_zero(header, length):
    request = RequestFactory().post("/", "", content_type=FORM, CONTENT_LENGTH=header)
    assert content_length(request) == length


def test_a_body_at_the_limit_is_read_one_byte_more_is_not():
    body = b"name=Giulia"
    at_limit = RequestFactory().generic("POST", "/", body, content_type=FORM)
    assert read_form_body(at_limit, len(body))[0]["name"] == "Giulia"
    over = RequestFactory().generic("POST", "/", body, content_type=FORM)
    with pytest.raises(BodyTooBig) as refused:
        read_form_body(over, len(body) - 1)
    assert refused.value.status == 413 and refused.value.limit == len(body) - 1


def test_a_malformed_multipart_body_is_unreadable():
    request = RequestFactory().generic(
        "POST", "/", b"--x\r\nnot a part", content_type="multipart/form-data; boundary=x"
    )
    request.META["CONTENT_TYPE"] = "multipart/form-data"  # no boundary
    with pytest.raises(BodyUnreadable) as refused:
        read_form_body(request, 1000)
    assert refused.value.status == 400


def test_the_default_limit_is_form_max_request_bytes(settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"FORM_MAX_REQUEST_BYTES": 5}
    request = RequestFactory().generic("POST", "/", b"a=123", content_type=FORM)
    assert read_form_body(request)[0]["a"] == "123"
    request = RequestFactory().generic("POST", "/", b"a=1234", content_type=FORM)
    with pytest.raises(BodyTooBig):
        read_form_body(request)


@pytest.mark.parametrize(("value", "valid"), [(1, True), (65536, True), (0, False), ("1", False)])
def test_form_max_request_bytes_is_checked(settings, value, valid):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"FORM_MAX_REQUEST_BYTES": value}
    assert ("wagtail_community_matching.E009" not in {e.id for e in check_settings()}) is valid


# -- Event sign-up -------------------------------------------------------------------------


def test_event_sign_up_refuses_a_huge_body_unread(client, event):
    url = event.url + "register/"
    response = post_declaring(client, url, sign_up_body(event), 100 * 1024 * 1024)
    assert response.status_code == 413  # the 100 MB were never read
    assert not Registration.objects.exists()


def test_event_sign_up_limit_boundary(client, event, settings):
    body = sign_up_body(event)
    settings.WAGTAIL_COMMUNITY_MATCHING = {"FORM_MAX_REQUEST_BYTES": len(body) - 1}
    refused = client.generic("POST", event.url + "register/", body, content_type=FORM)
    assert refused.status_code == 413
    html = refused.content.decode()
    assert it("The form was not sent: it is too big (at most %(max)s).").split("%")[0] in html
    assert not Registration.objects.exists()
    settings.WAGTAIL_COMMUNITY_MATCHING = {"FORM_MAX_REQUEST_BYTES": len(body)}
    accepted = client.generic("POST", event.url + "register/", body, content_type=FORM)
    assert accepted.status_code == 302
    assert Registration.objects.count() == 1


# -- A member's impact report -------------------------------------------------------------


def test_impact_report_refuses_a_huge_body_unread(client):
    indicators()
    page = make_impact_page()
    url = report_url(make_member(), page=page)
    response = post_declaring(client, url, b"value_matches-started=3", 10 * 1024 * 1024)
    assert response.status_code == 413
    assert it("The report was not sent: it is too big (at most %(max)s).").split("%")[0] in (
        response.content.decode()
    )
    assert not ImpactReport.objects.exists()


# -- The middleware: before the CSRF middleware reads -------------------------------------


def test_the_middleware_answers_before_csrf_reads_the_body(event):
    client = Client(enforce_csrf_checks=True)
    response = post_declaring(client, event.url + "register/", sign_up_body(event), 13 * 2**20)
    assert response.status_code == 413  # not 403: the CSRF middleware never read the body
    assert "13" not in response.content.decode() and "12" in response.content.decode()


def test_the_middleware_lets_bodies_within_the_limit_through_to_csrf(event):
    client = Client(enforce_csrf_checks=True)
    response = client.generic(
        "POST", event.url + "register/", sign_up_body(event), content_type=FORM
    )
    assert response.status_code == 403  # no CSRF token: refused by Django, as usual


@pytest.mark.parametrize("path", ["/admin/login/", "/django-admin/"])
def test_admin_paths_keep_djangos_own_handling(client, settings, path):
    settings.WAGTAIL_COMMUNITY_MATCHING = {
        "ADHESION_MAX_REQUEST_BYTES": 10,
        "ADMIN_PATH_PREFIXES": ["/django-admin/"],
    }
    response = client.post(path, {"username": "someone", "password": "long enough text"})
    assert response.status_code != 413


def test_json_api_bodies_are_left_to_the_api_and_its_error_shape(client, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADHESION_MAX_REQUEST_BYTES": 10}
    response = client.post(
        "/api/community-matching/forms/1/submissions/",
        b'{"a": "' + b"x" * 50 + b'"}',
        content_type="application/json",
    )
    assert response["Content-Type"].startswith("application/json")
    assert response.status_code in (404, 413)


# -- Uploads stay in memory ----------------------------------------------------------------


def test_uploads_over_djangos_memory_size_stay_in_memory(settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10
    upload = SimpleUploadedFile("logo.png", b"\x89PNG" + b"0" * 5000, content_type="image/png")
    request = RequestFactory().post("/", {"logo": upload})
    with mock.patch("tempfile.NamedTemporaryFile", side_effect=AssertionError("temp file")):
        _data, files = read_form_body(request, 1_000_000)
        assert isinstance(files["logo"], InMemoryUploadedFile)
        assert files["logo"].size == 5004


@pytest.mark.parametrize(("length", "active"), [(1000, True), (1001, False)])
def test_the_in_memory_handler_stops_at_the_request_limit(settings, length, active):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADHESION_MAX_REQUEST_BYTES": 1000}
    handler = InMemoryUploadHandler(None)
    handler.handle_raw_input(None, {}, length, "x")
    assert handler.activated is active


def test_the_middleware_keeps_the_adhesion_forms_uploads_in_memory(client, settings, event):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 10
    upload = SimpleUploadedFile("logo.png", b"\x89PNG" + b"0" * 5000, content_type="image/png")
    with mock.patch(
        "django.core.files.uploadhandler.TemporaryFileUploadHandler.new_file",
        side_effect=AssertionError("a temporary file was made"),
    ):
        response = client.post(event.url + "register/", {"logo": upload, "name": "x"})
    assert response.status_code == 400  # the form's own errors, the file never on disk
