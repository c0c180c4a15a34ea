"""A member translated through wagtail-localize: its description translated, its facts shared.

The facts of the organisation (``members.models.SYNCHRONISED_FIELDS``: name, place,
kind, logo, contacts, listing) are synchronised: translators get only the description
and the slug, and re-synchronising the translation brings the source's facts back.
"""

from __future__ import annotations

import pytest
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

from wagtail_community_matching.members.models import SYNCHRONISED_FIELDS
from wagtail_community_matching.models import Member

from ..factories import make_image
from ..members.factories import make_directory, make_member
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
    "Membri": "Members",
    "Gli enti della rete.": "The organisations of the network.",
    "Un comune che accoglie.": "A welcoming municipality.",
}


@pytest.fixture
def directory(english):
    directory = make_directory(intro="Gli enti della rete.", per_page=12)
    translate(directory.get_parent().specific, english, WORDS)
    return directory


@pytest.fixture
def member():
    return make_member(
        "Comune di Roma",
        city="Roma",
        region="lazio",
        website="https://roma.example/",
        email="info@roma.example",
        latitude=41.9,
        longitude=12.5,
        logo=make_image("Stemma"),
        description="Un comune che accoglie.",
    )


def test_the_organisations_facts_are_one_list_synchronised_without_override():
    fields = {field.field_name: field for field in get_translatable_fields(Member)}
    for name in SYNCHRONISED_FIELDS:
        assert isinstance(fields[name], SynchronizedField) and not fields[name].overridable, name
    assert fields["description"].is_translated(Member())
    assert fields["slug"].is_translated(Member())


def test_translators_get_only_the_description_and_slug(member):
    assert sorted(source_strings(member)) == ["Un comune che accoglie.", "comune-di-roma"]
    assert overridable_paths(member) == []  # nothing of the facts can be overridden


def test_both_directories_and_apis_show_the_translation_with_the_same_facts(
    client, directory, member, english
):
    member_en = translate(member, english, WORDS)
    directory_en = translate(directory, english, WORDS)
    assert member_en.live and member_en.locale == english
    assert directory_en.per_page == 12 and directory_en.url.startswith("/en/")
    for name in SYNCHRONISED_FIELDS:
        field = Member._meta.get_field(name)
        assert getattr(member_en, field.attname) == getattr(member, field.attname), name

    italian_queries, italian = count_queries(client, directory.url)
    english_queries, html = count_queries(client, directory_en.url)
    assert "A welcoming municipality." in html and "Un comune che accoglie." in italian
    assert "The organisations of the network." in html
    assert "Comune di Roma" in html and "Roma" in html
    assert italian_queries == DIRECTORY_QUERIES
    assert english_queries == DIRECTORY_QUERIES + TRANSLATED_ROOT_QUERIES

    page = client.get(f"{directory_en.url}comune-di-roma/")
    assert page.status_code == 200 and "https://roma.example/" in page.content.decode()

    api = client.get("/api/community-matching/members/?locale=en").json()
    (item,) = api["items"]
    assert item["description"] == "A welcoming municipality."
    assert (item["name"], item["city"], item["website"]) == (
        "Comune di Roma",
        "Roma",
        "https://roma.example/",
    )
    italian_item = client.get("/api/community-matching/members/?locale=it").json()["items"][0]
    assert italian_item["description"] == "Un comune che accoglie."
    assert {k: v for k, v in item.items() if k not in DIFFERENT} == {
        k: v for k, v in italian_item.items() if k not in DIFFERENT
    }
    v2 = client.get("/api/v2/members/?locale=en&fields=description,city").json()
    assert v2["meta"]["total_count"] == 1
    assert v2["items"][0]["description"] == "A welcoming municipality."
    assert v2["items"][0]["city"] == "Roma"


#: What differs between a member's items of the JSON API in two languages.
DIFFERENT = {"description", "locale", "html_url", "url", "id"}

#: Queries of the Italian directory page with one member, caches warm.
DIRECTORY_QUERIES = 17


def test_the_facts_follow_the_source_and_cannot_diverge(member, english):
    member_en = translate(member, english, WORDS)
    member_en.city = "Rome"  # a translator editing the English row by hand
    Member.objects.filter(pk=member_en.pk).update(city="Rome")

    member.city, member.kind = "Roma Capitale", "association"
    member.save_revision().publish()
    member_en = translate(Member.objects.get(pk=member.pk), english, WORDS)
    assert (member_en.city, member_en.kind) == ("Roma Capitale", "association")
    assert member_en.description == "A welcoming municipality."
