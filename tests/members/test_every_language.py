"""A member is one organisation in every language (journeys issue, item 3).

Every language's directory, count, map, JSON API and API v2 list each organisation
once: its row in that language, else its default-language row. Facts are the same in
every language; the description is translated. The export has one row per
organisation with a description column per other language.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from wagtail_community_matching.models import Member

from ..conftest import it
from .factories import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def english():
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def directory_en(directory, english):
    translation = directory.copy_for_translation(english, copy_parents=True)
    translation.slug = "members"
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def translate(member, locale, **fields):
    translation = member.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


@pytest.fixture
def members(english):
    rome = make_member("Comune di Roma", city="Roma", region="lazio", description="Un comune.")
    translate(rome, english, description="A municipality.")
    bari = make_member("Comune di Bari", city="Bari", region="puglia", description="Solo IT.")
    hidden = make_member("Ente Nascosto", listed=False)
    draft_en = make_member("Cooperativa Aurora", kind="cooperative", description="Coop IT.")
    draft_en.copy_for_translation(english).save()  # an English draft, never published
    return {"rome": rome, "bari": bari, "hidden": hidden, "aurora": draft_en}


def names(queryset) -> list[str]:
    return sorted(queryset.values_list("name", flat=True))


def test_every_language_lists_every_organisation_once(members, english):
    italian = Locale.get_default()
    expected = ["Comune di Bari", "Comune di Roma", "Cooperativa Aurora"]
    assert names(Member.objects.public().in_locale(italian)) == expected
    assert names(Member.objects.public().in_locale(english)) == expected
    shown = {m.name: m for m in Member.objects.public().in_locale(english)}
    assert shown["Comune di Roma"].description == "A municipality."  # its English row
    assert shown["Comune di Bari"].description == "Solo IT."  # no English row: the Italian
    assert shown["Cooperativa Aurora"].description == "Coop IT."  # English draft: the Italian
    assert {m.listed_locale_id for m in shown.values()} == {english.pk}


def test_the_english_directory_and_its_member_pages(client, members, directory, directory_en):
    html = client.get(directory_en.url).content.decode()
    for name in ("Comune di Roma", "Comune di Bari", "Cooperativa Aurora"):
        assert name in html
    assert "Ente Nascosto" not in html
    assert directory_en.specific.member_count == directory.specific.member_count == 3
    bari = client.get(f"{directory_en.url}comune-di-bari/")
    assert bari.status_code == 200 and "Solo IT." in bari.content.decode()
    rome = client.get(f"{directory_en.url}comune-di-roma/").content.decode()
    assert "A municipality." in rome and "Un comune." not in rome
    assert client.get(f"{directory_en.url}ente-nascosto/").status_code == 404


def test_both_languages_cost_the_same_queries(client, members, directory, directory_en):
    counts = []
    for page in (directory, directory_en, directory, directory_en):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page.url).status_code == 200
        counts.append([q["sql"] for q in captured if "community_matching_member" in q["sql"]])
    # Cold: the English directory reads the members with as many queries as the Italian
    # (the facet counts and the page of members).
    assert len(counts[0]) == len(counts[1]) == 2
    # Warm: both are kept in the cache, each under its own language and page.
    assert len(counts[2]) == len(counts[3]) == 0


def test_the_json_api_and_api_v2_agree_in_every_language(client, members, directory_en):
    for code in ("it", "en"):
        listing = client.get(f"/api/community-matching/members/?locale={code}").json()
        assert listing["count"] == 3, code
        v2 = client.get(f"/api/v2/members/?locale={code}").json()
        assert v2["meta"]["total_count"] == 3, code
    english = client.get("/api/community-matching/members/?locale=en").json()["items"]
    bari = next(item for item in english if item["name"] == "Comune di Bari")
    assert bari["locale"] == "en"
    assert bari["html_url"].endswith(f"{directory_en.url}comune-di-bari/")
    one = client.get("/api/community-matching/members/comune-di-bari/?locale=en")
    assert one.status_code == 200 and one.json()["description"] == "Solo IT."


def test_publishing_a_row_keeps_the_facts_of_its_translations(members, english):
    rome = members["rome"]
    rome.city, rome.website, rome.description = "Roma Capitale", "https://roma.example/", "Nuovo."
    rome.save_revision().publish()
    rome_en = Member.objects.get(translation_key=rome.translation_key, locale=english)
    assert (rome_en.city, rome_en.website) == ("Roma Capitale", "https://roma.example/")
    assert rome_en.description == "A municipality."  # translated, not synchronised

    rome.listed = False  # unlisting in one language unlists the organisation
    rome.save_revision().publish()
    assert not Member.objects.public().in_locale(english).filter(name="Comune di Roma").exists()


def test_a_draft_translation_pushes_nothing_to_the_live_row(members, english):
    aurora = members["aurora"]
    draft = Member.objects.get(translation_key=aurora.translation_key, locale=english)
    draft.city = "Draft city"
    draft.save()
    assert Member.objects.get(pk=aurora.pk).city == "Milano"


def test_the_export_has_one_row_per_organisation_with_its_languages(admin_client, members):
    response = admin_client.get("/admin/snippets/wagtail_community_matching/member/?export=csv")
    headings, *rows = csv.reader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert sorted(row[0] for row in rows) == [
        "Comune di Bari",
        "Comune di Roma",
        "Cooperativa Aurora",
        "Ente Nascosto",
    ]
    # The admin speaks Italian: "Breve descrizione", then one column per other language.
    prefix = str(it("Short description (%(language)s)")).split("%")[0]
    (english,) = [n for n, heading in enumerate(headings) if heading.startswith(prefix)]
    italian = headings.index(str(it("short description")).capitalize())
    by_name = {row[0]: row for row in rows}
    assert by_name["Comune di Roma"][english] == "A municipality."
    assert by_name["Comune di Roma"][italian] == "Un comune."
    assert by_name["Comune di Bari"][english] == ""
