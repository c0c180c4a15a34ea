"""Adhesion form fields become translatable (wagtail-localize translates their words): step 1.

The locale and translation key are added empty; ``0004`` fills them and ``0005`` requires
them. Three migrations, so that on PostgreSQL the rows are updated in a transaction of their
own before the table is altered.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_community_matching_pages", "0002_eventpage_date_changes"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [
        migrations.AddField(
            model_name="adhesionformfield",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name="adhesionformfield",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
    ]
