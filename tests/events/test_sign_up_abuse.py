"""One client cannot take every place: sign-ups are rate limited per client address and
event, on the page and in the JSON API, and one mailbox holds one place."""

from __future__ import annotations

import json

import pytest

from wagtail_community_matching.checks import check_settings
from wagtail_community_matching.models import Occurrence, Registration
from wagtail_community_matching.text import mailbox_key

from ..conftest import it
from .factories import make_event, soon

pytestmark = pytest.mark.django_db

API = "/api/community-matching"
LIMITED = (
    "Too many sign-ups for this event were sent from your connection. Please try again "
    "later, or write to us."
)


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("Ada@Example.org", "ada@example.org"),
        ("ada+1@example.org", "ada@example.org"),
        ("ada+news+2@example.org", "ada@example.org"),
        ("+only@example.org", "+only@example.org"),
        (" ada@example.org ", "ada@example.org"),
        ("a.da@example.org", "a.da@example.org"),
    ],
)
def test_mailbox_key(address, key):
    assert mailbox_key(address) == key


@pytest.fixture
def event(index):
    return make_event(
        index, "Formazione", start=soon(20), registration_mode="built_in", capacity=50
    )


def person(event, number: int, email: str | None = None) -> dict:
    return {
        "occurrence": Occurrence.objects.get(page=event).pk,
        "name": f"Persona {number}",
        "email": email or f"persona{number}@example.org",
        "consent": "on",
        "website": "",
    }


def test_the_page_limits_sign_ups_per_address_and_event(client, event, index, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"EVENT_SIGN_UP_RATE_LIMIT": "3/h"}
    url = event.url + "register/"
    statuses = [client.post(url, person(event, n)).status_code for n in range(5)]
    assert statuses == [302, 302, 302, 429, 429]
    assert Registration.objects.count() == 3
    assert it(LIMITED) in client.post(url, person(event, 9)).content.decode()
    # Another address, or another event, has its own count.
    other = client.post(url, person(event, 7), REMOTE_ADDR="192.0.2.99")
    assert other.status_code == 302
    second = make_event(index, "Webinar", start=soon(21), registration_mode="built_in")
    assert client.post(second.url + "register/", person(second, 8)).status_code == 302


def test_the_api_limits_sign_ups_with_retry_after(client, event, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"EVENT_SIGN_UP_RATE_LIMIT": "2/m"}
    url = f"{API}/events/{event.pk}/registrations/"

    def send(number):
        data = {**person(event, number), "consent": True}
        return client.post(url, json.dumps(data), content_type="application/json")

    assert [send(n).status_code for n in range(2)] == [201, 201]
    refused = send(3)
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert refused.json()["errors"]["__all__"][0]["code"] == "rate_limited"
    assert Registration.objects.count() == 2


@pytest.mark.parametrize("email", ["Persona1@Example.org", "persona1+bis@example.org"])
def test_one_mailbox_holds_one_place(client, event, email):
    url = event.url + "register/"
    assert client.post(url, person(event, 1)).status_code == 302
    again = client.post(url, person(event, 2, email=email))
    assert again.status_code == 400
    assert it("This email address is already registered for this date.") in again.content.decode()
    assert Registration.objects.count() == 1
    assert Registration.objects.get().email_key == "persona1@example.org"


@pytest.mark.parametrize(("value", "valid"), [("5/h", True), ("1/d", True), ("5", False)])
def test_the_sign_up_limit_is_checked(settings, value, valid):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"EVENT_SIGN_UP_RATE_LIMIT": value}
    assert ("wagtail_community_matching.E012" not in {e.id for e in check_settings()}) is valid
