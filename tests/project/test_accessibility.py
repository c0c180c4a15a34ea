"""Every public page type at WCAG 2.2 AA: axe-core in both languages, on desktop and phone.

Each test walks the demo in one language at one viewport and scans every page type the
package renders, in the states a visitor meets: lists with filters and pagination, forms
empty and with errors, the pages behind signed links (confirmations, impact reports) and
their refusals. The example site's headless page and the JSON API's docs page are scanned
too. All findings of a walk are collected, then reported together.
"""

from __future__ import annotations

import re
import warnings
from urllib.parse import urlsplit

import pytest
from django.core import signing

from wagtail_community_matching._demo.impact_content import MISSING
from wagtail_community_matching.adhesion.verification import make_token as verify_token
from wagtail_community_matching.events import views as event_views
from wagtail_community_matching.events.choices import RegistrationMode
from wagtail_community_matching.events.links import action_url
from wagtail_community_matching.impact.links import report_url
from wagtail_community_matching.models import AdhesionSubmission, Member, Registration
from wagtail_community_matching.pages.models import (
    AdhesionFormPage,
    EventIndexPage,
    EventPage,
    FAQPage,
    ImpactPage,
    MemberDirectoryPage,
    NetworkPage,
)

from ..conftest import AxeBestPracticeWarning, axe_violations, it

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

#: A desktop window and a phone's (WCAG 1.4.10 reflow is judged at 320 CSS px; 390 is a
#: common phone width, narrow enough to wrap every bar of links and controls).
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
LOCALES = {"it": "it-IT", "en": "en-GB"}


