"""Event pages, recurrence into occurrences, the events index and the upcoming-events block."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.html import escape

from wagtail_community_matching import recurrence
from wagtail_community_matching.checks import check_settings
from wagtail_community_matching.models import Occurrence, Registration
from wagtail_community_matching.pages.models import EventPage, NetworkPage

from .event_factories import local, make_event, make_index, make_venue, republish
from .factories import add_child

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def soon(days: int, hour: int = 10) -> datetime:
    day = (NOW + timedelta(days=days)).date()
    return local(f"{day.isoformat()} {hour:02d}:00")


@pytest.fixture
def index():
    return make_index()


def starts(page):
    return [o.start for o in Occurrence.objects.filter(page=page).order_by("start")]


# -- Recurrence ---------------------------------------------------------------------------


def test_monthly_rule_with_exception_keeps_local_time_across_dst(index):
    page = make_event(
        index,
        "Supervisione",
        start="2027-02-09 18:00",
        end="2027-02-09 20:00",
        recurrence_rule="freq=monthly;byday=2tu;count=4",
        recurrence_exceptions="2027-03-09\n",
    )
    assert page.recurrence_rule == "FREQ=MONTHLY;BYDAY=2TU;COUNT=4"
    occurrences = list(Occurrence.objects.filter(page=page))
    assert [o.local_start.strftime("%Y-%m-%d %H:%M") for o in occurrences] == [
        "2027-02-09 18:00",
        "2027-04-13 18:00",
        "2027-05-11 18:00",
    ]
    # 18:00 in Rome is 17:00 UTC in winter and 16:00 UTC in summer.
    assert [o.start.astimezone(UTC).hour for o in occurrences] == [17, 16, 16]
    assert all(o.end - o.start == timedelta(hours=2) for o in occurrences)


def test_horizon_setting_limits_open_ended_rules(index, settings):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"EVENT_RECURRENCE_HORIZON_DAYS": 30}
    page = make_event(index, "Ogni giorno", start=soon(1), recurrence_rule="FREQ=DAILY")
    count = Occurrence.objects.filter(page=page).count()
    assert 29 <= count <= 31


def test_until_date_includes_that_day():
    occurrences = recurrence.expand(
        datetime(2027, 1, 1, 18), "FREQ=WEEKLY;UNTIL=20270115", [], datetime(2030, 1, 1)
    )
    assert occurrences[-1] == datetime(2027, 1, 15, 18)


def test_nonexistent_local_time_moves_forward_like_rfc_5545():
    moved = recurrence.localize(datetime(2027, 3, 28, 2, 30), "Europe/Rome")
    assert moved.strftime("%H:%M %Z") == "03:30 CEST"
    assert not recurrence.exists_in_zone(datetime(2027, 3, 28, 2, 30), "Europe/Rome")
    assert recurrence.exists_in_zone(datetime(2027, 10, 31, 2, 30), "Europe/Rome")


@pytest.mark.parametrize(
    ("rule", "code"),
    [
        ("FREQ=HOURLY", "invalid_rule_frequency"),
        ("COUNT=3", "invalid_rule_frequency"),
        ("FREQ=WEEKLY;BYDAY=XX", "invalid_rule"),
        ("FREQ=WEEKLY;UNTIL=20271231T000000Z", "invalid_rule"),
        ("DTSTART:20270101\nRRULE:FREQ=DAILY", "invalid_rule"),
    ],
)
def test_bad_rules_are_rejected_with_a_message(rule, code):
    with pytest.raises(ValidationError) as error:
        recurrence.validate_rule(rule)
    assert error.value.code == code


# -- Publication and occurrences -----------------------------------------------------------


def test_publish_change_unpublish_and_delete_keep_occurrences_in_step(index):
    page = make_event(index, start=soon(10), recurrence_rule="FREQ=WEEKLY;COUNT=3")
    assert len(starts(page)) == 3
    first = Occurrence.objects.filter(page=page).order_by("start").first()
    Registration.objects.create(
        occurrence=first, name="A", email="a@example.org", consent_text="ok"
    )

    page = republish(page, recurrence_rule="FREQ=WEEKLY;COUNT=2")
    assert len(starts(page)) == 2
    assert Registration.objects.get().occurrence_id == first.pk  # same date kept

    page = republish(page, start=page.start + timedelta(hours=1), end=page.end + timedelta(hours=1))
    moved = Occurrence.objects.get(pk=first.pk)
    assert moved.start == page.start  # a moved date keeps its registrants
    assert Occurrence.objects.filter(page=page).count() == 2

    page.unpublish()
    assert list(Occurrence.objects.filter(page=page)) == [moved]  # kept for its registrant
    page.delete()
    assert not Occurrence.objects.exists()


def test_removed_date_with_registrants_is_marked_cancelled(index):
    page = make_event(index, start=soon(3), recurrence_rule="FREQ=DAILY;COUNT=3")
    last = Occurrence.objects.filter(page=page).order_by("start").last()
    Registration.objects.create(occurrence=last, name="B", email="b@example.org", consent_text="x")
    page = republish(page, recurrence_exceptions=last.local_start.date().isoformat())
    last.refresh_from_db()
    assert last.is_cancelled
    assert Occurrence.objects.filter(page=page, status="scheduled").count() == 2


def test_drafts_do_not_change_occurrences(index):
    page = make_event(index, start=soon(5))
    before = starts(page)
    page.start = page.start + timedelta(days=1)
    page.end = page.end + timedelta(days=1)
    page.save_revision()
    assert starts(page) == before


def test_sequence_bumps_only_on_schedule_changes_and_survives_revisions(index):
    page = make_event(index, start=soon(5))
    assert page.ical_sequence == 0
    page = republish(page, summary="Solo il testo cambia")
    assert page.ical_sequence == 0
    old_revision = page.latest_revision
    page = republish(page, start=page.start + timedelta(hours=1), end=page.end + timedelta(hours=1))
    assert page.ical_sequence == 1
    page = republish(page, status="cancelled")
    assert page.ical_sequence == 2
    old_revision.publish()  # restoring an old revision changes the schedule again
    page = EventPage.objects.get(pk=page.pk)
    assert page.ical_sequence == 3
    assert Occurrence.objects.get(page=page).status == "scheduled"


# -- Validation ---------------------------------------------------------------------------


def event(**fields):
    values = {
        "title": "T",
        "slug": "t",
        "start": soon(2),
        "end": soon(2, 12),
        "timezone": "Europe/Rome",
        "venue": make_venue(),
    }
    values.update(fields)
    return EventPage(**values)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"end": soon(2, 9)}, "end"),
        ({"attendance_mode": "online", "venue": None}, "online_url"),
        (
            {"attendance_mode": "hybrid", "venue": None, "online_url": "https://m.example/x"},
            "venue",
        ),
        ({"venue": None}, "venue"),
        ({"registration_mode": "external"}, "registration_url"),
        ({"online_url_public": False, "online_url": "https://m.example/x"}, "online_url_public"),
        ({"capacity": 0, "registration_mode": "built_in"}, "capacity"),
        ({"recurrence_rule": "FREQ=SECONDLY"}, "recurrence_rule"),
        ({"recurrence_exceptions": "2027-01-01\n1 gennaio"}, "recurrence_exceptions"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"registration_opens": soon(1), "registration_closes": soon(0)}, "registration_closes"),
    ],
)
def test_validation_names_the_field(fields, field):
    with pytest.raises(ValidationError) as error:
        event(**fields).full_clean(exclude=["path", "depth"])
    assert field in error.value.message_dict, error.value.message_dict


def test_all_day_event_is_stored_from_midnight_to_midnight(index):
    page = make_event(
        index, "Convegno", start="2027-06-10 15:00", end="2027-06-11 09:00", all_day=True
    )
    occurrence = Occurrence.objects.get(page=page)
    assert occurrence.local_start.strftime("%Y-%m-%d %H:%M") == "2027-06-10 00:00"
    assert occurrence.local_end.strftime("%Y-%m-%d %H:%M") == "2027-06-12 00:00"
    assert occurrence.last_day == date(2027, 6, 11)


# -- Admin form: wall times in the event's zone ---------------------------------------------


def admin_form(index, data):
    form_class = EventPage.get_edit_handler().get_form_class()
    return form_class(data, instance=EventPage(), for_user=None, parent_page=index)


def form_data(**overrides):
    venue = make_venue()
    data = {
        "title": "Formazione",
        "slug": "formazione",
        "kind": "training",
        "status": "scheduled",
        "start": "2027-03-28 10:00",
        "end": "2027-03-28 13:00",
        "timezone": "America/New_York",
        "attendance_mode": "in_person",
        "venue": venue.pk,
        "registration_mode": "none",
        "online_url_public": "on",
        "waiting_list": "on",
    }
    data.update(overrides)
    return data


def test_admin_form_reads_times_in_the_event_zone(index, settings):
    settings.TIME_ZONE = "UTC"
    with timezone.override("UTC"):
        form = admin_form(index, form_data())
        assert form.is_valid(), form.errors
    start = form.cleaned_data["start"]
    assert start.tzinfo.key == "America/New_York"
    assert start.astimezone(UTC) == datetime(2027, 3, 28, 14, 0, tzinfo=UTC)  # EDT is UTC-4

    form = admin_form(index, form_data(timezone="Europe/Rome", start="2027-03-28 02:30"))
    assert not form.is_valid()
    assert "does not exist in Europe/Rome" in form.errors["start"][0]


def test_admin_form_shows_stored_times_in_the_event_zone(index):
    page = make_event(
        index,
        start=local("2027-07-01 09:00", "Asia/Tokyo"),
        timezone="Asia/Tokyo",
        end=local("2027-07-01 11:00", "Asia/Tokyo"),
    )
    form_class = EventPage.get_edit_handler().get_form_class()
    with timezone.override("Europe/Rome"):
        form = form_class(instance=page, for_user=None, parent_page=index)
    assert form.initial["start"] == datetime(2027, 7, 1, 9, 0)


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
    assert "sent by email to registered participants" in html


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
    assert "01 Settembre 2027, 10:00–12:00" in html


# -- Index --------------------------------------------------------------------------------


@pytest.fixture
def programme(index):
    parma = make_venue(name="Centro Giovani", city="Parma", region="Emilia-Romagna")
    milano = make_venue()
    return {
        "past": make_event(index, "Passato", start=soon(-20), venue=milano),
        "training": make_event(
            index, "Formazione Parma", start=soon(20), venue=parma, kind="training"
        ),
        "meeting": make_event(index, "Incontro Milano", start=soon(5), venue=milano),
        "webinar": make_event(
            index,
            "Webinar",
            start=soon(10),
            attendance_mode="online",
            online_url="https://meet.example/w",
            kind="webinar",
        ),
    }


def titles(response):
    return [o.event.title for o in response.context["occurrences"]]


def test_index_lists_upcoming_soonest_first_and_past_on_its_own_url(client, index, programme):
    response = client.get(index.url)
    assert titles(response) == ["Incontro Milano", "Webinar", "Formazione Parma"]
    response = client.get(index.url + "past/")
    assert response.status_code == 200
    assert titles(response) == ["Passato"]
    assert 'aria-current="page">Past events' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=training", ["Formazione Parma"]),
        ("city=Parma", ["Formazione Parma"]),
        ("mode=online", ["Webinar"]),
        ("mode=in_person&city=Milano", ["Incontro Milano"]),
    ],
)
def test_index_filters(client, index, programme, query, expected):
    assert titles(client.get(f"{index.url}?{query}")) == expected


def test_index_date_range(client, index, programme):
    day = programme["webinar"].local_start().date()
    response = client.get(f"{index.url}?from={day}&to={day}")
    assert titles(response) == ["Webinar"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("from=2027-02-30", "from"),
        ("to=yesterday", "to"),
        ("from=0001-01-01", "from"),
        ("from=9999-12-31", "from"),
        ("from=2027-05-02&to=2027-05-01", "to"),
        ("city=Atlantide", "city"),
        ("kind=party", "kind"),
        ("from=%00&to=%FF%FE", "from"),
    ],
)
def test_bad_filters_get_a_message_never_a_500(client, index, programme, query, field):
    response = client.get(f"{index.url}?{query}")
    assert response.status_code == 200
    html = response.content.decode()
    form = response.context["filter_form"]
    assert form.errors[field]
    assert (
        f'<ul class="cm-field__errors" id="id_{field}_error"><li>{escape(form.errors[field][0])}'
        in html
    )
    assert 'aria-invalid="true"' in html
    assert 'role="alert"' in html
    assert (
        titles(response)
        == ["Incontro Milano", "Webinar", "Formazione Parma"][: len(titles(response))]
    )


def test_filter_messages_are_clear(client, index, programme):
    from wagtail_community_matching.forms.events import EventFilterForm

    with translation.override("en"):
        form = EventFilterForm({"from": "2027-02-30", "to": "0001-01-01"})
        assert not form.is_valid()
        assert form.errors["from"] == ["Enter a valid date, such as 2026-06-10."]
        assert form.errors["to"] == ["Enter a date between the years 1900 and 2999."]
        form = EventFilterForm({"from": "2027-05-02", "to": "2027-05-01"})
        assert not form.is_valid()
        assert form.errors["to"] == ["The end date must be on or after the start date."]


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999999999999999", "2.5"])
def test_bad_page_numbers_never_500(client, index, programme, page):
    assert client.get(f"{index.url}?page={page}").status_code == 200
    assert client.get(f"{index.url}past/?page={page}").status_code == 200


def test_index_paginates(client, index, programme):
    index.events_per_page = 2
    index.save_revision().publish()
    first = client.get(index.url)
    second = client.get(index.url + "?page=2&kind=")
    assert titles(first) == ["Incontro Milano", "Webinar"]
    assert titles(second) == ["Formazione Parma"]
    assert 'href="?kind=&amp;page=1"' in second.content.decode()


def test_unpublished_and_private_events_are_not_listed(client, index, programme):
    from wagtail.models import PageViewRestriction

    programme["meeting"].unpublish()
    PageViewRestriction.objects.create(
        page=programme["webinar"], restriction_type="password", password="x"
    )
    assert titles(client.get(index.url)) == ["Formazione Parma"]


def count_queries(client, url):
    client.get(url)  # warm caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_index_query_count_is_the_same_at_10_and_500_occurrences(client, index, settings):
    """Reported figure: queries for the index at 10 and at 500 occurrences."""
    settings.WAGTAIL_COMMUNITY_MATCHING = {"EVENT_RECURRENCE_HORIZON_DAYS": 600}
    make_event(
        index,
        "Serie A",
        start=soon(1),
        recurrence_rule="FREQ=DAILY;COUNT=10",
        registration_mode="built_in",
        capacity=5,
    )
    small = count_queries(client, index.url + "?page=1")
    make_event(
        index,
        "Serie B",
        start=soon(1, 15),
        recurrence_rule="FREQ=DAILY;COUNT=490",
        kind="training",
        registration_mode="built_in",
        capacity=5,
    )
    assert Occurrence.objects.count() == 500
    large = count_queries(client, index.url + "?page=1")
    print(f"\nevents index queries: {small} at 10 occurrences, {large} at 500 occurrences")
    assert small == large
    assert count_queries(client, index.url + "past/") <= large


def test_index_feed_and_block_query_counts_are_constant(client, index):
    home = index.get_parent().specific
    home.body = json.dumps(
        [
            {
                "type": "upcoming_events",
                "value": {"heading": "Prossimi", "count": 12, "kind": "", "index": None},
            }
        ]
    )
    home.save_revision().publish()
    make_event(index, "Uno", start=soon(1), recurrence_rule="FREQ=DAILY;COUNT=3")
    feed_small, block_small = (
        count_queries(client, index.url + "ical/"),
        count_queries(client, "/it/"),
    )
    for number in range(3):
        make_event(
            index,
            f"Altro {number}",
            start=soon(2, 12 + number),
            recurrence_rule="FREQ=DAILY;COUNT=20",
        )
    assert count_queries(client, index.url + "ical/") == feed_small
    assert count_queries(client, "/it/") == block_small


# -- Upcoming events block ------------------------------------------------------------------


def test_upcoming_events_block_shows_next_events_of_a_kind(client, index, programme):
    home = index.get_parent().specific
    home.body = json.dumps(
        [
            {
                "type": "upcoming_events",
                "value": {"heading": "Prossimi eventi", "count": 2, "kind": "", "index": index.pk},
            },
            {
                "type": "upcoming_events",
                "value": {"heading": "Formazioni", "count": 3, "kind": "training", "index": None},
            },
        ]
    )
    home.save_revision().publish()
    html = client.get(home.url).content.decode()
    first, second = html.split('id="cm-upcoming-formazioni"')
    assert "Incontro Milano" in first and "Webinar" in first
    assert "Formazione Parma" not in first  # only the next two
    assert "Formazione Parma" in second and "Webinar" not in second
    assert f'href="{index.url}"' in first


def test_block_in_other_page_and_empty_state(client):
    home = NetworkPage(title="Casa", slug="casa")
    from .factories import make_site_root

    home = make_site_root(NetworkPage, title="Casa", slug="casa")
    page = add_child(home, NetworkPage, title="Info")
    page.body = json.dumps(
        [
            {
                "type": "upcoming_events",
                "value": {"heading": "", "count": 3, "kind": "", "index": None},
            }
        ]
    )
    page.save_revision().publish()
    assert "No upcoming events at the moment." in client.get(page.url).content.decode()


# -- Settings -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0, -5, "365", True, 1.5, 100000])
def test_horizon_setting_is_checked(value):
    with override_settings(WAGTAIL_COMMUNITY_MATCHING={"EVENT_RECURRENCE_HORIZON_DAYS": value}):
        ids = [error.id for error in check_settings()]
    assert "wagtail_community_matching.E040" in ids


def test_default_horizon_passes_the_checks():
    with override_settings(WAGTAIL_COMMUNITY_MATCHING={"EVENT_RECURRENCE_HORIZON_DAYS": 90}):
        assert check_settings() == []


# -- Organiser ----------------------------------------------------------------------------


def jsonld_of(client, page):
    html = client.get(page.url).content.decode()
    return html, json.loads(
        html.split('<script type="application/ld+json">')[1].split("</script>")[0]
    )


def test_organiser_member_is_shown_only_while_public(client, index):
    from .member_factories import make_member

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
