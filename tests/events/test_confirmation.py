"""A sign-up holds a place until confirmed by mail, then releases it to the waiting list.

Confirm and cancel links are signed, bound to their action, their event and the
address; opening one changes nothing; a freed place goes to the first person waiting.
"""

from __future__ import annotations

from datetime import timedelta
from html import unescape

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from wagtail_community_matching.checks import check_settings
from wagtail_community_matching.events import booking, confirmation
from wagtail_community_matching.events.links import CANCEL, CONFIRM, action_url, make_token
from wagtail_community_matching.models import Occurrence, Registration

from ..conftest import it
from .factories import make_event, make_training, republish

pytestmark = pytest.mark.django_db

HOLD = timedelta(hours=24)
#: Queries of a confirm link's page (site, page, registration, settings, menus...).
QUERIES = 21


@pytest.fixture
def event(index):
    return make_training(index, capacity=1, waiting_list=True, title="Formazione Parma")


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run the mails queued on commit inside each block, as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def sign_up(event, email: str) -> Registration:
    occurrence = Occurrence.objects.get(page=event)
    outcome = booking.register(event, occurrence.pk, name="Persona", email=email, consent_text="ok")
    assert outcome.registration is not None, outcome.refusal
    return outcome.registration


def mails_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def link(message, label: str) -> str:
    return "http" + message.body.split(f"{label}: http", 1)[1].split()[0]


def test_a_held_place_counts_until_its_hold_ends_then_goes_to_the_waiting_list(
    event, run_on_commit
):
    with run_on_commit():
        first = sign_up(event, "prima@example.org")
        second = sign_up(event, "seconda@example.org")
        third = sign_up(event, "terza@example.org")
    assert (first.status, second.status, third.status) == (
        "unconfirmed",
        "waitlisted",
        "waitlisted",
    )
    assert abs(first.held_until - (timezone.now() + HOLD)) < timedelta(seconds=5)
    occurrence = Occurrence.objects.get(page=event)

    # One second before the end of the hold, the place is still taken.
    with run_on_commit():
        confirmation.release(event, occurrence, first.held_until - timedelta(seconds=1))
    assert Registration.objects.get(pk=first.pk).status == "unconfirmed"
    assert (
        Occurrence.objects.with_registered_count(first.held_until - timedelta(seconds=1))
        .get(pk=occurrence.pk)
        .registered
        == 1
    )
    assert (
        Occurrence.objects.with_registered_count(first.held_until).get(pk=occurrence.pk).registered
        == 0
    )  # a hold that ran out frees its place at once
    assert not mails_to("seconda@example.org")[1:]

    # At the end of the hold, it is released and the first person waiting is offered it.
    moment = first.held_until
    with run_on_commit():
        offered = confirmation.release(event, occurrence, moment)
    assert [r.pk for r in offered] == [second.pk]
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {
        "prima@example.org": "expired",
        "seconda@example.org": "unconfirmed",
        "terza@example.org": "waitlisted",
    }
    assert Registration.objects.get(pk=second.pk).held_until == moment + HOLD
    offer = mails_to("seconda@example.org")[-1]
    assert it("A place is free for you: %(title)s") % {"title": "Formazione Parma"} in offer.subject
    assert "/register/confirm/?token=" in link(offer, it("Confirm your place"))
    assert "/register/cancel/?token=" in offer.body


def test_a_hold_never_outlasts_the_start_and_follows_the_setting(index, event):
    soon = (timezone.now() + timedelta(hours=3)).replace(microsecond=0)
    tonight = make_event(
        index,
        "Stasera",
        start=soon,
        end=soon + timedelta(hours=1),
        registration_mode="built_in",
        capacity=5,
    )
    assert sign_up(tonight, "a@example.org").held_until == soon
    with override_settings(WAGTAIL_COMMUNITY_MATCHING={"EVENT_REGISTRATION_HOLD_HOURS": 2}):
        held = sign_up(tonight, "b@example.org").held_until
    assert timedelta(hours=2) - timedelta(seconds=5) < held - timezone.now() <= timedelta(hours=2)


def test_the_confirm_link_shows_a_button_and_only_the_button_confirms(
    client, event, run_on_commit, django_assert_num_queries
):
    with run_on_commit():
        registration = sign_up(event, "prima@example.org")
    url = link(mails_to("prima@example.org")[0], it("Confirm your place"))
    assert url.startswith("http://localhost/")  # the Site's root URL, not a request's host

    with django_assert_num_queries(QUERIES):
        page = client.get(url)
    assert page.status_code == 200
    assert it("Confirm my place") in page.content.decode()
    assert Registration.objects.get().status == "unconfirmed"  # mail scanners open links

    with run_on_commit():
        done = client.post(url)
    assert it("Your place is confirmed.") in done.content.decode()
    registration.refresh_from_db()
    assert registration.status == "registered" and registration.confirmed_at is not None
    assert registration.held_until is None
    assert it("Registration confirmed: %(title)s") % {"title": "Formazione Parma"} in (
        mails_to("prima@example.org")[-1].subject
    )
    again = client.post(url)
    assert it("Your place was already confirmed.") in again.content.decode()
    assert len(mails_to("prima@example.org")) == 2  # no second confirmation mail


