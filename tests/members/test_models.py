"""The Member snippet: model, admin form, member page, JSON-LD, blocks (models/members.py)."""

from __future__ import annotations

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from wagtail_community_matching.members.blocks import FeaturedMembersBlock, MemberCountBlock
from wagtail_community_matching.members.models import initial_of
from wagtail_community_matching.models import Member
from wagtail_community_matching.places.regions import normalise_region, region_label

from ..factories import make_image
from .factories import bulk_members, make_member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "letter"),
    [
        ("Comune di Roma", "C"),
        ("università", "U"),
        ("Èlite", "E"),
        ("3 Ponti", "#"),
        ("  «Ape»", "A"),
        ("", "#"),
    ],
)
def test_initial_of(name, letter):
    assert initial_of(name) == letter


@pytest.mark.parametrize(
    ("country", "text", "stored"),
    [
        ("IT", "Lombardia", "lombardia"),
        ("IT", "lombardy", "lombardia"),
        ("IT", "VALLE D'AOSTA", "valle-d-aosta"),
        ("IT", "Südtirol", "trentino-alto-adige"),
        ("IT", "Atlantide", "Atlantide"),
        ("FR", "Île-de-France", "Île-de-France"),
    ],
)
def test_normalise_region(country, text, stored):
    assert normalise_region(country, text) == stored


def test_region_label_translates_known_codes_only():
    assert region_label("puglia") in {"Apulia", "Puglia"}
    assert region_label("Bavaria") == "Bavaria"


def test_model_validation():
    member = Member(name="Ente", kind="association", city="Roma", region="atlantide")
    with pytest.raises(ValidationError) as error:
        member.full_clean()
    assert "region" in error.value.message_dict
    member = Member(
        name="Ente",
        kind="association",
        city="Paris",
        country="FR",
        region="Île-de-France",
        latitude=48.85,
    )
    with pytest.raises(ValidationError) as error:
        member.full_clean()
    assert "longitude" in error.value.message_dict
    member = Member(name="Ente", kind="association", city="Roma", country="it")
    with pytest.raises(ValidationError) as error:
        member.full_clean()
    assert "country" in error.value.message_dict


def test_slug_is_made_from_the_name_and_unique_per_locale():
    first = make_member("Comune di Città")
    second = make_member("Comune di Città")
    english = Locale.objects.get_or_create(language_code="en")[0]
    other = make_member("Comune di Città", locale=english)
    assert first.slug == "comune-di-città"
    assert second.slug == "comune-di-città-2"
    assert other.slug == "comune-di-città"


def test_revisions_keep_phone_and_services():
    member = make_member("Ente", phone="+390212345678", services=["training", "events"])
    restored = member.latest_revision.as_object()
    assert str(restored.phone) == "+390212345678"
    assert restored.services == ["training", "events"]
    assert restored.get_services_display() in {
        "Training, Meetings and events",
        "Formazione, Incontri ed eventi",
    }


def test_deleting_a_member_deletes_its_revisions():
    from wagtail.models import Revision

    member = make_member("Ente")
    assert Revision.objects.for_instance(member).exists()
    member.delete()
    assert not Revision.objects.filter(
        object_id=str(member.pk), base_content_type__model="member"
    ).exists()


def test_member_page_shows_public_data_and_json_ld(client, directory):
    make_member(
        "Comune di Bologna",
        city="Bologna",
        province="BO",
        region="emilia-romagna",
        kind="municipality",
        website="https://comune.example/",
        email="info@comune.example",
        phone="+390511234567",
        description="Il comune.",
        services=["training"],
        latitude=44.49,
        longitude=11.34,
        logo=make_image("Logo BO"),
    )
    response = client.get(f"{directory.url}comune-di-bologna/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Comune di Bologna</h1>" in html
    assert 'href="mailto:info@comune.example"' in html
    assert 'href="tel:+390511234567"' in html
    assert ".max-480x480." in html
    assert f'href="{directory.url}"' in html  # breadcrumb back to the directory
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )
    assert data["@type"] == "GovernmentOrganization"
    assert data["name"] == "Comune di Bologna"
    assert data["address"]["addressLocality"] == "Bologna"
    assert data["address"]["addressCountry"] == "IT"
    assert data["telephone"] == "+390511234567"
    assert data["logo"].startswith("http://localhost/")  # the Site's root URL
    assert data["url"] == "https://comune.example/"
    assert data["location"]["geo"]["latitude"] == 44.49


