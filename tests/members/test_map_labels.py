"""The member map's zoom buttons speak the page's language: their labels come from the
page (data attributes: the Content Security Policy allows no inline script)."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from wagtail_community_matching.models import Member

from ..conftest import it
from .factories import make_directory, make_member


def english(message: str) -> str:
    with translation.override("en"):
        return translation.gettext(message)


@pytest.mark.django_db
def test_the_map_carries_its_zoom_labels_in_the_page_language(client):
    directory = make_directory()
    make_member("Comune di Torino", city="Torino", latitude=45.07, longitude=7.69)
    html = client.get(directory.url).content.decode()
    assert f'data-label-zoom-in="{it("Zoom in")}"' in html
    assert f'data-label-zoom-out="{it("Zoom out")}"' in html
    assert "<script>" not in html  # no inline script carries them


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(("language", "label"), [("it", it), ("en", english)])
def test_the_zoom_buttons_are_labelled_in_the_page_language(browser_page, demo, language, label):
    page = browser_page
    page.route(re.compile(r"https://tile\.openstreetmap\.org/.*"), lambda route: route.abort())
    directory = "/it/membri/" if language == "it" else "/en/members/"
    assert Member.objects.filter(locale__language_code=language).public().exists()
    page.goto(f"{demo}{directory}")
    container = page.locator("[data-cm-member-map]")
    container.locator(".leaflet-marker-icon").first.wait_for()
    for button, message in (("in", "Zoom in"), ("out", "Zoom out")):
        control = container.locator(f".leaflet-control-zoom-{button}")
        expected = container.get_attribute(f"data-label-zoom-{button}")
        assert expected == label(message)
        assert control.get_attribute("title") == expected
        assert control.get_attribute("aria-label") == expected
