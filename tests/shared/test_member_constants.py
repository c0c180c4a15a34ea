"""Member choices and logo renditions named once, in ``members.choices`` and ``members.logos``.

Before, the member count block kept its own copies of the sector and programme
status choices, and the logo renditions were written as literals in the directory
page, the featured members block, the API v2 endpoint, the member card template
and the JSON-LD builder.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

import wagtail_community_matching
from wagtail_community_matching.members import logos
from wagtail_community_matching.members.blocks import FeaturedMembersBlock, MemberCountBlock
from wagtail_community_matching.members.choices import SECTORS, ProgrammeStatus
from wagtail_community_matching.members.jsonld import member_json_ld
from wagtail_community_matching.members.logos import (
    CARD_LOGO_FILTER,
    DETAIL_LOGO_FILTER,
    RESPONSIVE_LOGO_FILTERS,
)

from ..api_helpers import api_get
from ..factories import make_image
from ..members.factories import make_directory, make_member

PACKAGE = Path(wagtail_community_matching.__file__).parent
SPECS = [CARD_LOGO_FILTER, DETAIL_LOGO_FILTER, *RESPONSIVE_LOGO_FILTERS]


def offered(block, name: str) -> list[tuple[str, str]]:
    """The choices a ChoiceBlock child offers, without the blank one, as text."""
    field = block.child_blocks[name].field
    return [(value, str(label)) for value, label in field.choices if value]


@pytest.mark.parametrize("language", ["en", "it"])
def test_member_count_block_offers_the_members_choices(language):
    with translation.override(language):
        block = MemberCountBlock()
        assert offered(block, "sector") == [(value, str(label)) for value, label in SECTORS]
        assert offered(block, "status") == [
            (value, str(label)) for value, label in ProgrammeStatus.choices
        ]


def test_each_logo_rendition_is_written_once_in_the_package():
    sources = [
        path
        for path in PACKAGE.rglob("*")
        if path.suffix in (".py", ".html") and path != Path(logos.__file__)
    ]
    for spec in SPECS:
        pattern = re.compile(rf"\b{re.escape(spec)}\b")
        found = [str(p.relative_to(PACKAGE)) for p in sources if pattern.search(p.read_text())]
        assert found == [], f"{spec} is written again in {found}: use members.logos"


@pytest.fixture
def member(db):
    return make_member(logo=make_image("Logo del comune", 900, 600))


def test_cards_use_the_card_rendition(client, member):
    directory = make_directory()
    assert f".{CARD_LOGO_FILTER}." in client.get(directory.url).content.decode()
    block = FeaturedMembersBlock()
    html = block.render(block.to_python({"members": [], "latest": 3}), {"page": directory})
    assert f".{CARD_LOGO_FILTER}." in html
    # A site's template including the card without a logo_filter.
    card = render_to_string(
        "wagtail_community_matching/includes/member_card.html", {"member": member}
    )
    assert f".{CARD_LOGO_FILTER}." in card


def test_a_members_page_and_json_ld_use_the_detail_rendition(client, member):
    directory = make_directory()
    html = client.get(directory.member_url(member)).content.decode()
    assert re.search(rf'class="cm-member__logo" src="[^"]+\.{DETAIL_LOGO_FILTER}\.', html)
    request = RequestFactory().get("/")
    assert f".{DETAIL_LOGO_FILTER}." in member_json_ld(member, request, "/membri/x/")["logo"]


def test_the_apis_use_their_renditions(client, member):
    make_directory()
    [item] = client.get("/api/v2/members/", {"fields": "logo"}).json()["items"]
    assert f".{CARD_LOGO_FILTER}." in item["logo"]["url"]
    [item] = api_get(client, "members/").json()["items"]
    assert [r["filter_spec"] for r in item["logo"]["renditions"]] == list(RESPONSIVE_LOGO_FILTERS)
