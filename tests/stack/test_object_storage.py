"""Shared media on S3-compatible object storage, against moto's server on loopback.

The storage settings are the production settings' (``example_site/settings/
object_storage.py``, driven by ``CM_S3_*``): images, renditions and documents in a
public-read bucket; application uploads in a private bucket, reachable only through
the package's permission-checked download view, which streams them.
"""

from __future__ import annotations

import io
import urllib.error
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.core.checks import run_checks
from PIL import Image as PILImage

from tests.services import missing
from tests.services.s3 import ACCESS_KEY, REGION, SECRET_KEY, find_command, s3_server

pytestmark = pytest.mark.django_db

MEDIA_BUCKET = "cm-media"
PRIVATE_BUCKET = "cm-private"


def unsigned_get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


@pytest.fixture(scope="module")
def s3_endpoint():
    if find_command() is None:
        missing("moto_server (PyPI package moto[server])")
    import boto3

    with s3_server() as endpoint:
        client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
        )
        for bucket in (MEDIA_BUCKET, PRIVATE_BUCKET):
            client.create_bucket(
                Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION}
            )
        yield endpoint, client


@pytest.fixture
def s3(s3_endpoint, settings, monkeypatch):
    """The production settings' storages, pointed at the local server."""
    from example_site.settings.object_storage import s3_settings

    endpoint, client = s3_endpoint
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY)
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
    config = s3_settings(
        {
            "CM_S3_ENDPOINT_URL": endpoint,
            "CM_S3_REGION": REGION,
            "CM_S3_MEDIA_BUCKET": MEDIA_BUCKET,
            "CM_S3_PRIVATE_BUCKET": PRIVATE_BUCKET,
        }
    )
    settings.STORAGES = {**settings.STORAGES, "default": config["media"]}
    settings.WAGTAILDOCS_SERVE_METHOD = config["documents_serve_method"]
    settings.WAGTAIL_COMMUNITY_MATCHING = {
        **settings.WAGTAIL_COMMUNITY_MATCHING,
        "PRIVATE_STORAGE": config["private"],
    }
    return endpoint, client


def keys(client, bucket: str) -> set[str]:
    listing = client.list_objects_v2(Bucket=bucket)
    return {item["Key"] for item in listing.get("Contents", [])}


def test_the_settings_pass_the_checks(s3):
    ids = [message.id for message in run_checks()]
    assert "wagtail_community_matching.E067" not in ids


def test_an_image_and_its_rendition_round_trip_through_the_public_bucket(s3):
    from ..factories import make_image

    endpoint, client = s3
    image = make_image("Logo", width=320, height=200)
    assert image.file.name in keys(client, MEDIA_BUCKET)
    assert image.file.url.startswith(f"{endpoint}/{MEDIA_BUCKET}/")
    assert "Signature" not in image.file.url  # plain public URLs, a CDN may cache them

    rendition = image.get_rendition("fill-80x50")
    assert rendition.file.name in keys(client, MEDIA_BUCKET)
    status, body = unsigned_get(rendition.full_url)
    assert status == 200
    assert PILImage.open(io.BytesIO(body)).size == (80, 50)
    assert unsigned_get(image.file.url)[0] == 200

    # Another process (a second app server) finds the same rendition without making it.
    from wagtail.images import get_image_model

    fresh = get_image_model().objects.get(pk=image.pk)
    assert fresh.get_rendition("fill-80x50").file.name == rendition.file.name


def test_a_document_is_stored_and_served_through_wagtails_view(s3, client):
    from ..factories import make_document

    _, s3_client = s3
    document = make_document()
    assert document.file.name in keys(s3_client, MEDIA_BUCKET)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == document.file.open("rb").read()


def test_an_application_upload_stays_in_the_private_bucket(
    s3, client, django_user_model, django_capture_on_commit_callbacks
):
    from wagtail_community_matching.adhesion.storage import private_storage
    from wagtail_community_matching.models import AdhesionUpload

    from ..adhesion.helpers import VALID_ANSWERS, logo_upload, make_form_page, make_home, urls

    endpoint, s3_client = s3
    page = make_form_page(make_home())
    sent = logo_upload()
    content = sent.read()
    sent.seek(0)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, {**VALID_ANSWERS, "logo": sent})
    assert response.status_code == 303
    upload = AdhesionUpload.objects.get()
    name = upload.file.name
    assert name in keys(s3_client, PRIVATE_BUCKET)
    assert name not in keys(s3_client, MEDIA_BUCKET)

    # No public URL: the object refuses an unsigned GET, and its ACL grants nobody else.
    assert unsigned_get(f"{endpoint}/{PRIVATE_BUCKET}/{name}")[0] == 403
    grants = s3_client.get_object_acl(Bucket=PRIVATE_BUCKET, Key=name)["Grants"]
    assert all(grant["Grantee"].get("Type") == "CanonicalUser" for grant in grants)
    # What the storage would sign expires within a minute (the package never asks).
    assert "X-Amz-Expires=60" in private_storage.url(name)

    download = urls(page, upload.submission, upload)["download"]
    anonymous = client.get(download)
    assert anonymous.status_code in (302, 403, 404)
    if anonymous.status_code == 302:
        assert "/login/" in urlsplit(anonymous["Location"]).path
    stranger = django_user_model.objects.create_user("stranger", password="x")  # noqa: S106
    client.force_login(stranger)
    assert client.get(download).status_code in (302, 403, 404)

    from ..adhesion.test_approval import reviewer

    client.force_login(reviewer(django_user_model, page))
    response = client.get(download)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.parametrize(
    ("options", "problem"),
    [
        ({"default_acl": "public-read"}, "public ACL"),
        ({"querystring_auth": False}, "unsigned URLs"),
        ({"custom_domain": "files.example.org"}, "custom domain"),
        ({"bucket_name": MEDIA_BUCKET}, "public media bucket"),
    ],
)
def test_a_private_storage_that_would_publish_files_is_refused(s3, settings, options, problem):
    private = settings.WAGTAIL_COMMUNITY_MATCHING["PRIVATE_STORAGE"]
    settings.WAGTAIL_COMMUNITY_MATCHING = {
        **settings.WAGTAIL_COMMUNITY_MATCHING,
        "PRIVATE_STORAGE": {**private, "OPTIONS": {**private["OPTIONS"], **options}},
    }
    errors = [m for m in run_checks() if m.id == "wagtail_community_matching.E067"]
    assert len(errors) == 1
    assert problem in errors[0].msg
