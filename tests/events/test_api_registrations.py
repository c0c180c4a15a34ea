"""Signing up for events through the JSON API: the form, capacity, waiting list, errors."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from django.core import mail

from wagtail_community_matching.models import Occurrence, Registration

from ..api_helpers import BASE, api_get, error_codes
from .factories import make_event, make_index, soon

pytestmark = pytest.mark.django_db

PERSON = {
    "name": "Marta Rossi",
    "email": "marta@example.org",
    "organisation": "Comune di Parma",
    "phone": "0521 123456",
    "consent": True,
}


@pytest.fixture
def training():
    return make_event(
        make_index(),
        "Formazione",
        start=soon(6),
        kind="training",
        registration_mode="built_in",
        capacity=1,
        waiting_list=True,
        registration_consent_text="Acconsento al trattamento dei dati per l'iscrizione.",
    )


@pytest.fixture
def sign_up(client, django_capture_on_commit_callbacks):
    def post(event, data, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                f"{BASE}events/{event.pk}/registrations/",
                json.dumps(data) if not isinstance(data, str) else data,
                content_type="application/json",
                **extra,
            )

    return post


def test_registration_form_definition(client, training):
    body = api_get(client, f"events/{training.pk}/registration/").json()
    assert body["status"] == "open" and body["honeypot_field"] == "website"
    fields = {field["name"]: field for field in body["fields"]}
    assert list(fields) == ["occurrence", "name", "email", "organisation", "phone", "consent"]
    occurrence = Occurrence.objects.get(page=training)
    assert [c["value"] for c in fields["occurrence"]["choices"]] == [str(occurrence.pk)]
    assert fields["consent"]["consent_text"].startswith("Acconsento")
    assert fields["phone"]["type"] == "phone" and fields["email"]["required"] is True
    assert body["submit_url"].endswith(f"/events/{training.pk}/registrations/")


def test_sign_up_then_waiting_list_then_duplicate(sign_up, training):
    occurrence = Occurrence.objects.get(page=training).pk
    first = sign_up(training, {**PERSON, "occurrence": occurrence})
    assert first.status_code == 201 and first.json()["status"] == "unconfirmed"
    held = datetime.fromisoformat(first.json()["held_until"])
    stored = Registration.objects.get(email="marta@example.org").held_until
    assert abs(held - stored).total_seconds() < 0.001  # JSON keeps milliseconds
    second = sign_up(training, {**PERSON, "email": "luca@example.org", "occurrence": occurrence})
    assert second.status_code == 201 and second.json()["status"] == "waitlisted"
    again = sign_up(training, {**PERSON, "occurrence": occurrence})
    assert again.status_code == 422 and error_codes(again) == {"__all__": ["duplicate"]}
    assert Registration.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["luca@example.org", "marta@example.org"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"email": "not-an-address"}, {"email": ["invalid"]}),
        ({"consent": False}, {"consent": ["required"]}),
        ({"occurrence": 999999}, {"occurrence": ["invalid_choice"]}),
        ({"phone": "12"}, {"phone": ["invalid"]}),
        ({"website": "http://spam.example"}, {"website": ["honeypot"]}),
    ],
)
def test_bad_answers_are_refused_by_field(sign_up, training, changes, expected):
    occurrence = Occurrence.objects.get(page=training).pk
    response = sign_up(training, {**PERSON, "occurrence": occurrence, **changes})
    assert response.status_code == 422 and error_codes(response) == expected
    assert not Registration.objects.exists()


def test_unreadable_bodies_and_events_without_a_form(client, sign_up, training):
    assert error_codes(sign_up(training, "[]")) == {"__all__": ["invalid_body"]}
    plain = make_event(training.get_parent().specific, "Incontro", start=soon(3))
    for path in (f"events/{plain.pk}/registration/", "events/999999/registration/"):
        response = api_get(client, path)
        assert response.status_code == 404 and error_codes(response) == {"__all__": ["not_found"]}
    assert sign_up(plain, PERSON).status_code == 404


@pytest.mark.parametrize("occurrence", ["own", 999999, None])
def test_closed_registration_is_refused(sign_up, training, occurrence):
    """Closed whatever the date sent: its own, one that does not exist, or none."""
    own = Occurrence.objects.get(page=training).pk
    training.status = "cancelled"
    training.save_revision().publish()
    data = {**PERSON, "occurrence": own if occurrence == "own" else occurrence}
    response = sign_up(training, {k: v for k, v in data.items() if v is not None})
    assert response.status_code == 422 and error_codes(response) == {"__all__": ["closed"]}


def test_a_full_date_without_waiting_list_is_full_not_closed(client, sign_up, training):
    """A single later request gets the documented ``full`` (it got ``closed`` before)."""
    training.waiting_list = False
    training.capacity = 1
    training.save_revision().publish()
    occurrence = Occurrence.objects.get(page=training).pk
    first = sign_up(training, {**PERSON, "occurrence": occurrence})
    assert first.status_code == 201
    later = sign_up(training, {**PERSON, "email": "altra@example.org", "occurrence": occurrence})
    assert later.status_code == 422 and error_codes(later) == {"__all__": ["full"]}
    without_date = sign_up(training, {**PERSON, "email": "terza@example.org"})
    assert error_codes(without_date) == {"__all__": ["full"]}
    form = api_get(client, f"events/{training.pk}/registration/").json()
    assert form["status"] == "full"


def test_a_full_date_with_a_waiting_list_still_takes_sign_ups(sign_up, training):
    training.waiting_list = True
    training.capacity = 1
    training.save_revision().publish()
    occurrence = Occurrence.objects.get(page=training).pk
    assert sign_up(training, {**PERSON, "occurrence": occurrence}).status_code == 201
    later = sign_up(training, {**PERSON, "email": "altra@example.org", "occurrence": occurrence})
    assert later.status_code == 201 and later.json()["status"] == "waitlisted"
