"""Places held until confirmed, released when not, and offered to the waiting list.

A sign-up for a date with a free place is ``unconfirmed``: it holds the place for
``EVENT_REGISTRATION_HOLD_HOURS`` (never past the start of the date) and its mail
carries a signed link to confirm it and one to cancel it. A hold that runs out frees
its place at once (:func:`~wagtail_community_matching.events.occurrences.holding_a_place`
no longer counts it); :func:`release` then marks it ``expired`` and offers every free
place to the first people on the waiting list, each by mail with the same two links.
A confirmed person who cancels frees a place the same way.

Every change happens under the lock of the occurrence row that :func:`register`
takes, so a freed place goes to the waiting list before anyone new.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail_community_matching.background import enqueue_on_commit
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.events.choices import RegistrantStatus
from wagtail_community_matching.events.occurrences import Occurrence, holding_a_place
from wagtail_community_matching.events.registrations import Registration
from wagtail_community_matching.events.tasks import send_registration_confirmation

#: What confirming or cancelling gave, by code: the page shows the message.
RESULTS = {
    "confirmed": _("Your place is confirmed."),
    "already_confirmed": _("Your place was already confirmed."),
    "cancelled": _("Your registration is cancelled. Thank you for letting us know."),
    "already_cancelled": _("This registration was already cancelled."),
    "expired": _(
        "The time to confirm has passed and your place was released: the date is now full. "
        "You can sign up again to join the waiting list."
    ),
    "waitlisted": _(
        "You are on the waiting list: there is no place to confirm yet. We will write to you "
        "if a place becomes free."
    ),
    "started": _("This date has started or is over: the registration can no longer change."),
}


def hold_until(occurrence: Occurrence, now: datetime) -> datetime:
    """When a place taken at ``now`` is released unless confirmed."""
    return min(now + timedelta(hours=cm_settings.EVENT_REGISTRATION_HOLD_HOURS), occurrence.start)


def release(event, occurrence: Occurrence, now: datetime) -> list[Registration]:
    """Expire the holds of ``occurrence`` that ran out, then offer its free places.

    The caller holds the occurrence's row lock. Returns the registrations offered a
    place; their mails are queued for after the commit.
    """
    occurrence.registrations.filter(
        status=RegistrantStatus.UNCONFIRMED, held_until__lte=now
    ).update(status=RegistrantStatus.EXPIRED)
    if event.capacity is None or occurrence.start <= now or occurrence.is_cancelled:
        return []
    free = event.capacity - occurrence.registrations.filter(holding_a_place("", now)).count()
    if free <= 0:
        return []
    waiting = occurrence.registrations.filter(status=RegistrantStatus.WAITLISTED)
    offered = list(waiting.order_by("created_at", "pk")[:free])
    until = hold_until(occurrence, now)
    for registration in offered:
        registration.status = RegistrantStatus.UNCONFIRMED
        registration.held_until = until
        registration.save(update_fields=["status", "held_until"])
        enqueue_on_commit(send_registration_confirmation, registration.pk, "offer")
    return offered


@dataclass(frozen=True)
class Result:
    """What :func:`confirm` or :func:`cancel` did, and the registration as it is now."""

    code: str
    registration: Registration

    @property
    def message(self) -> str:
        return str(RESULTS[self.code])


def _locked(registration: Registration) -> tuple[Occurrence, Registration]:
    occurrence = Occurrence.objects.select_for_update().get(pk=registration.occurrence_id)
    return occurrence, Registration.objects.select_for_update().get(pk=registration.pk)


def confirm(event, registration: Registration, now: datetime | None = None) -> Result:
    """Confirm the place that ``registration`` holds (or, once expired, one still free)."""
    now = now or timezone.now()
    with transaction.atomic():
        occurrence, locked = _locked(registration)
        release(event, occurrence, now)
        locked.refresh_from_db(fields=["status", "held_until"])
        if locked.status == RegistrantStatus.REGISTERED:
            return Result("already_confirmed", locked)
        if locked.status == RegistrantStatus.CANCELLED:
            return Result("already_cancelled", locked)
        if locked.status == RegistrantStatus.WAITLISTED:
            return Result("waitlisted", locked)
        if occurrence.start <= now or occurrence.is_cancelled:
            return Result("started", locked)
        if locked.status == RegistrantStatus.EXPIRED:
            taken = occurrence.registrations.filter(holding_a_place("", now)).count()
            if event.capacity is not None and taken >= event.capacity:
                return Result("expired", locked)
        locked.status = RegistrantStatus.REGISTERED
        locked.confirmed_at = now
        locked.held_until = None
        locked.save(update_fields=["status", "confirmed_at", "held_until"])
        enqueue_on_commit(send_registration_confirmation, locked.pk, "confirmed")
    return Result("confirmed", locked)


def cancel(event, registration: Registration, now: datetime | None = None) -> Result:
    """Cancel ``registration``; a place it held goes to the first on the waiting list."""
    now = now or timezone.now()
    with transaction.atomic():
        occurrence, locked = _locked(registration)
        if locked.status in (RegistrantStatus.CANCELLED, RegistrantStatus.EXPIRED):
            return Result("already_cancelled", locked)
        if occurrence.start <= now:
            return Result("started", locked)
        locked.status = RegistrantStatus.CANCELLED
        locked.held_until = None
        locked.save(update_fields=["status", "held_until"])
        release(event, occurrence, now)
    return Result("cancelled", locked)


def release_waiting(event, now: datetime | None = None) -> int:
    """Run :func:`release` on every upcoming date of ``event`` with people waiting.

    Called when the event is published: a larger capacity (or a date no longer full) frees
    places that nobody would offer until the next sign-up, confirmation or cancellation.
    Returns how many people were offered a place.
    """
    now = now or timezone.now()
    waiting = Registration.objects.filter(
        occurrence__page=event, status=RegistrantStatus.WAITLISTED
    )
    return _release_dates(waiting, now, event=event)


def release_all(now: datetime | None = None) -> int:
    """Run :func:`release` on every upcoming date with a hold that ran out.

    For a scheduled command (``release_event_places``): without it, a freed place is
    offered at the next sign-up, confirmation or cancellation of the same date.
    Returns how many people were offered a place.
    """
    now = now or timezone.now()
    ran_out = Registration.objects.filter(status=RegistrantStatus.UNCONFIRMED, held_until__lte=now)
    return _release_dates(ran_out, now)


def _release_dates(registrations, now: datetime, event=None) -> int:
    """Run :func:`release` on each upcoming date of ``registrations``, one lock at a time.

    ``event`` is the dates' page when they all have the same one (else each date's own).
    """
    ids = (
        registrations.filter(occurrence__start__gt=now)
        .values_list("occurrence_id", flat=True)
        .distinct()
    )
    dates = Occurrence.objects.select_for_update()
    if event is None:
        dates = dates.select_related("page")
    offered = 0
    for occurrence_id in list(ids):
        with transaction.atomic():
            occurrence = dates.get(pk=occurrence_id)
            offered += len(release(event or occurrence.page.specific, occurrence, now))
    return offered
