"""The custom base page configuration migrates and refers to the swapped page model."""

from __future__ import annotations

import io

import pytest
from django.conf import settings

from . import WAGTAIL_7_REASON

if not settings.WAGTAIL_8:
    pytest.skip(WAGTAIL_7_REASON, allow_module_level=True)

import swapper  # noqa: E402
from django.apps import apps  # noqa: E402
from django.contrib.auth.models import Permission  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.core.management.base import CommandError  # noqa: E402
from django.db.migrations.loader import MigrationLoader  # noqa: E402
from wagtail.models import Locale, Page, get_page_models  # noqa: E402

from tests.custom_base.models import BasePage, CustomNetworkPage  # noqa: E402
from wagtail_community_matching.models import NetworkLocaleSettings, NetworkSettings  # noqa: E402

pytestmark = [pytest.mark.custom_page_model, pytest.mark.django_db]


def test_the_page_model_is_swapped():
    assert settings.WAGTAIL_PAGE_MODEL == "custom_base.BasePage"
    assert swapper.load_model("wagtailcore", "Page") is BasePage
    assert Page._meta.swapped == "custom_base.BasePage"
    assert not apps.is_installed("wagtail_community_matching.pages")
    assert "wagtail_community_matching_pages" not in {a.label for a in apps.get_app_configs()}


def test_the_network_page_derives_from_the_custom_base_page():
    assert CustomNetworkPage.base_page_model is BasePage
    assert CustomNetworkPage._meta.get_field("basepage_ptr").related_model is BasePage
    assert CustomNetworkPage in get_page_models()
    assert CustomNetworkPage.is_creatable
    # The default page types of the package are not there.
    assert {m._meta.app_label for m in get_page_models()} == {"custom_base"}


def test_no_migration_is_missing():
    """makemigrations finds nothing to write, for the package and the site's app."""
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
    for label in ("wagtail_community_matching", "custom_base"):
        out = io.StringIO()
        call_command("makemigrations", label, "--check", "--dry-run", stdout=out)
        assert "No changes detected" in out.getvalue()


def test_the_package_migration_depends_on_the_swapped_page_model():
    key = ("wagtail_community_matching", "0001_initial")
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    assert ("custom_base", "0001_initial") in graph.node_map[key].parents
    per_language = ("wagtail_community_matching", "0003_network_settings_per_language")
    assert ("custom_base", "0001_initial") in graph.node_map[per_language].parents
    created = {
        operation.name: dict(operation.fields)
        for node in (key, per_language)
        for operation in graph.nodes[node].operations
        if hasattr(operation, "fields")
    }
    for model, field in [
        ("NetworkLocaleSettings", "privacy_notice_page"),
        ("NetworkLocaleSettings", "join_page"),
        ("AdhesionSubmission", "page"),
        ("Occurrence", "page"),
    ]:
        assert created[model][field].remote_field.model == "custom_base.BasePage", (model, field)


def test_privacy_notice_and_join_pages_point_at_the_custom_base_page():
    for name in ("privacy_notice_page", "join_page"):
        field = NetworkLocaleSettings._meta.get_field(name)
        assert field.related_model is BasePage


def test_privacy_notice_page_saves_a_custom_network_page(site_root):
    privacy = CustomNetworkPage(title="Informativa privacy", slug="privacy")
    site_root.add_child(instance=privacy)
    network = NetworkSettings.for_site(site_root.get_site())
    network.set_language_values(privacy_notice_page=privacy)
    network = NetworkSettings.objects.get(pk=network.pk)
    assert network.privacy_notice_page.specific == privacy


def test_wagtail_bootstrap_rows_use_the_custom_base_page():
    """Wagtail's migrations created the tree root and home page as BasePage rows."""
    root, home = BasePage.objects.order_by("depth")
    assert (root.depth, home.depth) == (1, 2)
    assert root.locale == home.locale == Locale.get_default()
    assert root.translation_key != home.translation_key
    codenames = set(
        Permission.objects.filter(content_type__app_label="custom_base").values_list(
            "codename", flat=True
        )
    )
    assert {"add_basepage", "change_basepage", "publish_basepage", "lock_basepage"} <= codenames


def test_search_fields_exist_on_the_custom_base_page():
    """The mixin names only fields every base page has (no show_in_menus, seo_title)."""
    names = {field.field_name for field in CustomNetworkPage.get_search_fields()}
    assert {"title", "intro", "body", "listing_summary"} <= names
    assert not names & {"show_in_menus", "seo_title", "search_description"}
    assert not [e for e in CustomNetworkPage.check() if e.id.startswith("modelsearch.")]


def test_system_checks_pass():
    call_command("check", fail_level="WARNING")


def test_demo_command_says_it_needs_the_pages_app():
    with pytest.raises(CommandError, match="wagtail_community_matching.pages"):
        call_command("load_community_matching_demo", "--flush", stdout=io.StringIO())
    assert BasePage.objects.count() == 2  # nothing was deleted