class Walk:
    """Visits pages in one browser page and collects axe-core's findings on each."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.failures: list[str] = []
        self.scanned: list[str] = []
        #: Each package page's help (WCAG 3.2.6): the footer's links, the contact's position.
        self.help: dict[str, tuple[int, str]] = {}

    def url(self, url: str) -> str:
        """``url`` on the live server (page URLs may be absolute, from the Site)."""
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return self.base_url + path

    def visit(self, label: str, url: str, *, status: int = 200) -> None:
        response = self.page.goto(self.url(url))
        assert response.status == status, f"{label}: {url} answered {response.status}"
        self.scan(label)

    def visit_any(self, label: str, url: str) -> None:
        """A refusal page (a broken link): any 4xx status, scanned like the others."""
        response = self.page.goto(self.url(url))
        assert 400 <= response.status < 500, f"{label}: {url} answered {response.status}"
        self.scan(label)

    def scan(self, label: str) -> None:
        self.page.wait_for_load_state("load")
        if self.page.locator("body.cm-body").count():
            links = self.page.locator(".cm-site-footer a").evaluate_all(
                "links => links.map(link => link.getAttribute('href'))"
            )
            contact = next((href for href in links if href.startswith("mailto:")), "")
            self.help[label] = (links.index(contact) if contact else -1, contact)
        failures, reported = axe_violations(self.page)
        self.scanned.append(label)
        for finding in reported:
            message = f"{label}: third-party markup: {finding}"
            warnings.warn(message, AxeBestPracticeWarning, stacklevel=2)
        if failures:
            self.failures.append(f"{label} ({self.page.url}):\n" + "\n".join(failures))


def live(model, language: str):
    return model.objects.live().filter(locale__language_code=language).order_by("path")


def walk_network_and_faq(walk: Walk, language: str) -> None:
    for network_page in live(NetworkPage, language):
        walk.visit(f"network page {network_page.slug}", network_page.url)
    faq = live(FAQPage, language).exclude(slug__contains="benchmark").first()
    walk.visit("FAQ page", faq.url)
    # An open question, reached by its anchor, with its disclosure expanded.
    anchor = walk.page.locator(".cm-faq__question[id]").first.get_attribute("id")
    walk.visit("FAQ page, one question linked", f"{faq.url}#{anchor}")


def walk_events(walk: Walk, language: str) -> None:
    index = live(EventIndexPage, language).first()
    EventIndexPage.objects.filter(pk=index.pk).update(events_per_page=2)  # pagination shows
    walk.visit("event index", index.url)
    walk.visit("event index, page 2", f"{index.url}?page=2")
    walk.visit("event index, past events", f"{index.url}past/")
    walk.visit("event index, invalid filters", f"{index.url}?from=2027-02-30&city=Atlantide")
    for event in live(EventPage, language).filter(path__startswith=index.path):
        walk.visit(f"event page {event.slug}", event.url)

    event = next(
        event
        for event in live(EventPage, language).filter(registration_mode=RegistrationMode.BUILT_IN)
        if event.next_occurrence() and event.registration_status(event.next_occurrence()) == "open"
    )
    register = f"{event.url}register/"
    walk.visit("event registration form", register)
    walk.page.locator("main form button[type=submit]").click()
    walk.page.wait_for_load_state("load")
    assert walk.page.locator("#cm-error-summary").is_visible()
    walk.scan("event registration form with errors")

    registration = Registration.objects.create(
        occurrence=event.next_occurrence(),
        name="Marta Rossi",
        email=f"marta.rossi.{language}@example.org",
        organisation="Comune di Parma",
        consent_text="Consenso",
        status="unconfirmed",
    )
    ticket = signing.dumps(registration.pk, salt=event_views.SALT)
    walk.visit("event registration done", f"{register}done/?ticket={ticket}")
    walk.visit("event registration confirm", action_url(registration, event, "confirm"))
    walk.page.locator("main form button[type=submit]").click()
    walk.page.wait_for_load_state("load")
    walk.scan("event registration confirmed")
    walk.visit("event registration cancel", action_url(registration, event, "cancel"))
    walk.visit_any("event registration, bad link", f"{register}confirm/?token=broken")


def walk_members(walk: Walk, language: str) -> None:
    directory = live(MemberDirectoryPage, language).first()
    MemberDirectoryPage.objects.filter(pk=directory.pk).update(per_page=4)  # pagination shows
    walk.page.route(re.compile(r"https://tile\.openstreetmap\.org/.*"), lambda route: route.abort())
    walk.visit("member directory", directory.url)
    walk.page.locator("[data-cm-member-map] .leaflet-marker-icon").first.wait_for()
    walk.scan("member directory with its map")
    walk.visit("member directory, page 2", f"{directory.url}?page=2")
    walk.visit("member directory, filtered", f"{directory.url}?region=lombardia&status=active")
    walk.visit("member directory, one initial", f"{directory.url}?letter=C")
    walk.visit("member directory, no match", f"{directory.url}?q=zzzzzz")
    walk.visit("member directory, invalid filters", f"{directory.url}?region=atlantide&page=x")
    member = Member.objects.filter(locale__language_code=language).public().order_by("name")[0]
    walk.visit("member page", directory.member_url(member))


def walk_adhesion(walk: Walk, language: str) -> None:
    form_page = live(AdhesionFormPage, language).first()
    walk.visit("adhesion form", form_page.url)
    walk.page.locator("main form.cm-form button[type=submit]").click()
    walk.page.locator("#cm-error-summary").wait_for()
    walk.scan("adhesion form with errors")
    walk.visit("adhesion thanks", f"{form_page.url}thanks/")
    submission = AdhesionSubmission.objects.filter(page=form_page).exclude(applicant_email="")
    submission = submission.first() or AdhesionSubmission.objects.filter(page=form_page).first()
    if submission is not None:
        token = verify_token(submission)
        walk.visit("adhesion address verification", f"{form_page.url}verify/{token}/")
    walk.visit_any("adhesion verification, bad link", f"{form_page.url}verify/broken/token/")


def walk_impact(walk: Walk, language: str) -> None:
    impact = live(ImpactPage, language).first()
    walk.visit("impact page", impact.url)
    for summary in walk.page.locator("main details > summary").all():
        summary.click()  # the data tables behind the charts
    walk.scan("impact page with its data tables open")
    # The demo member that has not reported for the period due yet.
    members = Member.objects.filter(slug=MISSING)
    member = members.filter(locale__language_code=language).first() or members.first()
    link = report_url(member, page=impact)
    walk.visit("impact report form", link)
    walk.page.locator("main form input[type=text], main form input[type=number]").first.fill("-1")
    walk.page.locator("main form button[type=submit]").click()
    walk.page.wait_for_load_state("load")
    walk.scan("impact report form with errors")
    walk.visit_any("impact report, bad link", link.rstrip("/") + "x/")


def walk_example_site(walk: Walk) -> None:
    walk.visit("headless example", "/headless/")
    walk.page.locator("main").first.wait_for()
    walk.scan("headless example, loaded")

    # The JSON API's docs page is django-ninja's Swagger UI: third-party markup, outside the
    # claim (docs/accessibility.md). The example site's template gives it a language and a
    # main landmark; what Swagger UI writes is reported, not failed.
    walk.page.goto(walk.url("/api/community-matching/docs/"))
    walk.page.locator("#swagger-ui .information-container").wait_for()
    assert walk.page.locator("html").get_attribute("lang") == "en"
    failures, reported = axe_violations(walk.page)
    for finding in failures + reported:
        assert not finding.startswith(("- html-has-lang", "- landmark-one-main")), finding
        message = f"JSON API docs page: third-party markup: {finding}"
        warnings.warn(message, AxeBestPracticeWarning, stacklevel=2)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("language", LOCALES)
def test_every_page_type_passes_wcag_22_aa(browser, demo, language, viewport):
    context = browser.new_context(locale=LOCALES[language], viewport=VIEWPORTS[viewport])
    page = context.new_page()
    walk = Walk(page, demo)
    try:
        walk_network_and_faq(walk, language)
        walk_events(walk, language)
        walk_members(walk, language)
        walk_adhesion(walk, language)
        walk_impact(walk, language)
        if language == "it":
            walk_example_site(walk)
    finally:
        context.close()
    assert len(walk.scanned) >= 25
    # Consistent help: the contact address, in the same place on every page of the package.
    assert len(set(walk.help.values())) == 1, walk.help
    ((position, contact),) = set(walk.help.values())
    assert contact.startswith("mailto:") and position >= 0
    assert not walk.failures, f"{len(walk.failures)} page(s) fail:\n\n" + "\n\n".join(walk.failures)


FOCUS_IS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  const x = Math.min(Math.max(box.left + box.width / 2, 0), window.innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), window.innerHeight - 1);
  const hit = document.elementFromPoint(x, y);
  const shown = box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight;
  const covered = !hit || !(el.contains(hit) || hit.contains(el) || el.labels?.[0]?.contains(hit));
  return { html: el.outerHTML.slice(0, 120), shown, covered };
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_focus_is_never_hidden(browser, demo, viewport):
    """WCAG 2.4.11: every element reached with Tab is on screen and nothing covers it."""
    context = browser.new_context(locale="it-IT", viewport=VIEWPORTS[viewport])
    page = context.new_page()
    page.route(re.compile(r"https://tile\.openstreetmap\.org/.*"), lambda route: route.abort())
    hidden = []
    try:
        urls = [
            live(NetworkPage, "it").first().url,
            live(MemberDirectoryPage, "it").first().url,
            live(AdhesionFormPage, "it").first().url,
        ]
        for url in urls:
            page.goto(f"{demo}{urlsplit(url).path}")
            page.wait_for_load_state("load")
            reached = 0
            for _ in range(120):
                page.keyboard.press("Tab")
                focus = page.evaluate(FOCUS_IS_VISIBLE)
                if focus is None:  # back to the start of the page
                    break
                reached += 1
                if not focus["shown"] or focus["covered"]:
                    hidden.append(f"{url}: {focus}")
            assert reached >= 10, f"{url}: only {reached} elements reached with Tab"
    finally:
        context.close()
    assert not hidden, "\n".join(hidden)


def test_the_member_map_works_without_dragging(browser_page, demo):
    """WCAG 2.5.7: the map pans and zooms with buttons and keys; markers open with Enter."""
    page = browser_page
    page.route(re.compile(r"https://tile\.openstreetmap\.org/.*"), lambda route: route.abort())
    page.goto(f"{demo}{urlsplit(live(MemberDirectoryPage, 'it').first().url).path}")
    container = page.locator("[data-cm-member-map]")
    container.locator(".leaflet-marker-icon").first.wait_for()
    pane = container.locator(".leaflet-map-pane")

    def position():
        return pane.evaluate("pane => getComputedStyle(pane).transform")

    for direction in ("north", "west", "east", "south"):
        before = position()
        page.get_by_role("button", name=it(f"Move the map {direction}")).click()
        page.wait_for_function(
            "([pane, before]) => getComputedStyle(pane).transform !== before",
            arg=[pane.element_handle(), before],
        )
    zoom_in = container.locator(".leaflet-control-zoom-in")
    box = zoom_in.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24

    before = position()
    container.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([pane, before]) => getComputedStyle(pane).transform !== before",
        arg=[pane.element_handle(), before],
    )

    marker = container.locator(".leaflet-marker-icon").first
    members = int(marker.locator("[data-cm-members]").get_attribute("data-cm-members"))
    marker.focus()
    page.keyboard.press("Enter")
    popup = container.locator(".leaflet-popup")
    popup.wait_for()
    assert popup.locator("a[href*='/membri/']").count() == members >= 1
