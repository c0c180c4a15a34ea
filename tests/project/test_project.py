"""Project-level checks: migrations, deploy settings, system checks, settings reload."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from wagtail_community_matching.checks import check_settings
from wagtail_community_matching.conf import DEFAULTS, cm_settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "example_site"


def manage(*args: str, settings: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """``manage.py`` of the example site, on a SQLite database and media of its own.

    Not the example site's db.sqlite3 and media/: a developer's demo data (or another
    run of the suite) must not change the outcome, and the tests must not write there.
    """
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        **env,
    }
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for Playwright by conftest
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=EXAMPLE,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.django_db
def test_no_missing_migrations_for_the_package():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


@pytest.mark.slow
def test_no_missing_migrations_for_the_example_site(tmp_path):
    result = manage(
        "makemigrations",
        "--check",
        "--dry-run",
        settings="example_site.settings.dev",
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_production_settings_pass_check_deploy(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        settings="example_site.settings.production",
        tmp_path=tmp_path,
        SECRET_KEY="a-long-random-production-secret-" + "x7Q!" * 12,
        ALLOWED_HOSTS="rete.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def check_ids(**user_settings) -> list[str]:
    with override_settings(WAGTAIL_COMMUNITY_MATCHING=user_settings):
        return [error.id for error in check_settings()]


def test_default_settings_pass_the_checks():
    assert check_ids() == []


@pytest.mark.parametrize(
    ("user_settings", "error_id"),
    [
        ({"NOT_A_SETTING": 1}, "wagtail_community_matching.E001"),
        ({"BASE_TEMPLATE": ""}, "wagtail_community_matching.E003"),
        ({"BASE_TEMPLATE": "missing/base.html"}, "wagtail_community_matching.E004"),
        ({"INCLUDE_CSS": "yes"}, "wagtail_community_matching.E005"),
        ({"PHONE_DEFAULT_REGION": "it"}, "wagtail_community_matching.E006"),
        ({"PHONE_DEFAULT_REGION": "XX"}, "wagtail_community_matching.E006"),
        ({"RICH_TEXT_FEATURES": "bold"}, "wagtail_community_matching.E007"),
        ({"DEFAULT_COUNTRY": "Italy"}, "wagtail_community_matching.E008"),
    ],
)
def test_each_bad_setting_has_a_clear_error(user_settings, error_id):
    assert error_id in check_ids(**user_settings)


def test_settings_must_be_a_dict():
    with override_settings(WAGTAIL_COMMUNITY_MATCHING=["BASE_TEMPLATE"]):
        errors = check_settings()
    assert [e.id for e in errors] == ["wagtail_community_matching.E002"]
    assert "must be a dict" in errors[0].msg


def test_settings_reload_on_change():
    assert cm_settings.PHONE_DEFAULT_REGION == "IT"
    with override_settings(WAGTAIL_COMMUNITY_MATCHING={"PHONE_DEFAULT_REGION": "FR"}):
        assert cm_settings.PHONE_DEFAULT_REGION == "FR"
        assert DEFAULTS["BASE_TEMPLATE"] == cm_settings.BASE_TEMPLATE
    assert cm_settings.PHONE_DEFAULT_REGION == "IT"


def test_unknown_setting_attribute_raises():
    with pytest.raises(AttributeError, match="Invalid WAGTAIL_COMMUNITY_MATCHING setting"):
        cm_settings.NOT_A_SETTING  # noqa: B018
