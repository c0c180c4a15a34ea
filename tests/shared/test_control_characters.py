"""No 500 on any query string: control characters are a 400 on every public endpoint and
page (one rule, ``text.has_control_characters``), and fuzzed query strings never fail."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wagtail_community_matching.pages.models import (
    EventIndexPage,
    FAQPage,
    ImpactPage,
    MemberDirectoryPage,
)
from wagtail_community_matching.text import has_control_characters

from ..adhesion.helpers import make_form_page, make_home
from ..conftest import it
from ..events.factories import make_event, soon
from ..factories import add_child
from ..faq.helpers import question, section, sections
from ..impact.factories import indicators, populate
from ..members.factories import make_member

pytestmark = pytest.mark.django_db

CONTROL = "Query parameters cannot contain control characters."
CONTROLS = ["\x00", "\x1b", "\x7f", "\t", "\n", "\x85"]


@pytest.mark.parametrize(
    ("char", "control"),
    [(c, True) for c in CONTROLS]
    + [("a", False), (" ", False), ("è", False), ("\u200b", False), ("’", False)],
)
def test_the_rule(char, control):
    assert has_control_characters(f"milano{char}") is control


@pytest.fixture
def site(db):
    cache.clear()
    home = make_home()
    make_form_page(home)
    faq = add_child(
        home, FAQPage, title="FAQ", slug="faq", sections=sections(section("", question("Q?")))
    )
    index = add_child(home, EventIndexPage, title="Eventi", slug="eventi")
    make_event(index, start=soon(5))
    directory = add_child(home, MemberDirectoryPage, title="Membri", slug="membri")
    make_member("Comune di Bari", region="puglia", city="Bari")
    indicators()
    populate(count=6)
    impact = add_child(home, ImpactPage, title="Impatto", slug="impatto")
    return {"faq": faq, "events": index, "directory": directory, "impact": impact}


V2 = [
    "/api/v2/pages/",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/api/v2/faqs/",
    "/api/v2/members/",
    "/api/v2/event_occurrences/",
    "/api/v2/impact/",
]
JSON_API = [
    "/api/community-matching/members/",
    "/api/community-matching/events/",
    "/api/community-matching/faq/",
    "/api/community-matching/impact/",
    "/api/community-matching/forms/",
]
PARAMETERS = ["locale", "search", "q", "region", "period", "kind", "zz"]


@pytest.mark.parametrize("url", V2)
@pytest.mark.parametrize("char", ["\x00", "\x1b"])
def test_api_v2_refuses_control_characters_with_a_400(client, site, url, char):
    for name in ("locale", "search"):
        response = client.get(f"{url}?{name}={quote('a' + char)}")
        assert response.status_code == 400, (url, name)
        assert response.json() == {"message": it(CONTROL)}


@pytest.mark.parametrize("url", JSON_API)
def test_the_json_api_refuses_control_characters_with_a_400(client, site, url):
    response = client.get(f"{url}?locale=it%00")
    assert response.status_code == 400
    assert response.json() == {
        "errors": {
            "locale": [
                {
                    "code": "control_characters",
                    "message": it(CONTROL),
                }
            ]
        }
    }
    named = client.get(f"{url}?a%00b=1")
    assert named.status_code == 400 and "__all__" in named.json()["errors"]


def test_a_control_character_in_a_path_parameter_is_a_400(client, site):
    response = client.get("/api/community-matching/members/bari%00/")
    assert response.status_code == 400


@pytest.mark.parametrize("page", ["directory", "events", "impact", "faq"])
def test_pages_ignore_an_unreadable_query_string_and_say_so(client, site, page):
    url = site[page].url
    response = client.get(f"{url}?q=milano%00&region=puglia&period=2024%1b")
    assert response.status_code == 400
    message = it("The address holds characters that cannot be read: its filters were ignored.")
    assert escape(message) in response.content.decode()
    assert client.get(f"{url}?q=milano").status_code == 200


# -- Fuzzing: arbitrary query strings, never a server error ----------------------------------

VALUES = st.text(max_size=12) | st.sampled_from(["it", "en", "2025", "puglia", "-1", "9" * 30])


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    url=st.sampled_from(V2 + JSON_API + ["directory", "events", "impact", "faq"]),
    params=st.dictionaries(st.sampled_from(PARAMETERS), VALUES, max_size=3),
)
def test_no_query_string_makes_a_server_error(client, site, url, params):
    path = site[url].url if url in site else url
    query = "&".join(f"{quote(name)}={quote(value)}" for name, value in params.items())
    response = client.get(f"{path}?{query}")
    assert response.status_code < 500, (path, query)
