"""Adhesion form fields are translatable: a translation of the form has the same answer keys.

Without wagtail-localize too: Wagtail's own "Translate" action copies the form with its
fields, each a translation (same ``translation_key``) in the new language with the same
``clean_name``; migrations ``0003`` to ``0005`` give existing fields their page's locale and
link the fields of a page's translations by their answer key.
"""

from __future__ import annotations

import importlib
import uuid

import pytest
from django.apps import apps
from wagtail.models import Locale

from wagtail_community_matching.pages.models import AdhesionFormField

from .helpers import VALID_ANSWERS, make_form_page

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "wagtail_community_matching.pages.migrations.0004_adhesionformfield_translation_keys"
)


@pytest.fixture
def english():
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def form_en(page, english):
    translation = page.copy_for_translation(english, copy_parents=True)
    translation.save_revision().publish()
    return type(translation).objects.get(pk=translation.pk)


def test_a_new_field_takes_its_pages_locale(page):
    assert set(page.form_fields.values_list("locale_id", flat=True)) == {page.locale_id}
    keys = list(page.form_fields.values_list("translation_key", flat=True))
    assert len(set(keys)) == len(keys)


def test_a_translated_form_has_the_same_keys_and_translation_keys(page, form_en, english):
    def fields(p):
        return list(
            p.form_fields.order_by("sort_order").values_list(
                "clean_name", "translation_key", "locale_id"
            )
        )

    italian, translated = fields(page), fields(form_en)
    assert [(name, key) for name, key, _ in translated] == [(n, k) for n, k, _ in italian]
    assert {locale for *_, locale in translated} == {english.pk}


def test_the_translations_of_a_form_share_one_list_of_applications(client, page, form_en, home):
    other = make_form_page(home, title="Registrazione evento", slug="evento")
    for target in (page, form_en, other):
        assert client.post(target.url, VALID_ANSWERS).status_code == 303
    assert page.get_submissions().count() == form_en.get_submissions().count() == 2
    assert {s.page_id for s in page.get_submissions()} == {page.pk, form_en.pk}
    assert other.get_submissions().count() == 1


def test_the_migration_links_the_fields_of_translations_by_their_key(page, form_en):
    scrambled = page.form_fields.first()
    duplicate = AdhesionFormField.objects.create(
        page=page, label="Doppio", clean_name=scrambled.clean_name, field_type="singleline"
    )
    for field in AdhesionFormField.objects.all():  # keys as unrelated as before 0004
        AdhesionFormField.objects.filter(pk=field.pk).update(translation_key=uuid.uuid4())

    migration.fill_locale_and_translation_key(apps, None)

    for field in page.form_fields.exclude(pk=duplicate.pk):
        twin = form_en.form_fields.get(clean_name=field.clean_name)
        assert twin.translation_key == field.translation_key, field.clean_name
        assert (field.locale_id, twin.locale_id) == (page.locale_id, form_en.locale_id)
    duplicate.refresh_from_db()  # the same key twice on one page: a translation key of its own
    assert duplicate.translation_key != page.form_fields.get(pk=scrambled.pk).translation_key


def test_a_reviewer_of_the_form_finds_the_applications_of_its_translations(
    client, page, form_en, django_user_model
):
    from django.contrib.auth.models import Group, Permission
    from django.urls import reverse
    from wagtail.models import GroupPagePermission

    from ..conftest import it
    from .helpers import apply, verified

    reviewer = django_user_model.objects.create_user("reviewer", "r@x.example", "pw")
    group = Group.objects.create(name="Reviewers of the Italian form")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=page, permission=Permission.objects.get(codename="change_page")
    )
    reviewer.groups.add(group)
    english = verified(apply(form_en, denominazione_ente="Cooperativa Sole"))
    client.force_login(reviewer)

    html = client.get("/admin/").content.decode()
    label = it("%(label)s (%(count)d)") % {"label": it("Applications"), "count": 1}
    assert label in html and "Cooperativa Sole" in html
    detail = "wagtail_community_matching_adhesion:detail"
    through_italian = reverse(detail, args=(page.pk, english.pk))
    assert through_italian in html  # the English form is not the reviewer's: its Italian one is
    assert client.get(through_italian).status_code == 200
    own = reverse(detail, args=(form_en.pk, english.pk))
    assert client.get(own).status_code != 200  # the English page itself stays out of reach
