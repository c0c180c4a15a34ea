"""Sign-up state of an event page: its registration status and each date's places."""

from __future__ import annotations

from django.utils import timezone

from wagtail_community_matching.events.booking import availability, places_left
from wagtail_community_matching.events.choices import (
    EventStatus,
    RegistrationMode,
    RegistrationStatus,
)
from wagtail_community_matching.events.display import long_date

#: Statuses under which nobody can sign up.
_NO_SIGN_UP = (EventStatus.CANCELLED, EventStatus.POSTPONED)


class EventSignUpMixin:
    """Whether visitors can sign up for an event page, and where.

    Composed by :class:`~.pages.EventPageMixin`, whose fields (``registration_mode``,
    ``registration_opens``, ``registration_closes``, ``capacity``, ``status``) it reads.
    """

    def registration_status(self, occurrence=None, registered: int | None = None, now=None) -> str:
        """``open``, ``full``, ``closed`` or ``not_yet_open`` ("" without registration).

        ``occurrence`` defaults to the next one; ``registered`` to its count of
        confirmed registrants.
        """
        if self.registration_mode == RegistrationMode.NONE:
            return ""
        now = now or timezone.now()
        if occurrence is None:
            occurrence = self.next_occurrence()
        if occurrence is None or self.status in _NO_SIGN_UP or occurrence.is_cancelled:
            return RegistrationStatus.CLOSED
        if self.registration_opens and now < self.registration_opens:
            return RegistrationStatus.NOT_YET_OPEN
        closes = occurrence.start
        if self.registration_closes:
            closes = min(closes, self.registration_closes)
        if now >= closes:
            return RegistrationStatus.CLOSED
        if self.registration_mode == RegistrationMode.BUILT_IN and self.capacity is not None:
            if registered is None:
                registered = occurrence.registered_count()
            if registered >= self.capacity:
                return RegistrationStatus.FULL
        return RegistrationStatus.OPEN

    @property
    def public_registration_url(self) -> str:
        if self.registration_mode == RegistrationMode.EXTERNAL:
            return self.registration_url
        if self.registration_mode == RegistrationMode.BUILT_IN and self.url:
            return self.url + self.reverse_subpage("register")
        return ""

    def date_availability(self, occurrence, now=None) -> dict:
        """One date with its registration ``status``, ``places_left`` and ``availability``
        in words (see :func:`~.booking.availability`)."""
        registered = occurrence.registered_count(now)
        status = self.registration_status(occurrence, registered, now=now)
        occurrence.registered = registered
        return {
            "occurrence": occurrence,
            "status": status,
            "places_left": places_left(self, occurrence),
            "availability": availability(self, occurrence, status),
            "moved_from": (
                long_date(timezone.localtime(occurrence.original_start, occurrence.zone))
                if occurrence.is_moved
                else ""
            ),
        }
