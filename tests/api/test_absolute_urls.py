"""One rule for absolute URLs in API answers: the Site's configured root URL, never the
request's Host header (html_url used the Site; registration and logo URLs used Host)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Site

from wagtail_community_matching.base import absolute_url

from ..adhesion.helpers import make_form_page, make_home
from ..events.factories import make_event
from ..factories import add_child, make_image
from ..members.factories import make_member

pytestmark = pytest.mark.django_db

BASE = "/api/community-matching"
ROOT = "https://rete.example.org"
EVIL = {"HTTP_HOST": "evil.example"}


@pytest.fixture
def content(db):
    from wagtail_community_matching.pages.models import EventIndexPage, MemberDirectoryPage

    home = make_home()
    Site.objects.filter(is_default_site=True).update(hostname="rete.example.org", port=443)
    form = make_form_page(home)
    add_child(home, MemberDirectoryPage, title="Membri", slug="membri")
    start = (timezone.now() + timedelta(days=10)).replace(microsecond=0)
    event = make_event(
        add_child(home, EventIndexPage, title="Eventi", slug="eventi"),
        "Formazione",
        start=start,
        end=start + timedelta(hours=2),
        registration_mode="built_in",
        capacity=5,
    )
    member = make_member("Comune di Bari", city="Bari", logo=make_image("Logo Bari"))
    return {"form": form, "event": event, "member": member}


def urls_in(value) -> list[str]:
    if isinstance(value, dict):
        return [url for item in value.values() for url in urls_in(item)]
    if isinstance(value, list):
        return [url for item in value for url in urls_in(item)]
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return [value]
    return []


@pytest.mark.parametrize(
    "path",
    [
        "members/",
        "member",
        "events/",
        "event",
        "registration",
        "forms/",
        "form",
    ],
)
def test_every_absolute_url_uses_the_sites_root(client, content, path):
    event, form, member = content["event"], content["form"], content["member"]
    path = {
        "member": f"members/{member.pk}/",
        "event": f"events/{event.pk}/",
        "registration": f"events/{event.pk}/registration/",
        "form": f"forms/{form.pk}/",
    }.get(path, path)
    response = client.get(f"{BASE}/{path}", **EVIL)
    assert response.status_code == 200
    urls = urls_in(response.json())
    assert urls, "the answer has absolute URLs"
    assert all(url.startswith(ROOT + "/") for url in urls), urls


def test_absolute_url_keeps_absolute_urls_and_uses_the_default_site(rf, content):
    request = rf.get("/", **EVIL)
    assert absolute_url(request, "/media/x.png") == f"{ROOT}/media/x.png"
    assert absolute_url(request, "https://cdn.example/x.png") == "https://cdn.example/x.png"
    assert absolute_url(request, "") == ""
    assert absolute_url(None, "/x/") == "/x/"
