"""Uploads of adhesion forms: private storage, type sniffing, size and pixel limits
(uploads.py, storage.py, forms/adhesion.py UploadField)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from wagtail_community_matching.adhesion.storage import private_storage
from wagtail_community_matching.models import AdhesionSubmission, AdhesionUpload
from wagtail_community_matching.pages.models import AdhesionFormField

from ..conftest import it
from .helpers import (
    VALID_ANSWERS,
    bomb_png,
    logo_upload,
    noise_png,
)

pytestmark = pytest.mark.django_db


def _before_placeholder(message: str) -> str:
    """The Italian translation of ``message`` up to its first placeholder."""
    fragment = it(message).split("%(")[0]
    assert fragment.strip()
    return fragment


def test_upload_goes_to_private_storage_never_public_media(send, page, settings):
    send(page, logo=logo_upload())

    upload = AdhesionUpload.objects.get()
    assert (upload.content_type, upload.width, upload.height) == ("image/png", 120, 80)
    assert upload.file.name.startswith("adhesion/") and upload.file.name.endswith(".png")
    assert "logo" not in upload.file.name  # the applicant's name is never used
    location = private_storage.path(upload.file.name)
    assert not location.startswith(str(settings.MEDIA_ROOT))
    assert private_storage.exists(upload.file.name)
    with pytest.raises(ValueError):
        private_storage.url(upload.file.name)  # no public URL


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("logo.png", b"<html><script>alert(1)</script></html>"),
            lambda: (
                it("This type of file is not accepted. Please send a %(types)s file.")
                % {"types": it("%(names)s or %(last)s") % {"names": "PNG, JPEG", "last": "WebP"}}
            ),
        ),
        (
            SimpleUploadedFile("logo.png", b"%PDF-1.4\n%%EOF\n"),
            lambda: _before_placeholder(
                "This type of file is not accepted. Please send a %(types)s file."
            ),
        ),
        (
            SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
            lambda: it("The image could not be read: the file is damaged or incomplete."),
        ),
        (
            SimpleUploadedFile("logo.png", bomb_png()),
            lambda: _before_placeholder(
                "The image is too large: at most %(max)s million pixels are accepted."
            ),
        ),
    ],
    ids=["html-named-png", "pdf-in-image-field", "truncated-png", "decompression-bomb"],
)
def test_disguised_and_dangerous_uploads_are_rejected(client, page, upload, message):
    response = client.post(page.url, {**VALID_ANSWERS, "logo": upload})
    html = response.content.decode()
    assert response.status_code == 200
    assert escape(message()) in html
    assert 'href="#id_logo"' in html
    assert AdhesionSubmission.objects.count() == AdhesionUpload.objects.count() == 0
    assert not private_storage.exists("adhesion")


def test_oversized_upload_is_rejected(client, page, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADHESION_UPLOAD_MAX_BYTES": 1000}
    noisy = SimpleUploadedFile("logo.png", noise_png(), content_type="image/png")
    response = client.post(page.url, {**VALID_ANSWERS, "logo": noisy})
    expected = _before_placeholder("The file is too big (%(size)s): the limit is %(max)s.")
    assert escape(expected) in response.content.decode()
    assert AdhesionSubmission.objects.count() == 0


def test_pixel_limit_is_configurable(client, page, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADHESION_UPLOAD_MAX_PIXELS": 100 * 100}
    response = client.post(page.url, {**VALID_ANSWERS, "logo": logo_upload(width=200, height=200)})
    message = it(
        "The image is too large (%(width)s × %(height)s pixels): at most "
        "%(max)s million pixels are accepted. Please send a smaller version."
    ) % {"width": 200, "height": 200, "max": 0.0}
    assert escape(message) in response.content.decode()


def test_pdf_accepted_in_file_fields(send, page):
    field = AdhesionFormField(page=page, label="Statuto", field_type="file", required=False)
    field.save()
    pdf = SimpleUploadedFile("statuto.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
    assert send(page, statuto=pdf).status_code == 303
    assert AdhesionUpload.objects.get().content_type == "application/pdf"


@pytest.mark.parametrize(
    "name", [":", "::", "a" * 300 + ".png", "../../etc/passwd", "<script>.png", "é 中.png"]
)
def test_odd_file_names_are_stored_under_a_safe_name(send, page, name):
    upload = logo_upload(name=name)
    assert send(page, logo=upload).status_code == 303
    stored = AdhesionUpload.objects.get()
    assert "/" not in stored.original_name and len(stored.original_name) <= 100
    assert stored.original_name not in (".", "..", "")
