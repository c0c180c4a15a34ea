"""Routes and template context of an event page: the page, its iCalendar file and sign-up."""

from __future__ import annotations

from django.utils import timezone
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from wagtail_community_matching.events.choices import RegistrationStatus
from wagtail_community_matching.events.feed import event_validators
from wagtail_community_matching.events.ical import event_calendar, ical_response
from wagtail_community_matching.events.views import manage as manage_registration
from wagtail_community_matching.events.views import register, register_done
from wagtail_community_matching.http.conditional import serve_conditionally


class EventRoutesMixin(RoutablePageMixin):
    """Routes ``""``, ``ical/`` (the event as iCalendar), ``register/``, ``register/done/``,
    ``register/confirm/`` and ``register/cancel/``, and the page's template context.

    Composed by :class:`~.pages.EventPageMixin`; the context reads its dates
    (:class:`~.schedule.EventScheduleMixin`) and their sign-up state
    (:class:`~.sign_up.EventSignUpMixin`).
    """

    @path("")
    def event_view(self, request):
        return self.render(request)

    @path("ical/", name="ical")
    def ical_view(self, request):
        """The event as an ``.ics`` file, conditional (see :mod:`.feed`)."""
        language = self.locale.language_code
        etag, last_modified = event_validators(self, language, self.get_full_url(request))
        return serve_conditionally(
            request,
            etag=etag,
            last_modified=last_modified,
            respond=lambda: ical_response(event_calendar(self, request), f"{self.slug}.ics"),
        )

    @path("register/", name="register")
    def register_view(self, request):
        return register(request, self)

    @path("register/done/", name="register_done")
    def register_done_view(self, request):
        return register_done(request, self)

    @path("register/confirm/", name="register_confirm")
    def register_confirm_view(self, request):
        return manage_registration(request, self, "confirm")

    @path("register/cancel/", name="register_cancel")
    def register_cancel_view(self, request):
        return manage_registration(request, self, "cancel")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        occurrences = list(self.upcoming_occurrences.with_registered_count(now)[:12])
        # The date the page is about: the next one that takes place (a single date may
        # be cancelled while the event goes on).
        going_ahead = [o for o in occurrences if not o.is_cancelled]
        occurrence = (going_ahead or occurrences or [self.next_occurrence()])[0]
        if occurrence is None:  # a preview or a draft: nothing stored yet
            occurrences = self.unsaved_occurrences()[:12]
            occurrence = occurrences[0] if occurrences else None
        dates = [self.date_availability(o, now) for o in occurrences]
        url = self.get_url(request) or ""
        # What the event offers: its first date open to sign-up, else its next date.
        offer = next((d for d in dates if d["status"] == RegistrationStatus.OPEN), None)
        if offer is None and dates:
            offer = next((d for d in dates if not d["occurrence"].is_cancelled), dates[0])
        if offer is None and occurrence is not None:
            offer = self.date_availability(occurrence, now)
        status = offer["status"] if offer else ""
        context.update(
            occurrence=occurrence,
            upcoming_occurrences=occurrences,
            upcoming_dates=dates,
            offered_date=offer,
            registration_status=status,
            registration_status_label=RegistrationStatus(status).label if status else "",
            ical_url=url + self.reverse_subpage("ical") if url else "",
            register_url=url + self.reverse_subpage("register") if url else "",
        )
        return context
