"""An editor creates and publishes a custom network page through the Wagtail admin."""

from __future__ import annotations

import pytest
from django.conf import settings

from . import WAGTAIL_7_REASON

if not settings.WAGTAIL_8:
    pytest.skip(WAGTAIL_7_REASON, allow_module_level=True)

from django.urls import reverse  # noqa: E402
from wagtail.models import Site  # noqa: E402
from wagtail.test.utils.form_data import (  # noqa: E402
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from tests.custom_base.models import CustomNetworkPage  # noqa: E402
from wagtail_community_matching.models import NetworkLocaleSettings, NetworkSettings  # noqa: E402

pytestmark = [pytest.mark.custom_page_model, pytest.mark.django_db]


def add_url(parent) -> str:
    return reverse("wagtailadmin_pages:add", args=["custom_base", "customnetworkpage", parent.pk])


def page_form_data(client, url: str, **fields) -> dict:
    """The fields of the admin page form as rendered at ``url``, updated with ``fields``.

    The StreamField editor builds its inputs in the browser, so ``body`` is
    posted in the format that editor submits (``body-count``, ``body-0-type``...).
    """
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form").dict()
    data.update(fields)
    return data


BODY = [
    ("heading", {"text": "Cosa offriamo", "level": "h2", "anchor": "offerta"}),
    ("rich_text", rich_text("<p>Formazione e <b>accompagnamento</b>.</p>")),
]


def network_page_fields(body=BODY) -> dict:
    return {
        "title": "La rete",
        "slug": "la-rete",
        "intro": "Enti che abbinano volontari e rifugiati.",
        "listing_summary": "Chi siamo, in breve.",
        **nested_form_data({"body": streamfield(body)}),
    }


def test_add_subpage_offers_the_custom_network_page(admin_client, site_root):
    response = admin_client.get(reverse("wagtailadmin_pages:add_subpage", args=[site_root.pk]))
    # The only creatable page type: Wagtail goes straight to its form.
    assert response.status_code == 302
    assert response.url == add_url(site_root)


def test_the_add_form_shows_the_mixin_and_base_page_fields(admin_client, site_root):
    response = admin_client.get(add_url(site_root))
    assert response.status_code == 200
    html = response.content.decode()
    for name in ('name="title"', 'name="intro"', 'name="listing_summary"', 'id="body"'):
        assert name in html
    # Fields of Wagtail's default Page, absent from the custom base page.
    for name in ('name="seo_title"', 'name="search_description"', 'name="show_in_menus"'):
        assert name not in html


def test_superuser_creates_then_publishes_a_network_page(admin_client, site_root):
    url = add_url(site_root)
    response = admin_client.post(url, page_form_data(admin_client, url, **network_page_fields()))
    page = CustomNetworkPage.objects.get(slug="la-rete")
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert not page.live
    assert page.get_parent().specific == site_root
    assert page.intro == "Enti che abbinano volontari e rifugiati."
    assert page.listing_summary == "Chi siamo, in breve."
    assert [block.block_type for block in page.body] == ["heading", "rich_text"]
    assert page.body[0].value["text"] == "Cosa offriamo"
    assert "<b>accompagnamento</b>" in page.body[1].value.source

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = page_form_data(admin_client, edit_url, **network_page_fields())
    data["action-publish"] = "action-publish"
    response = admin_client.post(edit_url, data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.live_revision is not None
    assert page.owner.is_superuser

    explorer = admin_client.get(reverse("wagtailadmin_explore", args=[site_root.pk]))
    assert explorer.status_code == 200
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in explorer.content.decode()
    assert "La rete" in explorer.content.decode()


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ({"text": "Offerta", "level": "h9", "anchor": ""}, "level"),
        ({"text": "Offerta", "level": "h2", "anchor": "non valido"}, "anchor"),
    ],
)
def test_invalid_input_is_reported_not_saved(admin_client, site_root, heading, field):
    url = add_url(site_root)
    fields = network_page_fields(body=[("heading", heading)])
    response = admin_client.post(url, page_form_data(admin_client, url, **fields))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["body"]
    stream_error = errors["body"].as_data()[0]
    assert list(stream_error.block_errors[0].block_errors) == [field]
    assert not CustomNetworkPage.objects.exists()


def test_network_settings_take_a_custom_page_as_privacy_notice(admin_client, site_root):
    privacy = CustomNetworkPage(title="Informativa privacy", slug="privacy")
    site_root.add_child(instance=privacy)
    site = Site.objects.get(is_default_site=True)
    url = reverse(
        "wagtailsettings:edit", args=["wagtail_community_matching", "networksettings", site.pk]
    )
    response = admin_client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content.decode(), form_id="w-editor-form").dict()
    data.update(
        {
            **language_row(network_name="Rete CM", privacy_notice_page=str(privacy.pk)),
            "staff_notification_emails": "staff@example.org",
            **nested_form_data({"social_links": streamfield([])}),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302
    network = NetworkSettings.for_site(site)
    assert network.network_name == "Rete CM"
    assert network.privacy_notice_page.specific == privacy


def language_row(**values) -> dict:
    """The inline form of the network's words in the default language."""
    from wagtail.models import Locale

    row = {
        "locale_settings-TOTAL_FORMS": "1",
        "locale_settings-INITIAL_FORMS": "0",
        "locale_settings-0-id": "",
        "locale_settings-0-ORDER": "1",
        "locale_settings-0-DELETE": "",
        "locale_settings-0-locale": str(Locale.get_default().pk),
    }
    row.update({f"locale_settings-0-{name}": value for name, value in values.items()})
    return row


def test_network_settings_reject_a_missing_page(admin_client, site_root):
    site = Site.objects.get(is_default_site=True)
    url = reverse(
        "wagtailsettings:edit", args=["wagtail_community_matching", "networksettings", site.pk]
    )
    html = admin_client.get(url).content.decode()
    data = querydict_from_html(html, form_id="w-editor-form").dict()
    data.update(
        {
            **language_row(privacy_notice_page="999999"),
            **nested_form_data({"social_links": streamfield([])}),
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    (row_errors,) = response.context["form"].formsets["locale_settings"].errors
    assert list(row_errors) == ["privacy_notice_page"]
    assert not NetworkLocaleSettings.objects.exists()
