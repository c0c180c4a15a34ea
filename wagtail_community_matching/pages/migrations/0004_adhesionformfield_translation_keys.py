"""Adhesion form fields become translatable: step 2, their locale and translation key.

Existing fields take their page's locale. Fields of a page and of its translations that
share an answer key (``clean_name``) become translations of each other (one
``translation_key``); every other field gets a key of its own.
"""

import uuid

from django.db import migrations


def fill_locale_and_translation_key(apps, schema_editor):
    AdhesionFormField = apps.get_model("wagtail_community_matching_pages", "AdhesionFormField")
    rows = AdhesionFormField.objects.values_list(
        "pk", "clean_name", "page__locale_id", "page__translation_key"
    ).order_by("pk")
    keys = {}  # (page translation key, clean_name) -> the field's translation key
    taken = set()  # (translation key, locale): unique together
    for pk, clean_name, locale_id, page_key in rows:
        key = keys.setdefault((page_key, clean_name), uuid.uuid4())
        if (key, locale_id) in taken:  # the same answer key twice on one page
            key = uuid.uuid4()
        taken.add((key, locale_id))
        AdhesionFormField.objects.filter(pk=pk).update(locale_id=locale_id, translation_key=key)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_community_matching_pages", "0003_adhesionformfield_translatable"),
    ]

    operations = [
        migrations.RunPython(fill_locale_and_translation_key, migrations.RunPython.noop),
    ]
