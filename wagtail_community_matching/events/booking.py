"""Built-in event registration: places never exceed capacity, then a waiting list.

:func:`register` locks the occurrence row (``SELECT ... FOR UPDATE``) inside a
transaction, releases the holds that ran out (their places go to the waiting list
first, :mod:`~wagtail_community_matching.events.confirmation`), counts the places
taken and stores the new sign-up as unconfirmed (holding a place until its person
confirms by mail) or waitlisted; the mail is sent after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from wagtail_community_matching.background import enqueue_on_commit
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.events.choices import (
    RegistrantStatus,
    RegistrationMode,
    RegistrationStatus,
)
from wagtail_community_matching.events.confirmation import hold_until, release
from wagtail_community_matching.events.display import describe
from wagtail_community_matching.events.occurrences import Occurrence
from wagtail_community_matching.events.registrations import Registration
from wagtail_community_matching.events.tasks import send_registration_confirmation
from wagtail_community_matching.ratelimit import Rate, hit
from wagtail_community_matching.text import mailbox_key

#: Why a sign-up was refused, by code.
REFUSALS = {
    "closed": _("Registration for this date is closed."),
    "not_yet_open": _("Registration for this date is not open yet."),
    "full": _("This date is full and has no waiting list."),
    "duplicate": _("This email address is already registered for this date."),
    "unknown_date": _("Choose one of the dates offered."),
    "rate_limited": _(
        "Too many sign-ups for this event were sent from your connection. Please try again "
        "later, or write to us."
    ),
}


#: Sign-ups that no longer count: the same address may sign up again.
_ENDED = (RegistrantStatus.CANCELLED, RegistrantStatus.EXPIRED)


@dataclass(frozen=True)
class Outcome:
    """The result of :func:`register`: a stored registration or a refusal code."""

    registration: Registration | None = None
    refusal: str = ""

    @property
    def message(self) -> str:
        return str(REFUSALS.get(self.refusal, ""))


def register(
    event,
    occurrence_id: int,
    *,
    name: str,
    email: str,
    organisation: str = "",
    phone="",
    consent_text: str,
) -> Outcome:
    """Sign ``email`` up for an occurrence of ``event`` (a live event page)."""
    if event.registration_mode != RegistrationMode.BUILT_IN:
        return Outcome(refusal="closed")
    try:
        with transaction.atomic():
            occurrence = (
                Occurrence.objects.select_for_update()
                .filter(pk=occurrence_id, page_id=event.pk)
                .first()
            )
            if occurrence is None:
                return Outcome(refusal="unknown_date")
            now = timezone.now()
            release(event, occurrence, now)
            registered = occurrence.registered_count(now)
            status = event.registration_status(occurrence, registered, now=now)
            if status in (RegistrationStatus.CLOSED, RegistrationStatus.NOT_YET_OPEN):
                return Outcome(refusal=status)
            if status == RegistrationStatus.FULL and not event.waiting_list:
                return Outcome(refusal="full")
            earlier = occurrence.registrations.filter(email_key=mailbox_key(email)).first()
            if earlier is not None and earlier.status not in _ENDED:
                return Outcome(refusal="duplicate")
            full = status == RegistrationStatus.FULL
            # A cancelled or expired sign-up of the same address is replaced, not added.
            registration = earlier or Registration(occurrence=occurrence)
            registration.name = name
            registration.email = email
            registration.organisation = organisation
            registration.phone = phone or ""
            registration.consent_text = consent_text
            registration.language = get_language() or ""
            registration.status = (
                RegistrantStatus.WAITLISTED if full else RegistrantStatus.UNCONFIRMED
            )
            registration.held_until = None if full else hold_until(occurrence, now)
            registration.confirmed_at = None
            registration.created_at = now  # the end of the waiting list, like anyone new
            registration.save()
            enqueue_on_commit(send_registration_confirmation, registration.pk, "sign_up")
    except IntegrityError:  # the same address sent twice at the same moment
        return Outcome(refusal="duplicate")
    return Outcome(registration=registration)


def bookable_occurrences(event, now=None):
    """Upcoming occurrences of ``event`` with their registration status, soonest first."""
    now = now or timezone.now()
    occurrences = event.event_occurrences.upcoming(now).with_registered_count()[:50]
    return [
        (occurrence, event.registration_status(occurrence, occurrence.registered, now=now))
        for occurrence in occurrences
    ]


def places_left(event, occurrence) -> int | None:
    """Places still free on ``occurrence`` (its ``registered`` annotation when present);
    ``None`` when the event has no limit or no registration on this site."""
    if event.capacity is None or event.registration_mode != RegistrationMode.BUILT_IN:
        return None
    return max(event.capacity - occurrence.registered_count(), 0)


def availability(event, occurrence, status: str) -> str:
    """What one date offers, in a few words: "2 places left", "full: waiting list"...

    "" for an open date without a limit, and without registration on the site.
    """
    if not status:
        return ""
    if occurrence.is_cancelled:
        return str(_("cancelled"))
    if status == RegistrationStatus.FULL:
        return str(_("full: waiting list") if event.waiting_list else _("full"))
    if status == RegistrationStatus.OPEN:
        left = places_left(event, occurrence)
        if left is None:
            return ""
        return ngettext("%(count)s place left", "%(count)s places left", left) % {"count": left}
    return str(RegistrationStatus(status).label)


def _choice_label(event, occurrence, status) -> str:
    label = str(describe(occurrence))
    if status == RegistrationStatus.FULL and event.waiting_list:
        return _("%(date)s (full: waiting list)") % {"date": label}
    state = availability(event, occurrence, status)
    return (
        _("%(date)s (%(availability)s)") % {"date": label, "availability": state}
        if state
        else label
    )


def offered_occurrences(event, rows=None) -> list:
    """``(occurrence, label)`` of the dates open to sign-up, or to the waiting list when full.

    ``rows`` are :func:`bookable_occurrences` when the caller has them already.
    """
    rows = bookable_occurrences(event) if rows is None else rows
    return [
        (occurrence, _choice_label(event, occurrence, status))
        for occurrence, status in rows
        if status == RegistrationStatus.OPEN
        or (status == RegistrationStatus.FULL and event.waiting_list)
    ]


def waiting_list_ids(rows) -> set[int]:
    """Ids of the dates of :func:`bookable_occurrences` rows where a sign-up joins the
    waiting list."""
    return {occurrence.pk for occurrence, status in rows if status == RegistrationStatus.FULL}


#: Rate limit scope of sign-ups, counted per client address and event.
SIGN_UP_SCOPE = "event-sign-up"


def register_with_form(event, form, *, client_ip: str):
    """Sign up the person of a valid :class:`RegistrationForm` (see :func:`register`).

    At most ``EVENT_SIGN_UP_RATE_LIMIT`` sign-ups per client address and event, so one
    client cannot take every place and the waiting list.
    """
    rate = Rate.parse(cm_settings.EVENT_SIGN_UP_RATE_LIMIT)
    if not hit(f"{SIGN_UP_SCOPE}:{event.pk}", client_ip or "unknown", rate):
        return Outcome(refusal="rate_limited")
    data = form.cleaned_data
    return register(
        event,
        data["occurrence"],
        name=data["name"],
        email=data["email"],
        organisation=data["organisation"],
        phone=data["phone"],
        consent_text=form.consent_text,
    )


def unavailable(event, occurrence_id=None, rows=None) -> Outcome | None:
    """Why a sign-up for ``occurrence_id`` (or for any date) cannot be offered, or ``None``.

    ``full`` when the date (or the soonest date) is full and the event has no waiting
    list, ``closed`` / ``not_yet_open`` as the date's status says: the same answers as
    :func:`register` gives under concurrency. A date that is not upcoming is left to the
    form (an invalid choice) while other dates are offered. ``rows`` are
    :func:`bookable_occurrences` when the caller has them.
    """
    rows = bookable_occurrences(event) if rows is None else rows
    statuses = {str(occurrence.pk): status for occurrence, status in rows}
    status = statuses.get(str(occurrence_id)) if occurrence_id not in (None, "") else None
    if status is None:  # no date, or not an upcoming one: what the event offers at all
        if offered_occurrences(event, rows):
            return None  # the form explains an unknown date
        if not rows:
            return Outcome(refusal=RegistrationStatus.CLOSED)
        status = rows[0][1]
    if status == RegistrationStatus.FULL and not event.waiting_list:
        return Outcome(refusal="full")
    if status in (RegistrationStatus.CLOSED, RegistrationStatus.NOT_YET_OPEN):
        return Outcome(refusal=status)
    return None
