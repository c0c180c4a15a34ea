"""An event translated through wagtail-localize: its words translated, its facts synchronised.

Dates, time zone, repeat rule, venue, capacity and registration settings are facts of
the event: wagtail-localize copies them from the Italian page and offers translators
nothing of them; title, summary, description and audience are translated.
"""

from __future__ import annotations

import pytest
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

from wagtail_community_matching.events.pages import SYNCHRONISED_FIELDS
from wagtail_community_matching.models import Occurrence
from wagtail_community_matching.pages.models import EventIndexPage, EventPage

from ..events.factories import make_event as build_event
from ..events.factories import make_index, make_venue, republish, soon
from .conftest import (
    TRANSLATED_ROOT_QUERIES,
    count_queries,
    overridable_paths,
    source_strings,
    translate,
)

pytestmark = pytest.mark.django_db

WORDS = {
    "Rete": "Network",
    "Eventi": "Events",
    "Incontri della rete.": "Meetings of the network.",
    "Formazione sul matching": "Training on matching",
    "Una mattina per imparare.": "A morning to learn.",
    "Il programma completo.": "The full programme.",
    "Operatori degli enti soci": "Staff of member organisations",
}


@pytest.fixture
def event(english):
    index = make_index(intro="Incontri della rete.")
    venue = make_venue()
    event = build_event(
        index,
        "Formazione sul matching",
        start=soon(10),
        venue=venue,
        summary="Una mattina per imparare.",
        body="<p>Il programma completo.</p>",
        audience="Operatori degli enti soci",
        recurrence_rule="FREQ=WEEKLY;COUNT=3",
        registration_mode="built_in",
        capacity=12,
    )
    home = index.get_parent().specific
    translate(home, english, WORDS)
    translate(index, english, WORDS)
    return event


def test_the_facts_are_synchronised_and_cannot_be_overridden():
    fields = {field.field_name: field for field in get_translatable_fields(EventPage)}
    for name in SYNCHRONISED_FIELDS:
        assert isinstance(fields[name], SynchronizedField), name
        assert not fields[name].overridable, name
    for name in ("title", "summary", "body", "audience", "organiser_name"):
        assert fields[name].is_translated(EventPage()), name
    index_fields = {field.field_name: field for field in get_translatable_fields(EventIndexPage)}
    assert not index_fields["events_per_page"].overridable


def test_translators_get_the_words_and_nothing_of_the_facts(event):
    strings = source_strings(event)
    assert sorted(strings) == sorted(
        [
            "Formazione sul matching",
            "formazione-sul-matching",
            "Una mattina per imparare.",
            "Il programma completo.",
            "Operatori degli enti soci",
        ]
    )
    assert "FREQ=WEEKLY;COUNT=3" not in strings and "Europe/Rome" not in strings
    assert not set(overridable_paths(event)) & set(SYNCHRONISED_FIELDS)


def test_the_english_page_shows_the_translation_with_the_same_facts(client, event, english):
    words = {**WORDS, "formazione-sul-matching": "training-on-matching"}
    event_en = translate(event, english, words)
    assert event_en.locale == english and event_en.live
    for name in ("start", "end", "timezone", "recurrence_rule", "venue_id", "capacity"):
        assert getattr(event_en, name) == getattr(event, name), name
    # Publishing expanded the same dates for the English page.
    dates = list(Occurrence.objects.filter(page=event).values_list("start", flat=True))
    assert list(Occurrence.objects.filter(page=event_en).values_list("start", flat=True)) == dates
    assert len(dates) == 3

    italian_queries, italian = count_queries(client, event.url)
    english_queries, html = count_queries(client, event_en.url)
    assert event_en.url.startswith("/en/")
    assert "Training on matching" in html and "A morning to learn." in html
    assert "The full programme." in html and "Staff of member organisations" in html
    assert "Formazione sul matching" not in html.split("<main", 1)[1]
    assert "Casa della Cultura" in html and "Casa della Cultura" in italian
    assert italian_queries == QUERIES
    assert english_queries == QUERIES + TRANSLATED_ROOT_QUERIES


#: Queries of the Italian event page (a venue, three dates, a sign-up form), caches warm.
QUERIES = 18


def test_a_change_of_the_source_reaches_the_translation_when_synchronised(event, english):
    words = {**WORDS, "formazione-sul-matching": "training-on-matching"}
    event_en = translate(event, english, words)
    other = make_venue(name="Cascina Cuccagna", city="Milano")
    event = republish(event, capacity=20, venue=other, start=soon(12), end=soon(12, 12))
    assert event_en.capacity == 12  # until wagtail-localize synchronises the translation
    event_en = translate(event, english, words)
    assert (event_en.capacity, event_en.venue_id) == (20, other.pk)
    assert (event_en.start, event_en.end) == (event.start, event.end)
    assert event_en.title == "Training on matching"  # the translation is kept
