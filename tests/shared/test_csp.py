"""The public pages' Content Security Policy (``csp``): sent outside the admin, strict."""

from __future__ import annotations

import pytest

from wagtail_community_matching.checks import check_settings
from wagtail_community_matching.http.csp import build_policy, package_policy

from ..conftest import CSP_LISTENER

HEADER = "Content-Security-Policy"


def test_package_policy_allows_only_own_scripts_and_styles_and_the_tile_server():
    policy = package_policy()
    assert policy["script-src"] == ["'self'"] and policy["style-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
    own = package_policy("https://tiles.example.org/{z}/{x}/{y}.png", ["https://player.example"])
    assert own["img-src"][-1] == "https://tiles.example.org"
    assert own["frame-src"] == ["https://player.example"]
    assert "tiles" not in str(package_policy("/tiles/{z}/{x}/{y}.png")["img-src"])


def test_build_policy_writes_one_directive_per_key():
    text = build_policy({"default-src": ["'self'"], "img-src": ["'self'", "data:"], "x": "a"})
    assert text == "default-src 'self'; img-src 'self' data:; x a"


@pytest.mark.django_db
def test_public_pages_carry_the_policy(client, home):
    response = client.get(home.url)
    assert response.status_code == 200
    assert response[HEADER] == build_policy(package_policy())
    assert "script-src 'self';" in response[HEADER]


@pytest.mark.django_db
def test_the_wagtail_admin_and_configured_admin_paths_are_exempt(admin_client, settings, home):
    assert HEADER not in admin_client.get("/admin/")
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADMIN_PATH_PREFIXES": ["/it/"]}
    assert HEADER not in admin_client.get(home.url)


@pytest.mark.django_db
def test_report_only_is_sent_too_and_no_policy_means_no_header(client, settings, home):
    settings.SECURE_CSP_REPORT_ONLY = {"default-src": ["'none'"]}
    response = client.get(home.url)
    assert response["Content-Security-Policy-Report-Only"] == "default-src 'none'"
    settings.SECURE_CSP = {}
    del settings.SECURE_CSP_REPORT_ONLY
    assert HEADER not in client.get(home.url)


@pytest.mark.parametrize(
    ("value", "valid"),
    [([], True), (["/django-admin/"], True), (["django-admin/"], False), ("/x/", False)],
)
def test_admin_path_prefixes_are_checked(settings, value, valid):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADMIN_PATH_PREFIXES": value}
    assert ("wagtail_community_matching.E010" not in {e.id for e in check_settings()}) is valid


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_browser_tests_would_catch_an_inline_script(browser, live_server, wagtail_bootstrap):
    """The ``browser_page`` fixture fails a test on a violation: plant one and watch it."""
    from wagtail_community_matching.pages.models import NetworkPage

    from ..factories import make_site_root

    home = make_site_root(NetworkPage, title="Rete")
    context = browser.new_context()
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()

    def plant(route):
        response = route.fetch()
        body = response.text().replace("</main>", "<script>document.title='x'</script></main>")
        route.fulfill(response=response, body=body)

    page.route(f"{live_server.url}{home.url}", plant)
    page.goto(f"{live_server.url}{home.url}")
    violations = page.evaluate("window.__cspViolations")
    context.close()
    assert violations and "script-src" in violations[0]
