"""The built wheel and sdist hold every file the app needs at runtime."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "wagtail_community_matching"

# One worker of pytest-xdist (--dist loadgroup) runs the module: the wheel is built
# once, and never by two processes at once in the source tree's build/ folder.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("packaging")]

CHECK_SCRIPT = """
import pathlib, sys
import django
from django.conf import settings

settings.configure(
    INSTALLED_APPS=[
        "wagtail_community_matching", "wagtail_community_matching.pages",
        "wagtail.contrib.settings", "wagtail.documents", "wagtail.images", "wagtail.embeds",
        "wagtail.snippets", "wagtail.users", "wagtail.admin", "wagtail", "wagtail.search",
        "modelcluster", "taggit", "django.contrib.auth", "django.contrib.contenttypes",
        "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles",
    ],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True, "OPTIONS": {}}],
    STATIC_URL="/static/", USE_I18N=True,
)
django.setup()
import wagtail_community_matching as package
from django.contrib.staticfiles import finders
from django.template.loader import get_template
from django.utils import translation

root = pathlib.Path(package.__file__).parent
assert str(root).startswith(sys.argv[1]), f"imported from {root}, not the installed wheel"
templates = sorted((root / "templates").rglob("*.html"))
for template in templates:
    get_template(str(template.relative_to(root / "templates")))
assert finders.find("wagtail_community_matching/css/community-matching.css")
with translation.override("it"):
    assert translation.gettext("Skip to main content") == "Salta al contenuto principale"
from wagtail_community_matching.pages.models import NetworkPage  # noqa
print(f"OK {len(templates)} templates")
"""


def package_files() -> set[str]:
    """Files under the package that must ship (no caches)."""
    return {
        str(path.relative_to(ROOT))
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def source_copy(destination: Path) -> Path:
    """A copy of the project without what runs leave in it (caches, virtualenvs, builds).

    Built from the working tree, the sdist would list files that other test processes
    write meanwhile (bytecode caches, a build/ folder) and fail when one vanishes.
    """
    shutil.copytree(
        ROOT,
        destination,
        ignore=shutil.ignore_patterns(
            "__pycache__",
            "*.pyc",
            ".git",
            ".venv",
            ".nox",
            ".tmp",
            "build",
            "dist",
            "*.egg-info",
            "media",
            "*.sqlite3",
            "node_modules",
        ),
    )
    return destination


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    source = source_copy(tmp_path_factory.mktemp("source") / "project")
    built = subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, f"python -m build failed:\n{built.stdout[-3000:]}\n{built.stderr}"
    return out


def test_wheel_and_sdist_hold_every_package_file(dist):
    wheel = next(dist.glob("*.whl"))
    sdist = next(dist.glob("*.tar.gz"))
    with zipfile.ZipFile(wheel) as archive:
        in_wheel = set(archive.namelist())
    with tarfile.open(sdist) as archive:
        prefix = archive.getnames()[0].split("/")[0]
        in_sdist = {name.removeprefix(prefix + "/") for name in archive.getnames()}
    expected = package_files()
    assert expected - in_wheel == set()
    assert expected - in_sdist == set()
    assert any(name.endswith("locale/it/LC_MESSAGES/django.mo") for name in in_wheel)
    assert not any(name.startswith(("tests/", "example_site/")) for name in in_wheel)


def test_wheel_installs_into_a_fresh_virtualenv_and_imports(dist, tmp_path):
    wheel = next(dist.glob("*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # Dependencies come from this environment through a .pth file, so the test needs
    # no network; the package itself comes only from the wheel.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "PYTHONPATH")}
    result = subprocess.run(
        [str(python), "-c", CHECK_SCRIPT, site],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK ")
