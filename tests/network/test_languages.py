"""The network's words per language, and the header's join link (journeys issue, items 1-2).

``NetworkSettings`` keeps facts once per site and words once per language
(``NetworkLocaleSettings``), each falling back to the default language's; the header
links to the join page of the page's language while that page is live; a system check
warns about a live adhesion form that nothing links to.
"""

from __future__ import annotations

import importlib
import json
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Site

from wagtail_community_matching.adhesion.checks import check_join_links
from wagtail_community_matching.models import NetworkLocaleSettings, NetworkSettings
from wagtail_community_matching.pages.models import NetworkPage

from ..adhesion.helpers import make_form_page, make_home
from ..factories import add_child

pytestmark = pytest.mark.django_db


@pytest.fixture
def english():
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def home():
    return make_home()


@pytest.fixture
def network():
    return NetworkSettings.for_site(Site.objects.get(is_default_site=True))


def translate(page, locale):
    translation = page.copy_for_translation(locale, copy_parents=True)
    translation.save_revision().publish()
    translation.refresh_from_db()  # publishing saved another instance
    return translation


def header(html: str) -> str:
    return html.split("<header", 1)[1].split("</header>", 1)[0]


def footer(html: str) -> str:
    return html.split("<footer", 1)[1].split("</footer>", 1)[0]


def test_each_language_shows_its_own_name_and_falls_back_field_by_field(
    client, home, english, network
):
    home_en = translate(home, english)
    network.set_language_values(network_name="Rete CM", tagline="Volontari e rifugiati")
    network.set_language_values(english, network_name="CM Network")

    italian = client.get(home.url).content.decode()
    assert "<title>Rete · Rete CM</title>" in italian
    assert "Rete CM" in header(italian) and "Volontari e rifugiati" in footer(italian)

    english_html = client.get(home_en.url).content.decode()
    assert "Rete CM" not in english_html
    assert "CM Network" in header(english_html) and "CM Network" in footer(english_html)
    assert " · CM Network</title>" in english_html
    # No English tagline: the default language's, rather than nothing.
    assert "Volontari e rifugiati" in footer(english_html)


def test_a_language_without_a_row_uses_the_default_language(client, home, english, network):
    home_en = translate(home, english)
    network.set_language_values(network_name="Rete CM")
    assert "Rete CM" in header(client.get(home_en.url).content.decode())
    fresh = NetworkSettings.objects.get(pk=network.pk)
    assert fresh.in_language("network_name", "en") == "Rete CM"
    assert fresh.in_language("network_name", "it") == "Rete CM"
    assert fresh.in_language("join_page", "en") is None


def test_the_english_form_names_the_english_data_controllers(client, home, english, network):
    form = make_form_page(home)
    form_en = translate(form, english)
    network.set_language_values(data_controllers="<p>Titolari: gli enti promotori</p>")
    network.set_language_values(english, data_controllers="<p>Controllers: the promoters</p>")
    assert "Controllers: the promoters" in client.get(form_en.url).content.decode()
    assert "Titolari" not in client.get(form_en.url).content.decode()
    assert "Titolari: gli enti promotori" in client.get(form.url).content.decode()


def test_the_header_links_to_the_join_page_of_the_language_while_it_is_live(
    client, home, english, network
):
    form = make_form_page(home)
    home_en = translate(home, english)
    form_en = translate(form, english)
    other = add_child(home, NetworkPage, title="Chi siamo")
    assert "cm-join-link" not in client.get(home.url).content.decode()  # no join page yet

    network.set_language_values(join_page=form)
    network.set_language_values(english, join_page=form_en)
    for page, target in ((home, form), (other, form), (home_en, form_en)):
        html = header(client.get(page.url).content.decode())
        assert f'class="cm-button cm-join-link" href="{target.url}"' in html
    on_form = header(client.get(form.url).content.decode())
    assert 'aria-current="page">' in on_form.split("cm-join-link", 1)[1]

    form_en.unpublish()
    assert not NetworkSettings.objects.get(pk=network.pk).in_language("join_page", "en").live
    assert "cm-join-link" not in client.get(home_en.url).content.decode()
    assert "cm-join-link" in client.get(home.url).content.decode()


