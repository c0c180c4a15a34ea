"""Parallel sign-ups never exceed an occurrence's capacity (PostgreSQL row lock)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from wagtail_community_matching.events.booking import register
from wagtail_community_matching.models import Occurrence, Registration

from .factories import make_event, make_index

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgresql(
        "SQLite serialises every write, so it cannot show a race; the row lock "
        "(SELECT ... FOR UPDATE) is tested on PostgreSQL."
    ),
]

CAPACITY = 5
PEOPLE = 16


def test_parallel_sign_ups_fill_capacity_then_the_waiting_list(wagtail_bootstrap):
    start = (timezone.now() + timedelta(days=20)).replace(microsecond=0)
    event = make_event(
        make_index(),
        "Incontro collettivo",
        start=start,
        end=start + timedelta(hours=3),
        registration_mode="built_in",
        capacity=CAPACITY,
    )
    occurrence = Occurrence.objects.get(page=event)
    barrier = threading.Barrier(PEOPLE)
    outcomes, errors = [], []

    def sign_up(number: int) -> None:
        try:
            barrier.wait(timeout=30)
            outcome = register(
                event,
                occurrence.pk,
                name=f"Persona {number}",
                email=f"persona{number}@example.org",
                consent_text="ok",
            )
            outcomes.append(outcome.registration.status if outcome.registration else "refused")
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    assert sorted(outcomes).count("unconfirmed") == CAPACITY
    assert sorted(outcomes).count("waitlisted") == PEOPLE - CAPACITY
    assert Registration.objects.filter(status="unconfirmed").count() == CAPACITY
    assert Registration.objects.filter(status="waitlisted").count() == PEOPLE - CAPACITY
