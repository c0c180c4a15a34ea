"""The visitor's journey from the home page to a confirmed application, in each language.

Home → the header's "Join the network" link → the form (its language's data controller
statement) → send → thanks → the mail's link → confirmed; axe-core at every step.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache

from wagtail_community_matching.models import AdhesionSubmission

from ..conftest import assert_no_axe_violations, it

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

#: What a visitor sees and types, per language (labels of the demo form).
VISITS = {
    "it": {
        "home": "/it/",
        "network": "Rete Community Matching",
        "controllers": "Contitolari del trattamento",
        "answers": {
            "Denominazione ente": "Cooperativa Ponte Nuovo",
            "Città": "Bologna",
            "Breve descrizione": "Abbinamenti tra volontari e rifugiati.",
            "Referente: nome e cognome": "Chiara Neri",
            "Referente: email": "chiara@pontenuovo.example",
        },
        "selects": {"Tipologia": 1, "Provincia": "BO", "Regione": "emilia-romagna"},
        "checks": ["In attivazione", "Dichiaro di aver letto"],
        "send": "Invia",
    },
    "en": {
        "home": "/en/",
        "network": "Community Matching Network",
        "controllers": "Joint controllers",
        "answers": {
            "Organisation name": "Bridge Cooperative",
            "City": "Parma",
            "Short description": "Matching volunteers and refugees.",
            "Contact person: name": "Anna Grey",
            "Contact person: email": "anna@bridge.example",
        },
        "selects": {"Type of organisation": 1, "Province": "PR", "Region": "emilia-romagna"},
        "checks": ["Starting", "I have read the privacy notice"],
        "send": "Send",
    },
}


@pytest.mark.parametrize("language", ["it", "en"])
def test_from_the_home_page_to_a_confirmed_application(browser_page, demo, language):
    cache.clear()
    mail.outbox.clear()
    visit = VISITS[language]
    page = browser_page
    page.goto(demo + visit["home"])
    assert page.locator("html").get_attribute("lang") == language
    assert visit["network"] in page.locator(".cm-brand").inner_text()
    assert page.title().endswith(visit["network"]) or visit["network"] in page.title()
    assert_no_axe_violations(page)

    join_label = str(it("Join the network")) if language == "it" else "Join the network"
    page.get_by_role("link", name=join_label).click()
    page.wait_for_load_state()
    assert page.locator(".cm-join-link").get_attribute("aria-current") == "page"
    assert visit["controllers"] in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    for label, value in visit["answers"].items():
        page.get_by_label(label).first.fill(value)
    for label, value in visit["selects"].items():
        select = page.get_by_label(label).first
        if isinstance(value, int):
            select.select_option(index=value)
        else:
            select.select_option(value)
    for label in visit["checks"]:
        page.get_by_label(label).first.check()
    page.get_by_role("button", name=re.compile(visit["send"])).click()
    page.wait_for_url(re.compile(r".*/thanks/$"))
    assert_no_axe_violations(page)

    email = next(v for k, v in visit["answers"].items() if "email" in k)
    (message,) = [m for m in mail.outbox if m.to == [email]]
    url = re.search(r"http://\S+/verify/\S+/", message.body).group(0)
    assert url.startswith(demo)  # built from the Site's address
    page.goto(url)
    page.locator("main form button[type=submit]").click()
    page.locator("main [role=status]").wait_for()
    assert_no_axe_violations(page)
    submission = AdhesionSubmission.objects.get(applicant_email=email)
    assert submission.status == "verified"
