"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls made
# by fixtures in that thread are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing(reason: str):
    """Skip loudly outside CI; fail in CI, where every part must be installed."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: every test must run)")
    pytest.skip(f"NOT RUN: {reason}")


def pytest_collection_modifyitems(config, items):
    """Skip ``@pytest.mark.postgresql(reason)`` tests on other databases before setup.

    Skipped at collection, such a test costs nothing elsewhere: no transactional
    database set up and flushed for a test that would only skip.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    for item in items:
        marker = item.get_closest_marker("postgresql")
        if marker:
            reason = marker.args[0] if marker.args else "needs PostgreSQL"
            item.add_marker(pytest.mark.skip(reason=f"{connection.vendor}: {reason}"))


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts with empty caches: rate limits live there and outlive a test."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts and ends in the site's default language.

    A request to an English page leaves English active in the test's thread (the locale
    middleware activates it and nothing deactivates it), so without this a message checked
    against the Italian catalogue depends on which tests ran before on the same worker.
    """
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Every test writes uploads and renditions to its own MEDIA_ROOT."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


_SERIALIZED: dict[str, str] = {}


@pytest.fixture(scope="session", autouse=True)
def _serialized_migration_data(request):
    """The database contents right after migrations, serialized by Django at setup.

    Autouse, so it is read before Playwright starts (see ``wagtail_bootstrap``).
    """
    if any(item.get_closest_marker("browser") for item in request.session.items):
        request.getfixturevalue("django_db_setup")
        from django.db import connection

        _SERIALIZED["default"] = getattr(connection, "_test_serialized_contents", "")
    return _SERIALIZED


@pytest.fixture
def wagtail_bootstrap(transactional_db, django_db_serialized_rollback, _serialized_migration_data):
    """The rows Wagtail's migrations create (root page, site, locale, root collection).

    Transactional tests flush the database afterwards and Django should restore the
    serialized migration data before the next one; after a live-server test it does
    not (seen with Django 5.2 and pytest-django 4.14: the next test starts with
    content types only). Restore it here: flush, then load the serialized rows.
    """
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection
    from wagtail.models import Page

    if not Page.objects.exists() and _serialized_migration_data.get("default"):
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(_serialized_migration_data["default"])
        # The rows came back with their ids: move PostgreSQL's sequences past them.
        sql = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
        with connection.cursor() as cursor:
            for statement in sql:
                cursor.execute(statement)
    # The flush between tests re-creates content types, possibly under other ids,
    # and Django caches them by id per process: forget what the last test cached,
    # then cache the rows as they are now. Left empty, the cache would make the next
    # test's restore of the serialized rows create content types before it inserts
    # them (seen after a test that skips without a query: UNIQUE constraint failed).
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)


@pytest.fixture
def demo(live_server, wagtail_bootstrap):
    """The demo content (``load_community_matching_demo``) served by the live server; its URL."""
    from urllib.parse import urlsplit

    from django.core.management import call_command
    from wagtail.models import Site

    call_command("load_community_matching_demo", "--no-superuser", verbosity=0, stdout=None)
    # The Site's address is the public one: absolute URLs in API answers are built from it.
    address = urlsplit(live_server.url)
    Site.objects.filter(is_default_site=True).update(hostname=address.hostname, port=address.port)
    Site.clear_site_root_paths_cache()  # page URLs in mails are built from the cached paths
    return live_server.url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (headless, never downloaded)."""
    if not Path(CHROMIUM).exists() and not shutil.which(CHROMIUM):
        missing(f"Chromium not found at {CHROMIUM} (install Debian's 'chromium' package)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


#: Collects the page's Content Security Policy violations (the example site sends a strict
#: policy, ``wagtail_community_matching.http.csp.package_policy``).
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


@pytest.fixture
def browser_page(browser):
    """A Chromium page in Italian; any Content Security Policy violation fails the test."""
    context = browser.new_context(locale="it-IT")
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    reported = []
    page.on(
        "console",
        lambda message: (
            reported.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    try:
        if not page.is_closed():
            reported += page.evaluate("window.__cspViolations || []")
    finally:
        context.close()
    assert not reported, "Content Security Policy violations:\n" + "\n".join(reported)


@pytest.fixture
def home():
    """A network page as the default site's root (FAQ and cross-feature API tests)."""
    from wagtail_community_matching.pages.models import NetworkPage

    from .factories import make_site_root

    return make_site_root(NetworkPage, title="Rete")


@pytest.fixture
def logo_file(tmp_path) -> Path:
    """A PNG logo on disk, for a browser to upload (adhesion and headless API tests)."""
    from .factories import png_bytes

    path = tmp_path / "logo-ponte-nuovo.png"
    path.write_bytes(png_bytes(240, 120, "#7a1f5c"))
    return path


#: The rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA: any violation fails a scan.
#: (axe-core leaves the 2.2 rules, ``target-size`` among them, out unless asked.)
AXE_WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

#: Markup that third-party code writes into the page (Leaflet's map panes and controls,
#: Swagger UI on the JSON API's docs page): a best-practice finding inside it is reported
#: as a warning, not failed; a WCAG violation fails wherever it is.
AXE_THIRD_PARTY = (".leaflet-", "#swagger-ui")


class AxeBestPracticeWarning(UserWarning):
    """An axe-core best-practice finding in third-party markup (see ``AXE_THIRD_PARTY``)."""


def _axe_nodes(violation, nodes) -> str:
    targets = "; ".join(" ".join(map(str, node["target"])) for node in nodes[:5])
    more = f" (+{len(nodes) - 5} more)" if len(nodes) > 5 else ""
    return f"- {violation['id']} ({violation['impact']}): {violation['help']} -> {targets}{more}"


def axe_violations(page) -> tuple[list[str], list[str]]:
    """Scan ``page`` with axe-core: (failures, third-party best-practice findings).

    Runs the WCAG 2.2 AA rules (:data:`AXE_WCAG_TAGS`) and axe-core's best-practice rules.
    """
    from axe_playwright_python.sync_playwright import Axe

    options = {
        "runOnly": {"type": "tag", "values": [*AXE_WCAG_TAGS, "best-practice"]},
        "resultTypes": ["violations"],
    }
    violations = Axe().run(page, options=options).response["violations"]
    failures, reported = [], []
    for violation in violations:
        if set(violation["tags"]) & set(AXE_WCAG_TAGS):
            failures.append(_axe_nodes(violation, violation["nodes"]))
            continue
        ours, theirs = [], []
        for node in violation["nodes"]:
            target = " ".join(map(str, node["target"]))
            (theirs if any(part in target for part in AXE_THIRD_PARTY) else ours).append(node)
        if ours:
            failures.append(_axe_nodes(violation, ours))
        if theirs:
            reported.append(_axe_nodes(violation, theirs))
    return failures, reported


def assert_no_axe_violations(page) -> None:
    """Run axe-core (shipped by axe-playwright-python) on ``page`` at WCAG 2.2 AA.

    Fails on any WCAG violation and on any best-practice finding in the package's own
    markup; best-practice findings in third-party markup are reported as warnings.
    """
    import warnings

    failures, reported = axe_violations(page)
    for finding in reported:
        warnings.warn(f"{page.url}: third-party markup: {finding}", AxeBestPracticeWarning, 2)
    details = "\n".join(failures)
    assert not failures, f"axe-core found {len(failures)} violation(s) on {page.url}:\n{details}"


def it(message: str) -> str:
    """``message`` as the Italian catalogue translates it (the example site's default language)."""
    from django.utils import translation

    with translation.override("it"):
        return translation.gettext(message)
