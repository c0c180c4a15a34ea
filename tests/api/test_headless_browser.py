"""The headless example (example_site/headless/) in Chromium, served from another origin:
it lists members and sends an application with a logo through the JSON API, once even
when the first attempt's answer is lost."""

from __future__ import annotations

import re
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from wagtail_community_matching.models import AdhesionSubmission, AdhesionUpload

from ..adhesion.helpers import NAME, fill_application
from ..conftest import assert_no_axe_violations, it

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HEADLESS_DIR = Path(__file__).resolve().parents[2] / "example_site" / "headless"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


@pytest.fixture
def front_end():
    """The example's static files on their own origin, as a separate front end would be."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), partial(QuietHandler, directory=str(HEADLESS_DIR))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def site(demo, front_end, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {
        **settings.WAGTAIL_COMMUNITY_MATCHING,
        "API_CORS_ALLOWED_ORIGINS": [front_end],
    }
    cache.clear()
    return f"{front_end}/index.html?api={demo}/api/community-matching/"


def test_front_end_reads_members_and_applies_once(browser, site, logo_file):
    page = browser.new_context(locale="it-IT").new_page()
    page.goto(site)
    members = page.locator("#member-list > li")
    members.first.wait_for()
    assert members.count() >= 10
    assert re.match(r"\d+ membri trovati\.", page.locator("#member-count").inner_text())
    assert page.locator("#member-list img[srcset]").count() >= 1

    page.get_by_label("Cerca un membro").fill("Faro")
    page.get_by_role("button", name="Cerca").click()
    page.wait_for_function("document.querySelectorAll('#member-list > li').length === 1")
    assert "Cooperativa Il Faro" in members.first.inner_text()
    page.get_by_label("Cerca un membro").fill("")
    page.get_by_role("button", name="Cerca").click()
    page.wait_for_function("document.querySelectorAll('#member-list > li').length > 1")
    page.locator("#member-region").select_option("lazio")
    page.wait_for_function(
        "[...document.querySelectorAll('#member-list h3')].every(h => h.closest('li')"
        ".textContent.includes('Lazio'))"
    )

    # The form is built from its definition; a mistake comes back on its field.
    page.get_by_label("Denominazione ente").wait_for()
    assert_no_axe_violations(page)
    fill_application(page, "chiara@pontenuovo", logo_file)
    page.get_by_role("button", name="Invia la domanda").click()
    summary = page.locator("#apply-errors")
    summary.wait_for()
    assert summary.evaluate("el => el === document.activeElement")
    link = summary.get_by_role("link", name=re.compile("Referente: email"))
    assert link.get_attribute("href") == "#field-referente_email"
    assert page.get_by_label("Referente: email").get_attribute("aria-invalid") == "true"
    assert page.get_by_label("Denominazione ente").input_value() == NAME
    assert_no_axe_violations(page)
    assert not AdhesionSubmission.objects.filter(organisation_name=NAME).exists()

    # The first answer is lost after the server stored the application: the page
    # retries with the same Idempotency-Key and the server replays its answer.
    attempts = []

    def lose_first_answer(route):
        attempts.append(route.request.headers.get("idempotency-key"))
        if len(attempts) == 1:
            route.fetch()
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/submissions/", lose_first_answer)
    page.get_by_label("Referente: email").fill("chiara@pontenuovo.example")
    page.get_by_role("button", name="Invia la domanda").click()
    status = page.locator("#apply-status")
    status.filter(has_text=it("Thank you: your application was received.")).wait_for()
    assert len(attempts) == 2 and attempts[0] == attempts[1]
    assert_no_axe_violations(page)

    submission = AdhesionSubmission.objects.get(organisation_name=NAME)
    assert AdhesionUpload.objects.filter(submission=submission).count() == 1
    reviewer = Client()
    reviewer.force_login(get_user_model().objects.create_superuser("revisore", "r@x.example", "x"))
    queue = reviewer.get(reverse("wagtailforms:list_submissions", args=(submission.page_id,)))
    assert queue.content.decode().count(NAME) == 1
