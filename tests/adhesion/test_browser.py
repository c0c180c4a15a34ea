"""Apply to join in a real browser, confirm the address, approve as a reviewer, find the member."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from wagtail.models import Site

from wagtail_community_matching.models import AdhesionSubmission, Member

from ..conftest import assert_no_axe_violations, it
from .helpers import NAME, fill_application, noise_png

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def demo(demo, live_server):
    # Links in mails use the Wagtail site's address: point it at the live server.
    host, port = live_server.url.removeprefix("http://").split(":")
    Site.objects.filter(is_default_site=True).update(hostname=host, port=int(port))
    cache.clear()
    mail.outbox.clear()
    return demo


def test_apply_verify_approve_and_find_the_member(browser, demo, logo_file, tmp_path):
    applicant = browser.new_context(locale="it-IT").new_page()
    applicant.goto(f"{demo}/it/modulo-di-adesione/")
    fill_application(applicant, "chiara@pontenuovo", logo_file)
    applicant.get_by_role("button", name=re.compile("Send application|Invia")).click()

    # The mistake is reported at the top and at the field; typed values are kept.
    summary = applicant.locator("#cm-error-summary")
    summary.wait_for()
    assert summary.evaluate("el => el === document.activeElement")  # focus moved there
    assert applicant.locator("title").inner_text().startswith(it("Error:"))
    link = summary.get_by_role("link", name=re.compile("Referente: email"))
    assert link.get_attribute("href") == "#id_referente_email"
    assert applicant.get_by_label("Denominazione ente").input_value() == NAME
    assert applicant.get_by_label("Provincia").input_value() == "BO"
    assert applicant.get_by_label("In attivazione").is_checked()
    assert_no_axe_violations(applicant)
    assert not AdhesionSubmission.objects.filter(organisation_name=NAME).exists()

    link.click()
    assert applicant.evaluate("location.hash") == "#id_referente_email"
    applicant.get_by_label("Referente: email").fill("chiara@pontenuovo.example")
    applicant.get_by_label("Logo dell'ente", exact=True).set_input_files(
        str(logo_file)
    )  # files are not kept
    applicant.get_by_role("button", name=re.compile("Send application|Invia")).click()
    applicant.wait_for_url(f"{demo}/it/modulo-di-adesione/thanks/")
    assert_no_axe_violations(applicant)

    # The confirmation mail carries the link; confirming takes a button press.
    confirmation = next(m for m in mail.outbox if m.to == ["chiara@pontenuovo.example"])
    assert NAME not in confirmation.body
    url = re.search(r"http://\S+/verify/\S+/", confirmation.body).group(0)
    applicant.goto(url)
    assert_no_axe_violations(applicant)
    applicant.locator("main form button[type=submit]").click()
    applicant.locator("main [role=status]").wait_for()
    submission = AdhesionSubmission.objects.get(organisation_name=NAME)
    assert submission.status == "verified"

    # A reviewer logs in through Wagtail's login form and approves, publishing the member.
    get_user_model().objects.create_superuser("reviewer", "r@rete.example", "a-long-Passw0rd")
    reviewer = browser.new_context(locale="en-GB").new_page()
    reviewer.goto(f"{demo}/admin/login/")
    reviewer.locator("#id_username").fill("reviewer")
    reviewer.locator("#id_password").fill("a-long-Passw0rd")
    reviewer.locator("form button[type=submit]").click()
    reviewer.wait_for_url(f"{demo}/admin/")
    reviewer.goto(f"{demo}/admin/forms/submissions/{submission.page_id}/")
    reviewer.get_by_role("link", name=NAME).click()
    # The reviewer's admin language follows their browser: select by field name.
    reviewer.locator("input[name='approve-publish']").check()
    reviewer.locator("form:has(input[name='approve-publish']) button[type=submit]").click()
    reviewer.locator(".messages").get_by_text(NAME).first.wait_for()

    member = Member.objects.get(name=NAME)
    assert member.live and member.listed and member.logo is not None
    assert (member.kind, member.status, member.region) == (
        "association",
        "starting",
        "emilia-romagna",
    )
    assert any(m.to == ["chiara@pontenuovo.example"] and m is not confirmation for m in mail.outbox)

    # The new member is in the public directory, with its logo.
    visitor = browser.new_context(locale="it-IT").new_page()
    visitor.goto(f"{demo}/it/membri/?q=Ponte+Nuovo")
    card = visitor.locator("main").get_by_text(NAME).first
    card.wait_for()
    logos = visitor.locator("main img[src*='logo']")
    assert logos.count() >= 1


def test_oversized_upload_error_is_accessible(browser_page, demo, tmp_path, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"ADHESION_UPLOAD_MAX_BYTES": 2000}
    big = tmp_path / "grande.png"
    big.write_bytes(noise_png(200, 200))
    page = browser_page
    page.goto(f"{demo}/it/modulo-di-adesione/")
    fill_application(page, "x@pontenuovo.example", big)
    page.get_by_role("button", name=re.compile("Send application|Invia")).click()
    page.locator("#cm-error-summary").wait_for()
    too_big = it("The file is too big (%(size)s): the limit is %(max)s.").split("%(")[0]
    assert too_big.strip() and too_big in page.locator("#id_logo_dellente_error").inner_text()
    assert_no_axe_violations(page)