def test_json_ld_of_private_members_is_organization_and_escaped(client, directory):
    make_member("Ente </script><script>alert(1)</script>", kind="association", slug="ente")
    html = client.get(f"{directory.url}ente/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    assert "<script>alert(1)" not in html
    data = json.loads(block)
    assert data["@type"] == "Organization"
    assert data["name"] == "Ente </script><script>alert(1)</script>"


def member_page_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_member_page_query_count_is_constant(client, directory):
    bulk_members(10, logos=False)
    make_member("Comune di Torino", city="Torino", logo=make_image())
    url = f"{directory.url}comune-di-torino/"
    small = member_page_queries(client, url)
    bulk_members(300, logos=False, prefix="Altro")
    assert member_page_queries(client, url) == small


def render_block(block, value, page):
    return block.render(block.to_python(value), context={"page": page, "request": None})


def test_featured_members_block_shows_chosen_public_members(directory):
    english = Locale.objects.get_or_create(language_code="en")[0]
    rome = make_member("Comune di Roma", city="Roma")
    hidden = make_member("Ente Nascosto", listed=False)
    bari = make_member("Comune di Bari", city="Bari")
    block = FeaturedMembersBlock()
    value = {
        "heading": "In evidenza",
        "members": [bari.pk, hidden.pk, rome.pk],
        "latest": 6,
        "link_label": "Tutti i membri",
    }
    html = render_block(block, value, directory)
    assert html.index("Comune di Bari") < html.index("Comune di Roma")
    assert "Ente Nascosto" not in html
    assert f'href="{directory.url}comune-di-bari/"' in html
    assert f'href="{directory.url}"' in html and "Tutti i membri" in html
    # On an English page, the chosen members are shown in their English version.
    rome_en = rome.copy_for_translation(english)
    rome_en.save()
    rome_en.save_revision().publish()

    class EnglishPage:
        locale_id = english.pk

    html = render_block(block, value, EnglishPage())
    # Rome in its English version; Bari, with no English row, in its Italian one.
    assert "Comune di Roma" in html and "Comune di Bari" in html
    assert "Ente Nascosto" not in html


def test_featured_members_block_shows_the_latest_members(directory):
    import datetime

    for year in (2020, 2021, 2022, 2023):
        make_member(f"Ente {year}", date_joined=datetime.date(year, 5, 1))
    make_member("Bozza 2025", date_joined=datetime.date(2025, 1, 1), publish=False)
    html = render_block(FeaturedMembersBlock(), {"members": [], "latest": 2}, directory)
    assert "Ente 2023" in html and "Ente 2022" in html
    assert "Ente 2021" not in html and "Bozza" not in html
    assert '<h2 class="cm-member-card__name">' in html  # no block heading: cards are h2


def test_member_count_block_counts_public_members(directory):
    make_member("Comune A", kind="municipality", status="active")
    make_member("Ass B", kind="association", status="active")
    make_member("Ass C", kind="association", status="interested")
    make_member("Ass D", kind="association", listed=False)
    make_member("Ass E", kind="association", publish=False)
    block = MemberCountBlock()
    count = re.compile(r'cm-key-figure__number">(\d+)<')

    def rendered(**value):
        html = render_block(block, {"label": "enti", **value}, directory)
        return int(count.search(html).group(1))

    assert rendered() == 3
    assert rendered(sector="private") == 2
    assert rendered(sector="public", status="active") == 1


def test_network_page_offers_the_member_blocks(client, directory):
    home = directory.get_parent().specific
    make_member("Comune di Padova", city="Padova")
    home.body = json.dumps(
        [
            {
                "type": "member_count",
                "value": {"label": "enti aderenti", "sector": "", "status": ""},
            },
            {
                "type": "featured_members",
                "value": {"heading": "Membri", "members": [], "latest": 3, "link_label": ""},
            },
        ]
    )
    home.save_revision().publish()
    html = client.get(home.url).content.decode()
    assert 'cm-key-figure__number">1<' in html
    assert "Comune di Padova" in html


def test_member_page_language_links_go_to_the_translated_member(client, directory):
    english = Locale.objects.get_or_create(language_code="en")[0]
    directory_en = directory.copy_for_translation(english, copy_parents=True)
    directory_en.slug = "members"
    directory_en.save_revision().publish()
    rome = make_member("Comune di Roma", city="Roma")
    rome_en = rome.copy_for_translation(english)
    rome_en.save()
    rome_en.save_revision().publish()
    make_member("Solo Italiano")
    html = client.get(f"{directory.url}comune-di-roma/").content.decode()
    assert 'href="/en/members/comune-di-roma/" hreflang="en"' in html
    html = client.get(f"{directory.url}solo-italiano/").content.decode()
    # Not translated: the English directory lists it in Italian, at its Italian slug.
    assert 'href="/en/members/solo-italiano/" hreflang="en"' in html
    assert client.get("/en/members/solo-italiano/").status_code == 200
