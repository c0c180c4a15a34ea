"""Shared media on S3-compatible object storage (django-storages), from the environment.

``production.py`` calls :func:`s3_settings`; tests call it too, against a local
S3-compatible server, so the settings they prove are the ones production uses.

=========================  =============================================================
variable                   meaning
=========================  =============================================================
``CM_S3_MEDIA_BUCKET``     bucket of images, renditions and documents (public-read)
``CM_S3_PRIVATE_BUCKET``   bucket of application uploads: private, never a public URL
``CM_S3_ENDPOINT_URL``     the server's URL, for S3-compatible stores (MinIO, Ceph, ...);
                           unset for Amazon S3
``CM_S3_REGION``           the region, when the store needs one
``CM_S3_MEDIA_DOMAIN``     a CDN or custom domain that serves the media bucket
``AWS_ACCESS_KEY_ID``,     the credentials, read by boto3 itself (never copied into
``AWS_SECRET_ACCESS_KEY``  settings)
=========================  =============================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

S3_STORAGE = "storages.backends.s3.S3Storage"


def _connection(environ: Mapping[str, str]) -> dict[str, Any]:
    options: dict[str, Any] = {"file_overwrite": False}
    if environ.get("CM_S3_ENDPOINT_URL"):
        options["endpoint_url"] = environ["CM_S3_ENDPOINT_URL"]
        # S3-compatible servers are addressed by path: http://host:port/bucket/key.
        options["addressing_style"] = "path"
    if environ.get("CM_S3_REGION"):
        options["region_name"] = environ["CM_S3_REGION"]
    return options


def s3_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    """Settings to merge for the buckets named in ``environ``; empty when none is.

    Returns ``{"media": <STORAGES["default"]>, "private": <PRIVATE_STORAGE>,
    "documents_serve_method": ...}`` with the keys whose bucket is set.
    """
    result: dict[str, Any] = {}
    if environ.get("CM_S3_MEDIA_BUCKET"):
        media = {
            **_connection(environ),
            "bucket_name": environ["CM_S3_MEDIA_BUCKET"],
            # Images and renditions are public: plain, unsigned URLs that a CDN caches.
            "default_acl": "public-read",
            "querystring_auth": False,
            # Names never repeat (file_overwrite False): a day in every cache is safe.
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        }
        if environ.get("CM_S3_MEDIA_DOMAIN"):
            media["custom_domain"] = environ["CM_S3_MEDIA_DOMAIN"]
        result["media"] = {"BACKEND": S3_STORAGE, "OPTIONS": media}
        # Documents go through Wagtail's view, which applies collection privacy and
        # counts downloads, rather than a redirect to the bucket.
        result["documents_serve_method"] = "serve_view"
    if environ.get("CM_S3_PRIVATE_BUCKET"):
        result["private"] = {
            "CLASS": S3_STORAGE,
            "OPTIONS": {
                **_connection(environ),
                "bucket_name": environ["CM_S3_PRIVATE_BUCKET"],
                # Application files hold personal data: no public-read object, no unsigned
                # URL. The package streams them through its permission-checked view.
                "default_acl": "private",
                "querystring_auth": True,
                "querystring_expire": 60,
            },
        }
    return result