def test_one_row_per_language(network, english):
    network.set_language_values(english, network_name="A")
    network.set_language_values(english, network_name="B")
    assert NetworkLocaleSettings.objects.filter(locale=english).count() == 1
    assert NetworkSettings.objects.get(pk=network.pk).in_language("network_name", "en") == "B"


def test_the_settings_are_read_with_one_query_per_request(client, home, network):
    form = make_form_page(home)
    network.set_language_values(network_name="Rete CM", join_page=form, privacy_notice_page=home)
    client.get(home.url)  # warm Wagtail's caches
    with CaptureQueriesContext(connection) as captured:
        client.get(home.url)
    reads = [q["sql"] for q in captured.captured_queries if "networklocalesettings" in q["sql"]]
    assert len(reads) == 1


def unlinked(home) -> list[str]:
    return [warning.obj.pk for warning in check_join_links(databases=["default"])]


def test_the_check_warns_about_a_live_form_nothing_links_to(home, network, english):
    form = make_form_page(home)
    assert check_join_links() == []  # only with the database checks
    (warning,) = check_join_links(databases=["default"])
    assert warning.id == "wagtail_community_matching.W051" and warning.obj.pk == form.pk

    network.set_language_values(join_page=form)
    assert unlinked(home) == []


def test_a_live_page_linking_to_the_form_is_enough_but_a_draft_is_not(
    home, django_capture_on_commit_callbacks
):
    form = make_form_page(home)
    rich_text = f'<p>Compilate il <a linktype="page" id="{form.pk}">modulo</a>.</p>'
    # Wagtail 7 indexes references in a task enqueued when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        page = add_child(
            home,
            NetworkPage,
            title="Come aderire",
            body=json.dumps([{"type": "rich_text", "value": rich_text}]),
        )
    assert unlinked(home) == []
    page.unpublish()
    assert unlinked(home) == [form.pk]
    form.unpublish()
    assert unlinked(home) == []  # a form that is not live needs no link


def test_the_migration_keeps_each_sites_words_as_its_default_languages(network):
    """The data step of ``0003_network_settings_per_language`` on rows shaped as before it.

    (Migrating the test database back and forth cannot run inside a test's transaction on
    SQLite, and a transactional test would empty the database for the tests after it.)
    """
    migration = importlib.import_module(
        "wagtail_community_matching.migrations.0003_network_settings_per_language"
    )
    old_rows = [
        SimpleNamespace(
            pk=network.pk,
            network_name="Rete storica",
            data_controllers="<p>Titolare: la rete</p>",
            privacy_notice_page_id=None,
        ),
        SimpleNamespace(pk=None, network_name="", data_controllers="", privacy_notice_page_id=None),
    ]
    models = {
        "NetworkSettings": SimpleNamespace(objects=SimpleNamespace(all=lambda: old_rows)),
        "NetworkLocaleSettings": NetworkLocaleSettings,
        "Locale": Locale,
    }
    migration.copy_to_default_locale(
        SimpleNamespace(get_model=lambda app, name: models[name]), None
    )
    (row,) = NetworkLocaleSettings.objects.all()  # a site with nothing to keep gets no row
    assert row.locale == Locale.get_default() and row.network_settings_id == network.pk
    assert (row.network_name, row.data_controllers) == ("Rete storica", "<p>Titolare: la rete</p>")


def test_the_network_logo_and_browser_icon(client, home, network):
    from ..factories import make_image

    html = client.get(home.url).content.decode()
    assert 'rel="icon"' not in html and "cm-brand__logo" not in html
    network.logo = make_image("Logo della rete", width=240, height=96)
    network.favicon = make_image("Icona", width=256, height=256)
    network.save()
    html = client.get(home.url).content.decode()
    brand = html.split('class="cm-brand"', 1)[1].split("</a>", 1)[0]
    assert 'class="cm-brand__logo"' in brand and 'alt=""' in brand  # the name is the link text
    assert 'height="48"' in brand
    icon = html.split('<link rel="icon" type="image/png" sizes="32x32" href="', 1)[1].split('"')[0]
    assert ".fill-32x32.format-png" in icon or "fill-32x32" in icon
    assert '<link rel="apple-touch-icon" href="' in html