@pytest.mark.parametrize(
    "tamper",
    [
        "wrong_action",
        "other_event",
        "address_changed",
        "altered",
        "empty",
        "not_a_token",
    ],
)
def test_a_link_works_only_for_its_action_event_and_address(client, index, event, tamper):
    registration = sign_up(event, "prima@example.org")
    other = make_event(
        index,
        "Altro evento",
        start=timezone.now() + timedelta(days=5),
        registration_mode="built_in",
        capacity=3,
    )
    url = action_url(registration, event, CONFIRM)
    token = url.split("token=")[1]
    if tamper == "wrong_action":
        token = make_token(registration, CANCEL)
    elif tamper == "other_event":
        url = action_url(registration, other, CONFIRM)
    elif tamper == "address_changed":
        Registration.objects.filter(pk=registration.pk).update(email="altra@example.org")
    elif tamper == "altered":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    elif tamper == "empty":
        token = ""
    elif tamper == "not_a_token":
        token = "%E2%80%AE;DROP"
    path = url.split("localhost", 1)[1].split("?")[0]
    response = client.post(f"{path}?token={token}")
    assert response.status_code == 400
    assert it("Registration link not valid") in response.content.decode()
    assert Registration.objects.get(pk=registration.pk).status == "unconfirmed"


def test_the_untampered_link_of_the_parametrised_test_works(client, event):
    registration = sign_up(event, "prima@example.org")
    path = action_url(registration, event, CONFIRM).split("localhost", 1)[1]
    assert client.post(path).status_code == 200
    assert Registration.objects.get().status == "registered"


def test_a_confirmed_person_who_cancels_frees_the_place_for_the_first_waiting(
    client, event, run_on_commit
):
    with run_on_commit():
        first = sign_up(event, "prima@example.org")
        second = sign_up(event, "seconda@example.org")
        third = sign_up(event, "terza@example.org")
    confirmation.confirm(event, first)
    cancel_url = link(
        mails_to("prima@example.org")[0],
        it("If you cannot come, cancel your registration so that someone else can have the place"),
    )
    assert client.get(cancel_url).status_code == 200
    assert Registration.objects.get(pk=first.pk).status == "registered"

    with run_on_commit():
        response = client.post(cancel_url)
    assert it("Your registration is cancelled. Thank you for letting us know.") in (
        response.content.decode()
    )
    assert Registration.objects.get(pk=first.pk).status == "cancelled"
    assert Registration.objects.get(pk=second.pk).status == "unconfirmed"
    assert Registration.objects.get(pk=third.pk).status == "waitlisted"
    offer = mails_to("seconda@example.org")[-1]
    assert it("A place is free for you: %(title)s") % {"title": "Formazione Parma"} in offer.subject
    assert not [m for m in mails_to("terza@example.org") if "confirm/" in m.body]

    # The second person confirms the offered place through the offer's link.
    with run_on_commit():
        client.post(link(offer, it("Confirm your place")))
    assert Registration.objects.get(pk=second.pk).status == "registered"
    again = client.post(cancel_url)
    assert it("This registration was already cancelled.") in again.content.decode()
    assert Registration.objects.get(pk=third.pk).status == "waitlisted"


def test_a_late_confirmation_takes_a_place_only_if_one_is_still_free(event):
    first = sign_up(event, "prima@example.org")
    later = first.held_until + timedelta(minutes=1)
    assert confirmation.confirm(event, first, now=later).code == "confirmed"  # nobody waiting

    confirmation.cancel(event, first)
    again = sign_up(event, "prima@example.org")  # a cancelled address may sign up again
    assert again.pk == first.pk and again.status == "unconfirmed"
    waiting = sign_up(event, "seconda@example.org")
    later = again.held_until + timedelta(minutes=1)
    result = confirmation.confirm(event, again, now=later)
    assert result.code == "expired"
    assert result.message == str(
        it(
            "The time to confirm has passed and your place was released: the date is now full. "
            "You can sign up again to join the waiting list."
        )
    )
    assert Registration.objects.get(pk=first.pk).status == "expired"
    assert Registration.objects.get(pk=waiting.pk).status == "unconfirmed"


