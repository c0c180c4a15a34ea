"""Built-in event registration: form, capacity, waiting list, mail, admin export."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook

from wagtail_community_matching.events.booking import register
from wagtail_community_matching.events.tasks import send_registration_confirmation
from wagtail_community_matching.models import Occurrence, Registration

from ..conftest import it
from .factories import make_event, republish

pytestmark = pytest.mark.django_db


def day(days: int, hour: int = 10) -> str:
    return f"{(timezone.now() + timedelta(days=days)).date().isoformat()} {hour:02d}:00"


@pytest.fixture
def event(index):
    return make_event(
        index,
        "Formazione Parma",
        start=day(30),
        end=day(30, 16),
        attendance_mode="hybrid",
        online_url="https://meet.example/segreto",
        online_url_public=False,
        registration_mode="built_in",
        capacity=2,
    )


def sign_up(client, event, **overrides):
    occurrence = Occurrence.objects.filter(page=event).order_by("start").first()
    data = {
        "occurrence": occurrence.pk,
        "name": "Giulia Bianchi",
        "email": "Giulia@Example.org",
        "organisation": "Comune di Parma",
        "phone": "0521 123456",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return client.post(event.url + "register/", {k: v for k, v in data.items() if v is not None})


def test_register_then_see_the_confirmation_and_get_the_mail(
    client, event, django_capture_on_commit_callbacks
):
    page = client.get(event.url).content.decode()
    assert it("Registration open") in page and f'href="{event.url}register/"' in page
    form = client.get(event.url + "register/")
    assert form.status_code == 200
    assert 'autocomplete="email"' in form.content.decode()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = sign_up(client, event)
    assert response.status_code == 302
    queued = [
        c for c in callbacks if getattr(c, "args", ())[:1] == (send_registration_confirmation,)
    ]
    assert len(queued) == 1  # queued on the task backend once the sign-up commits
    registration = Registration.objects.get()
    assert registration.email == "giulia@example.org"
    assert str(registration.phone) == "+390521123456"
    assert registration.status == "unconfirmed"
    assert it("Privacy notice").lower() in registration.consent_text.lower()

    done = client.get(response["Location"])
    assert done.status_code == 200
    assert it("Check your email to confirm your place") in done.content.decode()

    (message,) = mail.outbox
    assert message.to == ["giulia@example.org"]
    assert "Formazione Parma" in message.subject
    assert "https://meet.example/segreto" not in message.body  # only once confirmed
    assert "Giulia" not in message.body  # nothing typed by the visitor is echoed
    assert "Europe/Rome" in message.body
    confirm_url = link_after(message.body, it("Confirm your place"))
    assert confirm_url.startswith(f"http://localhost{event.url}register/confirm/?token=")
    assert message.body.count("register/cancel/?token=") == 1

    # Opening the link changes nothing (mail scanners open links); the button confirms.
    page = client.get(confirm_url)
    assert page.status_code == 200 and it("Confirm my place") in page.content.decode()
    assert Registration.objects.get().status == "unconfirmed"
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(confirm_url)
    assert it("Your place is confirmed.") in confirmed.content.decode()
    assert Registration.objects.get().status == "registered"
    assert "https://meet.example/segreto" in mail.outbox[-1].body  # kept for registrants
    assert it("Registration confirmed: %(title)s").split(":")[0] in mail.outbox[-1].subject


def link_after(body: str, label: str) -> str:
    """The URL that follows ``label`` in a mail."""
    return "http" + body[body.index(label) :].split("http", 1)[1].split()[0]


def test_capacity_then_waiting_list_then_refusal(client, event, django_capture_on_commit_callbacks):
    for number in range(2):
        assert sign_up(client, event, email=f"p{number}@example.org").status_code == 302
    html = client.get(event.url).content.decode()
    assert it("Full") in html and it("Join the waiting list") in html

    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, event, email="late@example.org")
    assert response.status_code == 302
    late = Registration.objects.get(email="late@example.org")
    assert late.status == "waitlisted"
    assert it("You are on the waiting list") in client.get(response["Location"]).content.decode()
    assert "meet.example/segreto" not in mail.outbox[-1].body  # no link without a place
    waitlisted = it(
        'This date of "%(title)s" is full: you are on the waiting list. '
        "We will write to you if a place becomes free."
    )
    assert waitlisted.split(":")[1][:20] in mail.outbox[-1].body

    event = republish(event, waiting_list=False)
    response = client.get(event.url + "register/")
    assert "<form" not in response.content.decode()
    assert response.context["closed_status"] == "full"
    assert Registration.objects.count() == 3


def test_service_refuses_when_full_without_waiting_list(event):
    event = republish(event, waiting_list=False, capacity=1)
    occurrence = Occurrence.objects.get(page=event)
    first = register(event, occurrence.pk, name="A", email="a@example.org", consent_text="ok")
    # An Outcome is truthy even when it refuses: check what it carries.
    assert first.refusal == "" and first.registration.status == "unconfirmed"
    outcome = register(event, occurrence.pk, name="B", email="b@example.org", consent_text="ok")
    assert outcome.registration is None and outcome.refusal == "full"
    assert outcome.message == it("This date is full and has no waiting list.")


def test_same_address_cannot_register_twice(client, event):
    assert sign_up(client, event).status_code == 302
    response = sign_up(client, event, email="GIULIA@example.org")
    assert response.status_code == 400
    assert (
        it("This email address is already registered for this date.") in response.content.decode()
    )
    assert Registration.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"email": "not-an-address"}, "email"),
        ({"consent": None}, "consent"),
        ({"name": ""}, "name"),
        ({"phone": "12"}, "phone"),
        ({"website": "http://spam.example"}, "website"),
        ({"occurrence": "999999"}, "occurrence"),
        ({"occurrence": "abc"}, "occurrence"),
    ],
)
def test_bad_input_gets_field_errors_and_keeps_values(client, event, overrides, field):
    response = sign_up(client, event, **overrides)
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    html = response.content.decode()
    assert 'role="alert"' in html
    assert f'id="id_{field}_error"' in html or field in ("website", "occurrence")
    assert 'value="Comune di Parma"' in html  # typed values come back
    assert not Registration.objects.exists()


def test_registration_windows_and_statuses(client, index):
    future = make_event(
        index,
        "Non ancora",
        start=day(40),
        registration_mode="built_in",
        registration_opens=timezone.now() + timedelta(days=5),
    )
    closed = make_event(
        index,
        "Chiusa",
        start=day(40),
        registration_mode="built_in",
        registration_closes=timezone.now() - timedelta(hours=1),
    )
    cancelled = make_event(
        index, "Annullato", start=day(40), registration_mode="built_in", status="cancelled"
    )
    past = make_event(index, "Passato", start=day(-3), registration_mode="built_in")
    expected = {future: "not_yet_open", closed: "closed", cancelled: "closed", past: "closed"}
    for page, status in expected.items():
        response = client.get(page.url + "register/")
        assert response.status_code == 200
        assert "<form" not in response.content.decode()
        assert client.get(page.url).context["registration_status"] == status
        # A complete, valid sign-up (name, address, consent): refused only for the date.
        response = sign_up(client, page)
        assert response.status_code == 200
        assert "<form" not in response.content.decode()
    assert not Registration.objects.exists()
    outcome = register(
        future,
        Occurrence.objects.get(page=future).pk,
        name="x",
        email="x@example.org",
        consent_text="ok",
    )
    assert outcome.refusal == "not_yet_open"


def test_external_registration_links_out_and_has_no_form(client, index):
    page = make_event(
        index,
        "Esterna",
        start=day(10),
        registration_mode="external",
        registration_url="https://forms.example/iscrizione",
    )
    html = client.get(page.url).content.decode()
    assert 'href="https://forms.example/iscrizione"' in html
    assert client.get(page.url + "register/").status_code == 404
    none = make_event(index, "Libero", start=day(10))
    assert "Registration" not in client.get(none.url).content.decode()


def test_recurring_event_offers_each_open_date(client, index):
    page = make_event(
        index,
        "Supervisione",
        start=day(3, 18),
        end=day(3, 20),
        recurrence_rule="FREQ=WEEKLY;COUNT=3",
        registration_mode="built_in",
        capacity=1,
    )
    occurrences = list(Occurrence.objects.filter(page=page).order_by("start"))
    form = client.get(page.url + "register/").context["form"]
    assert [value for value, _label in form.fields["occurrence"].choices] == [
        o.pk for o in occurrences
    ]
    response = sign_up(client, page, occurrence=occurrences[1].pk)
    assert response.status_code == 302
    assert Registration.objects.get().occurrence == occurrences[1]
    labels = dict(client.get(page.url + "register/").context["form"].fields["occurrence"].choices)
    assert it("%(date)s (full: waiting list)") % {"date": ""} in labels[occurrences[1].pk]


@pytest.mark.parametrize("ticket", ["", "abc", "1", "x" * 500])
def test_confirmation_with_a_bad_ticket_is_a_clear_400(client, event, ticket):
    response = client.get(f"{event.url}register/done/?ticket={ticket}")
    assert response.status_code == 400
    assert it("Registration link not valid") in response.content.decode()


def test_ticket_of_another_event_is_refused(client, index, event):
    other = make_event(index, "Altro", start=day(12), registration_mode="built_in")
    response = sign_up(client, other)
    ticket = response["Location"].split("ticket=")[1]
    assert client.get(f"{event.url}register/done/?ticket={ticket}").status_code == 400


def test_a_failing_mail_server_loses_no_registration(
    client, event, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, event)
    assert response.status_code == 302
    assert Registration.objects.count() == 1


def test_api_v2_shows_registration_status_and_occurrences(client, event):
    data = client.get(f"/api/v2/pages/{event.pk}/").json()
    assert data["registration_status"] == "open"
    assert data["public_online_url"] == ""  # kept for registrants
    assert data["public_registration_url"].endswith("/register/")
    assert len(data["upcoming_occurrences"]) == 1
    assert data["venue"]["city"] == "Milano"
    for number in range(2):
        sign_up(client, event, email=f"p{number}@example.org")
    assert client.get(f"/api/v2/pages/{event.pk}/").json()["registration_status"] == "full"


# -- Admin --------------------------------------------------------------------------------


@pytest.fixture
def registrations(client, event):
    sign_up(client, event)
    sign_up(
        client,
        event,
        email="evil@example.org",
        name='=HYPERLINK("http://x")',
        organisation="+SUM(1,2)",
    )
    return Registration.objects.all()


def test_admin_lists_and_exports_registrations(client, admin_user, registrations):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_user)
    listing = client.get("/admin/event_registrations/")
    assert listing.status_code == 200
    assert "giulia@example.org" in listing.content.decode()

    xlsx = client.get("/admin/event_registrations/?export=xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][:4] == ("Event", "Date", "Name", "Email")
    assert {row[3] for row in rows[1:]} == {"giulia@example.org", "evil@example.org"}
    assert all(row[0] == "Formazione Parma" for row in rows[1:])

    response = client.get("/admin/event_registrations/?export=csv")
    text = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(text)))
    evil = next(row for row in rows if "evil@example.org" in row)
    assert evil[2] == '\'=HYPERLINK("http://x")'
    assert evil[4] == "'+SUM(1,2)"


def test_registrations_are_hidden_from_editors_without_permission(client, registrations):
    from django.contrib.auth.models import Group, Permission, User

    editor = User.objects.create_user("editor", password="x")
    group = Group.objects.create(name="Event test editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(group)
    client.force_login(editor)
    response = client.get("/admin/event_registrations/")
    assert response.status_code in (302, 403)
    assert "giulia@example.org" not in response.content.decode()
    assert client.get("/admin/event_registrations/?export=csv").status_code in (302, 403)
