"""The event page: local times with the zone named, JSON-LD, organiser, preview, admin views."""

from __future__ import annotations

import json

import pytest

from wagtail_community_matching.models import Occurrence

from ..conftest import it
from .factories import local, make_event, republish, soon

pytestmark = pytest.mark.django_db


# -- Event page ---------------------------------------------------------------------------


def test_event_page_shows_time_in_its_own_zone_with_the_zone_named(client, index):
    page = make_event(
        index,
        "Webinar",
        start=local("2027-01-20 12:00", "America/New_York"),
        end=local("2027-01-20 13:30", "America/New_York"),
        timezone="America/New_York",
        attendance_mode="online",
        online_url="https://meet.example/webinar",
    )
    html = client.get(page.url).content.decode()
    assert "12:00–13:30" in html
    assert "America/New_York, EST" in html
    assert 'datetime="2027-01-20T12:00:00-05:00"' in html
    assert 'href="https://meet.example/webinar"' in html
    assert 'href="/it/eventi/webinar/ical/"' in html


def test_private_online_link_is_not_on_the_page(client, index):
    page = make_event(
        index,
        start=soon(4),
        attendance_mode="hybrid",
        online_url="https://meet.example/secret",
        online_url_public=False,
        registration_mode="built_in",
    )
    html = client.get(page.url).content.decode()
    assert "meet.example/secret" not in html
    assert it("The link is sent by email to registered participants.") in html


def test_event_page_json_ld(client, index):
    page = make_event(
        index,
        "Incontro collettivo",
        start="2027-06-10 10:00",
        end="2027-06-10 17:00",
        attendance_mode="hybrid",
        online_url="https://meet.example/x",
        organiser_name="Segreteria della rete",
        registration_mode="built_in",
        capacity=50,
        summary="Il primo incontro",
    )
    html = client.get(page.url).content.decode()
    raw = html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    data = json.loads(raw)
    assert data["@type"] == "Event"
    assert data["startDate"] == "2027-06-10T10:00:00+02:00"
    assert data["endDate"] == "2027-06-10T17:00:00+02:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = data["location"]
    assert place["address"]["addressLocality"] == "Milano"
    assert place["geo"]["latitude"] == 45.4642
    assert virtual == {"@type": "VirtualLocation", "url": "https://meet.example/x"}
    assert data["organizer"]["name"] == "Segreteria della rete"
    assert data["offers"]["url"].endswith("/it/eventi/incontro-collettivo/register/")
    assert data["offers"]["availability"] == "https://schema.org/InStock"

    page = republish(page, status="cancelled")
    data = json.loads(
        client.get(page.url).content.decode().split('ld+json">')[1].split("</script>")[0]
    )
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["offers"]["availability"] == "https://schema.org/SoldOut"


def test_preview_of_an_unpublished_event_renders(index):
    page = make_event(index, "Bozza", start="2027-09-01 10:00", publish=False)
    assert not Occurrence.objects.filter(page=page).exists()
    response = page.make_preview_request()
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Bozza</h1>" in html
    assert "1 settembre 2027, 10:00–12:00" in html


# -- Organiser ----------------------------------------------------------------------------


def jsonld_of(client, page):
    html = client.get(page.url).content.decode()
    return html, json.loads(
        html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    )


def test_organiser_member_is_shown_only_while_public(client, index):
    from ..members.factories import make_member

    member = make_member("Comune di Parma", website="https://comune.parma.example/")
    page = make_event(
        index, "Formazione", start=soon(8), organiser=member, organiser_name="Ufficio formazione"
    )
    html, data = jsonld_of(client, page)
    assert "Comune di Parma" in html
    assert data["organizer"] == {
        "@type": "GovernmentOrganization",
        "name": "Comune di Parma",
        "url": "https://comune.parma.example/",
    }
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["organiser_display"] == "Comune di Parma"

    member.listed = False
    member.save()
    html, data = jsonld_of(client, page)
    assert "Comune di Parma" not in html
    assert data["organizer"] == {"@type": "Organization", "name": "Ufficio formazione"}

    private = make_member("Associazione Bozza", kind="association", publish=False)
    page = republish(page, organiser=private, organiser_name="")
    html, data = jsonld_of(client, page)
    assert "Associazione Bozza" not in html and "organizer" not in data


def test_admin_add_and_edit_views_render(client, admin_user, index):
    client.force_login(admin_user)
    add = client.get(f"/admin/pages/add/wagtail_community_matching_pages/eventpage/{index.pk}/")
    assert add.status_code == 200
    page = make_event(
        index,
        "Modifica",
        start="2027-04-01 09:00",
        end="2027-04-01 10:00",
        timezone="Europe/London",
    )
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    assert 'value="2027-04-01 09:00"' in edit.content.decode()  # London wall time
    assert client.get("/admin/snippets/wagtail_community_matching/venue/").status_code == 200