def test_a_waiting_person_has_nothing_to_confirm_and_a_past_date_cannot_change(event):
    sign_up(event, "prima@example.org")
    waiting = sign_up(event, "seconda@example.org")
    assert confirmation.confirm(event, waiting).code == "waitlisted"
    start = Occurrence.objects.get(page=event).start
    assert confirmation.cancel(event, waiting, now=start).code == "started"
    assert confirmation.cancel(event, waiting, now=start - timedelta(seconds=1)).code == (
        "cancelled"
    )


def test_a_cancelled_address_signs_up_again_at_the_end_of_the_waiting_list(event):
    sign_up(event, "prima@example.org")
    early = sign_up(event, "seconda@example.org")
    sign_up(event, "terza@example.org")
    confirmation.cancel(event, early)
    back = sign_up(event, "Seconda+bis@Example.org")
    assert back.pk == early.pk and back.status == "waitlisted"
    assert list(
        Registration.objects.filter(status="waitlisted")
        .order_by("created_at", "pk")
        .values_list("email", flat=True)
    ) == ["terza@example.org", "Seconda+bis@Example.org"]
    duplicate = booking.register(
        event,
        Occurrence.objects.get(page=event).pk,
        name="Persona",
        email="seconda@example.org",
        consent_text="ok",
    )
    assert duplicate.refusal == "duplicate"


def test_the_release_command_offers_places_of_holds_that_ran_out(event, capsys, run_on_commit):
    first = sign_up(event, "prima@example.org")
    second = sign_up(event, "seconda@example.org")
    Registration.objects.filter(pk=first.pk).update(
        held_until=timezone.now() + timedelta(seconds=30)
    )
    call_command("release_event_places")
    assert "0 " in capsys.readouterr().out
    assert Registration.objects.get(pk=second.pk).status == "waitlisted"
    Registration.objects.filter(pk=first.pk).update(
        held_until=timezone.now() - timedelta(seconds=1)
    )
    with run_on_commit():
        call_command("release_event_places")
    assert "1 " in capsys.readouterr().out
    assert Registration.objects.get(pk=first.pk).status == "expired"
    assert Registration.objects.get(pk=second.pk).status == "unconfirmed"
    assert mails_to("seconda@example.org")[-1].subject.startswith(
        str(it("A place is free for you: %(title)s")).split(":")[0]
    )


def test_staff_see_every_status_and_filter_by_it(admin_client, event):
    sign_up(event, "prima@example.org")
    waiting = sign_up(event, "seconda@example.org")
    confirmation.cancel(event, waiting)
    sign_up(event, "terza@example.org")
    html = unescape(admin_client.get("/admin/event_registrations/").content.decode())
    for label in ("Not confirmed yet (place held)", "Cancelled", "On the waiting list"):
        assert it(label) in html
    filtered = admin_client.get("/admin/event_registrations/?status=unconfirmed")
    assert "prima@example.org" in filtered.content.decode()
    assert "terza@example.org" not in filtered.content.decode()


@pytest.mark.parametrize(
    ("value", "valid"),
    [(1, True), (336, True), (24, True), (0, False), (337, False), (True, False), ("24", False)],
)
def test_the_hold_setting_is_checked(settings, value, valid):
    settings.WAGTAIL_COMMUNITY_MATCHING = {"EVENT_REGISTRATION_HOLD_HOURS": value}
    assert ("wagtail_community_matching.E041" not in {e.id for e in check_settings()}) is valid


def test_a_larger_capacity_offers_the_new_places_to_the_first_waiting(event, run_on_commit):
    with run_on_commit():
        first = sign_up(event, "prima@example.org")
        second = sign_up(event, "seconda@example.org")
        third = sign_up(event, "terza@example.org")
        fourth = sign_up(event, "quarta@example.org")
    assert [r.status for r in (first, second, third, fourth)] == [
        "unconfirmed",
        "waitlisted",
        "waitlisted",
        "waitlisted",
    ]
    mail.outbox.clear()
    with run_on_commit():
        republish(event, title="Formazione Parma (aggiornata)")  # the same capacity
    assert Registration.objects.filter(status="waitlisted").count() == 3
    assert mail.outbox == []
    with run_on_commit():
        republish(event, capacity=3)  # two more places
    for registration in (first, second, third, fourth):
        registration.refresh_from_db()
    assert [r.status for r in (second, third, fourth)] == [
        "unconfirmed",
        "unconfirmed",
        "waitlisted",
    ]
    assert abs(second.held_until - (timezone.now() + HOLD)) < timedelta(seconds=5)
    assert {m.to[0] for m in mail.outbox} == {"seconda@example.org", "terza@example.org"}
