"""Adhesion settings, their system checks, the private storage and the rate limiter
(checks_adhesion.py, storage.py, ratelimit.py, uploads.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import RequestFactory, override_settings

from wagtail_community_matching.adhesion.checks import check_shared_cache
from wagtail_community_matching.adhesion.storage import private_storage
from wagtail_community_matching.adhesion.uploads import sniff_content_type
from wagtail_community_matching.checks import check_settings
from wagtail_community_matching.models import RateCounter
from wagtail_community_matching.ratelimit import Rate, _key, client_ip, hit


def check_ids(**user_settings) -> list[str]:
    with override_settings(WAGTAIL_COMMUNITY_MATCHING=user_settings):
        return [error.id for error in check_settings()]


def test_defaults_pass():
    assert check_ids() == []


@pytest.mark.parametrize(
    ("user_settings", "error_id"),
    [
        ({"ADHESION_VERIFICATION_REQUIRED": "yes"}, "E050"),
        ({"ADHESION_VERIFICATION_MAX_AGE_DAYS": 0}, "E051"),
        ({"ADHESION_UPLOAD_MAX_BYTES": "5MB"}, "E051"),
        ({"ADHESION_UPLOAD_MAX_PIXELS": True}, "E051"),
        ({"ADHESION_RATE_LIMIT": "5 per hour"}, "E052"),
        ({"ADHESION_EMAIL_RATE_LIMIT": "0/d"}, "E052"),
        ({"TRUSTED_PROXY_COUNT": -1}, "E053"),
        ({"ADHESION_IMAGE_TYPES": ["application/pdf"]}, "E054"),
        ({"ADHESION_FILE_TYPES": ["image/svg+xml"]}, "E054"),
        ({"ADHESION_CAPTCHA_FIELD": "no.such.Field"}, "E055"),
        ({"ADHESION_CAPTCHA_FIELD": "django.forms.Form"}, "E055"),
        ({"ADHESION_RETENTION_DAYS": {"rejected": -1}}, "E056"),
        ({"ADHESION_RETENTION_DAYS": {"approved": 30}}, "E056"),
        ({"ADHESION_RETENTION_ACTION": "shred"}, "E057"),
        ({"PRIVATE_STORAGE": "private"}, "E058"),
        ({"PRIVATE_STORAGE": {"CLASS": "os.path", "OPTIONS": {}}}, "E059"),
        ({"TASK_BACKEND": "nowhere"}, "E061"),
    ],
)
def test_bad_settings_are_reported(user_settings, error_id):
    assert f"wagtail_community_matching.{error_id}" in check_ids(**user_settings)


def test_captcha_field_that_exists_passes():
    assert check_ids(ADHESION_CAPTCHA_FIELD="django.forms.CharField") == []


def test_private_storage_inside_media_root_is_an_error(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    inside = {
        "CLASS": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "media" / "private")},
    }
    assert "wagtail_community_matching.E060" in check_ids(PRIVATE_STORAGE=inside)


def test_default_private_storage_is_beside_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    assert Path(private_storage.location) == tmp_path / "private_media"


def test_deploy_check_warns_about_a_per_process_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [w.id for w in check_shared_cache()] == ["wagtail_community_matching.W050"]
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "t"}
    }
    assert check_shared_cache() == []


@pytest.mark.parametrize(
    ("text", "rate"), [("5/h", Rate(5, 3600)), (" 10 / m ", Rate(10, 60)), ("1/d", Rate(1, 86400))]
)
def test_rate_parsing(text, rate):
    assert Rate.parse(text) == rate


@pytest.mark.django_db
def test_rate_limit_with_the_database_cache_is_shared(settings):
    """With the database cache (not atomic) the counters go to the database table, which
    every process shares (tests/shared/test_ratelimit_store.py races it)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cm_test_cache",
        }
    }
    call_command("createcachetable", verbosity=0)
    from django.core.cache import caches

    cache.close()
    rate = Rate(3, 3600)
    assert [hit("t", "192.0.2.1", rate) for _ in range(3)] == [True, True, True]
    assert RateCounter.objects.get(key=_key("t", "192.0.2.1")).count == 3
    assert caches.create_connection("default").get(_key("t", "192.0.2.1")) is None
    # The fourth event is refused (a ``<`` for ``<=`` would refuse the third, and a
    # count kept per process would let it through), and another address has its own count.
    assert not hit("t", "192.0.2.1", rate)
    assert RateCounter.objects.get(key=_key("t", "192.0.2.1")).count == 4
    assert hit("t", "192.0.2.2", rate)


def test_client_ip_with_and_without_proxies(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.1.1.1, 203.0.113.5"
    )
    assert client_ip(request) == "10.0.0.1"
    settings.WAGTAIL_COMMUNITY_MATCHING = {"TRUSTED_PROXY_COUNT": 1}
    assert client_ip(request) == "203.0.113.5"
    settings.WAGTAIL_COMMUNITY_MATCHING = {"TRUSTED_PROXY_COUNT": 3}
    assert client_ip(request) == "10.0.0.1"  # fewer addresses than proxies: distrust


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"\xff\xd8\xff\xe0", "image/jpeg"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"GIF89a", "image/gif"),
        (b"%PDF-1.7", "application/pdf"),
        (b"<svg xmlns=", None),
        (b"PK\x03\x04", None),
        (b"", None),
    ],
)
def test_sniffing(head, expected):
    assert sniff_content_type(head) == expected


def test_adhesion_pages_need_wagtail_forms(monkeypatch):
    from django.apps import apps as django_apps

    from wagtail_community_matching.adhesion.checks import check_adhesion_settings

    assert "wagtail_community_matching.E062" not in {e.id for e in check_adhesion_settings()}
    installed = django_apps.is_installed
    monkeypatch.setattr(
        django_apps,
        "is_installed",
        lambda name: name != "wagtail.contrib.forms" and installed(name),
    )
    assert "wagtail_community_matching.E062" in {e.id for e in check_adhesion_settings()}
