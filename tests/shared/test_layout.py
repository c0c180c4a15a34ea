"""What the feature packages promise each other: search fields from the swappable base page,
feature checks run with the shared ones, pages found by feature without importing mixins."""

from __future__ import annotations

import pytest
from django.core.checks import Error
from django.test import override_settings

from wagtail_community_matching import checks
from wagtail_community_matching.base import CommunityMatchingPageMixin, feature_page_models
from wagtail_community_matching.checks import registry
from wagtail_community_matching.models import (
    AdhesionFormPageMixin,
    EventIndexPageMixin,
    EventPageMixin,
    FAQPageMixin,
    ImpactPageMixin,
    MemberDirectoryPageMixin,
    NetworkPageMixin,
)

PAGE_MIXINS = [
    AdhesionFormPageMixin,
    EventIndexPageMixin,
    EventPageMixin,
    FAQPageMixin,
    ImpactPageMixin,
    MemberDirectoryPageMixin,
    NetworkPageMixin,
]


@pytest.mark.parametrize("mixin", PAGE_MIXINS, ids=lambda m: m.__name__)
def test_search_fields_name_only_the_base_page_and_the_mixins_own_fields(mixin):
    """Built from ``CommunityMatchingPageMixin``, never from ``Page`` (Wagtail 8: no
    ``show_in_menus``, ``seo_title`` or ``search_description`` on a custom base page)."""
    base = {field.field_name for field in CommunityMatchingPageMixin.search_fields}
    own = {field.name for field in mixin._meta.get_fields()}
    names = {field.field_name for field in mixin.search_fields}
    assert names - own <= base
    assert base <= names


@pytest.mark.parametrize(
    ("feature", "mixin"),
    [
        ("adhesion", AdhesionFormPageMixin),
        ("event_index", EventIndexPageMixin),
        ("events", EventPageMixin),
        ("faq", FAQPageMixin),
        ("impact", ImpactPageMixin),
        ("members", MemberDirectoryPageMixin),
        ("network", NetworkPageMixin),
    ],
)
def test_feature_page_models_finds_the_concrete_pages_of_a_mixin(feature, mixin):
    models = feature_page_models(feature)
    assert models, feature
    assert all(issubclass(model, mixin) and not model._meta.abstract for model in models)
    others = [m for m in PAGE_MIXINS if m is not mixin and not issubclass(mixin, m)]
    assert not any(issubclass(model, other) for model in models for other in others)


def test_unknown_feature_has_no_pages():
    assert feature_page_models("nothing") == []


def test_feature_checks_run_with_the_shared_ones():
    """adhesion/checks.py registers itself; check_settings runs it after the shared keys."""
    with override_settings(WAGTAIL_COMMUNITY_MATCHING={"ADHESION_VERIFICATION_REQUIRED": "yes"}):
        ids = {error.id for error in checks.check_settings()}
    assert "wagtail_community_matching.E050" in ids


def test_a_registered_setting_check_runs_once():
    calls = []

    def check():
        calls.append(1)
        return [checks.setting_error("X", "is wrong.", "Fix it.", 999)]

    checks.register_setting_check(check)
    checks.register_setting_check(check)
    try:
        errors = checks.check_settings()
    finally:
        registry._setting_checks.remove(check)
    assert calls == [1]
    mine = [error for error in errors if error.id == "wagtail_community_matching.E999"]
    assert len(mine) == 1 and isinstance(mine[0], Error)
    assert mine[0].msg == "WAGTAIL_COMMUNITY_MATCHING['X'] is wrong."
    assert checks.check_settings() == [e for e in errors if e.id != mine[0].id]


@pytest.mark.parametrize(("value", "expected"), [(1, True), (0, True), (True, False), ("1", False)])
def test_is_int_refuses_booleans_and_text(value, expected):
    assert checks.is_int(value) is expected
