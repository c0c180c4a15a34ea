"""Adhesion form fields become translatable: step 3, locale and translation key required."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_community_matching_pages", "0004_adhesionformfield_translation_keys"),
    ]

    operations = [
        migrations.AlterField(
            model_name="adhesionformfield",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name="adhesionformfield",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="adhesionformfield",
            unique_together={("translation_key", "locale")},
        ),
    ]
