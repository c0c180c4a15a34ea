"""Shipped catalogues: Italian complete, compiled catalogues current, code fully extracted."""

from __future__ import annotations

import gettext
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.utils import translation

from ..conftest import missing

PACKAGE = Path(__file__).resolve().parents[2] / "wagtail_community_matching"
LOCALES = ("it", "en")


def catalogue(language: str, kind: str = "po") -> Path:
    return PACKAGE / "locale" / language / "LC_MESSAGES" / f"django.{kind}"


@pytest.mark.parametrize("language", LOCALES)
def test_catalogue_is_shipped(language):
    assert catalogue(language).exists()
    assert catalogue(language, "mo").exists()


def test_every_italian_string_is_translated():
    po = polib.pofile(str(catalogue("it")))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"Italian translation missing for: {untranslated}"
    assert not fuzzy, f"Fuzzy (unchecked) Italian translations: {fuzzy}"


@pytest.mark.parametrize("language", LOCALES)
def test_compiled_catalogue_matches_its_source(language):
    po = polib.pofile(str(catalogue(language)))
    with catalogue(language, "mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    expected = {}
    for entry in po.translated_entries():
        if entry.msgid_plural:
            for index, text in entry.msgstr_plural.items():
                expected[(entry.msgid, int(index))] = text
        else:
            key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
            expected[key] = entry.msgstr
    compiled = {k: v for k, v in compiled.items() if k != ""}
    assert compiled == expected, (
        f"locale/{language}/LC_MESSAGES/django.mo is stale: run `make compilemessages`"
    )


def test_italian_is_used_at_runtime():
    with translation.override("it"):
        assert translation.gettext("Skip to main content") == "Salta al contenuto principale"


@pytest.mark.slow
def test_catalogue_holds_every_string_of_the_code(tmp_path):
    """Extract the strings of a copy of the package and compare with the shipped catalogue."""
    if not shutil.which("xgettext"):
        missing("xgettext not found (install Debian's 'gettext' package)")
    copy = tmp_path / "wagtail_community_matching"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "-l",
            "it",
            "--no-obsolete",
            "--add-location",
            "file",
            "-i",
            "_demo/*",
        ],
        cwd=copy,
        check=True,
        capture_output=True,
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
    )
    extracted = {e.msgid for e in polib.pofile(str(copy / "locale/it/LC_MESSAGES/django.po"))}
    shipped = {e.msgid for e in polib.pofile(str(catalogue("it")))}
    assert extracted - shipped == set(), "strings missing from the catalogue: run `make messages`"
    assert shipped - extracted == set(), "obsolete strings in the catalogue: run `make messages`"
