# Wagtail's migrations have created the root page and the default locale by now:
# add locale and translation_key as nullable fields and fill them in.

from django.db import migrations
from wagtail.models import (
    BootstrapLocaleField,
    BootstrapTranslatableModel,
    BootstrapTranslationKeyField,
)


class Migration(migrations.Migration):

    dependencies = [
        ('custom_base', '0001_initial'),
        ('wagtailcore', '0097_baselogentry_uuid_action_timestamp_indexes'),
    ]

    operations = [
        BootstrapLocaleField('custom_base.BasePage'),
        BootstrapTranslationKeyField('custom_base.BasePage'),
        BootstrapTranslatableModel('custom_base.BasePage'),
    ]
