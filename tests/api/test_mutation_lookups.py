"""The JSON API's member lookup and FAQ filter at their boundaries (issue 18: mutation testing
of ``api.members.find_member`` and ``api.faq.matching_questions``).

An id is looked up among every language's public members, or only among ``locale``'s when
one is given; a slug only among one language's; an id too long for the database is a slug
(not found, never an error); the member comes with its language and logo renditions read.
"""

from __future__ import annotations

import pytest
from wagtail.models import Locale

from wagtail_community_matching.api.faq import matching_questions
from wagtail_community_matching.api.members import find_member
from wagtail_community_matching.members.logos import RESPONSIVE_LOGO_FILTERS

from ..factories import make_image
from ..members.factories import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def members():
    english = Locale.objects.get_or_create(language_code="en")[0]
    bari = make_member("Comune di Bari", city="Bari", logo=make_image("Logo"))
    translated = bari.copy_for_translation(english)
    translated.save()
    translated.save_revision().publish()
    lecce = make_member("Comune di Lecce", city="Lecce")  # Italian only
    return {"bari": bari, "bari_en": translated, "lecce": lecce}


def found(ref, locale=None):
    member = find_member(str(ref), locale)
    return None if member is None else member.pk


def test_an_id_is_found_in_any_language_without_a_locale(members):
    assert found(members["bari"].pk) == members["bari"].pk
    assert found(members["bari_en"].pk) == members["bari_en"].pk  # not only the default one


def test_an_id_with_a_locale_is_found_only_among_that_language_s_members(members):
    # The Italian Bari has an English translation: in English, only the translation.
    assert found(members["bari"].pk, "en") is None
    assert found(members["bari_en"].pk, "en") == members["bari_en"].pk
    assert found(members["bari_en"].pk, "it") is None
    assert found(members["lecce"].pk, "en") == members["lecce"].pk  # not translated yet


def test_a_slug_is_looked_up_in_one_language(members):
    slug = members["bari"].slug
    assert found(slug) == members["bari"].pk  # the default language
    assert found(slug, "en") == members["bari_en"].pk


@pytest.mark.parametrize("digits", [19, 20, 40])
def test_an_id_too_long_for_the_database_is_not_found_without_an_error(members, digits):
    assert found("9" * digits) is None


def test_the_longest_id_the_database_takes_is_looked_up(members):
    assert found("9" * 18) is None  # looked up as an id: no member has it


def test_the_member_comes_with_its_language_and_logo_renditions(members, django_assert_num_queries):
    members["bari"].logo.get_renditions(*RESPONSIVE_LOGO_FILTERS)
    member = find_member(str(members["bari"].pk), None)
    with django_assert_num_queries(0):
        assert member.locale.language_code == "it"
        renditions = member.logo.prefetched_renditions
    assert {r.filter_spec for r in renditions} == set(RESPONSIVE_LOGO_FILTERS)


class Page:
    """An FAQ page's questions, as ``FAQPageMixin.questions`` gives them."""

    questions = [
        {"question": "Chi può aderire?", "answer_html": "<p>Enti <b>pubblici</b> e privati.</p>"},
        {"question": "Quanto costa?", "answer_html": "<p>Nulla.</p>"},
    ]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("", [0, 1]),
        ("   ", [0, 1]),
        ("ADERIRE", [0]),  # any case
        ("enti pubblici", [0]),  # words of the answer, without its markup
        ("pubblici costa", []),  # every word, not any
        ("<b>", []),  # the markup is not searched
        ("nulla", [1]),
    ],
)
def test_questions_match_every_word_of_the_question_or_answer(q, expected):
    assert matching_questions(Page, q) == [Page.questions[i] for i in expected]


def test_nineteen_digits_are_a_slug_and_eighteen_an_id(members):
    slug = "1" + "0" * 18  # 19 digits: a slug (an id this long is past the database's range)
    number = make_member("Cooperativa Diciannove", city="Bari", slug=slug)
    assert found(slug) == number.pk
    assert found(slug[:18]) is None  # 18 digits: an id, and no member has it
