"""Collect these tests only under ``tests.settings_localize``; translating through wagtail-localize.

wagtail-localize's models exist only when its apps are installed, so under any other
settings these tests are not collected at all.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

if not (settings.configured and getattr(settings, "LOCALIZE_TESTS", False)):
    collect_ignore_glob = ["test_*.py"]


@pytest.fixture
def english(db):
    from wagtail.models import Locale

    return Locale.objects.get_or_create(language_code="en")[0]


def source_strings(instance) -> list[str]:
    """The texts wagtail-localize extracts from ``instance`` for translators, in order."""
    from wagtail_localize.models import StringSegment, TranslationSource

    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    segments = StringSegment.objects.filter(source=source).select_related("string")
    return [segment.string.data for segment in segments.order_by("order")]


def overridable_paths(instance) -> list[str]:
    """The paths of what a translator may override (synchronised, overridable) in ``instance``."""
    from wagtail_localize.models import OverridableSegment, TranslationSource

    source, _created = TranslationSource.get_or_create_from_instance(instance)
    segments = OverridableSegment.objects.filter(source=source).select_related("context")
    return [segment.context.path for segment in segments]


def translate(instance, locale, words: dict[str, str], *, publish=True):
    """Translate ``instance`` into ``locale`` through wagtail-localize's own API.

    Creates the instance's ``TranslationSource`` (or updates it from the database),
    saves a ``StringTranslation`` of each of its string segments (``words[source
    text]``: a text missing from ``words`` fails the test; a slug missing from ``words``
    stays as it is), then creates or updates the
    translation, published unless ``publish`` is false (the publishing runs on commit).
    Returns the translated instance, read again from the database.
    """
    from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = segment.string.data
        text = words.get(text, text) if segment.context.path == "slug" else words[text]
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text},
        )
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation, _created = source.create_or_update_translation(locale, publish=publish)
    return type(translation).objects.get(pk=translation.pk)


#: Queries an English page costs more than the Italian one, whatever the page: Wagtail
#: finds the English translation of the site's root page (routing, then the menu).
TRANSLATED_ROOT_QUERIES = 3


def count_queries(client, url) -> tuple[int, str]:
    """The queries of a GET of ``url`` once the site's caches are warm, and its HTML.

    The content is read afresh, as after a change: directory results, member blocks and
    event listings kept in the cache would otherwise read nothing.
    """
    from wagtail_community_matching.events.feed import CHANGES as EVENT_CHANGES
    from wagtail_community_matching.http.conditional import mark_changed
    from wagtail_community_matching.members.query import CHANGES as MEMBER_CHANGES

    client.get(url)
    mark_changed(MEMBER_CHANGES)
    mark_changed(EVENT_CHANGES)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured), response.content.decode()
