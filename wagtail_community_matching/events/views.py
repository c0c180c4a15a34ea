"""Sign up for an event: the form (``register/``) and its confirmation (``register/done/``).

Both are routes of :class:`~wagtail_community_matching.models.EventPageMixin`.
"""

from __future__ import annotations

from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_community_matching.events.booking import register as register_for_occurrence
from wagtail_community_matching.events.choices import RegistrationMode, RegistrationStatus
from wagtail_community_matching.events.display import describe
from wagtail_community_matching.events.forms import RegistrationForm
from wagtail_community_matching.events.registrations import Registration

SALT = "wagtail_community_matching.events.booking"
#: How long the confirmation link shown after signing up stays valid, in seconds.
TICKET_MAX_AGE = 60 * 60 * 24


def bookable_occurrences(event, now=None):
    """Upcoming occurrences of ``event`` with their registration status, soonest first."""
    now = now or timezone.now()
    occurrences = event.event_occurrences.upcoming(now).with_registered_count()[:50]
    return [
        (occurrence, event.registration_status(occurrence, occurrence.registered, now=now))
        for occurrence in occurrences
    ]


def _choice_label(occurrence, status) -> str:
    label = str(describe(occurrence))
    if status == RegistrationStatus.FULL:
        label = _("%(date)s (full: waiting list)") % {"date": label}
    return label


def offered_occurrences(event, rows=None) -> list:
    """``(occurrence, label)`` of the dates open to sign-up, or to the waiting list when full.

    ``rows`` are :func:`bookable_occurrences` when the caller has them already.
    """
    rows = bookable_occurrences(event) if rows is None else rows
    return [
        (occurrence, _choice_label(occurrence, status))
        for occurrence, status in rows
        if status == RegistrationStatus.OPEN
        or (status == RegistrationStatus.FULL and event.waiting_list)
    ]


def register_with_form(event, form):
    """Sign up the person of a valid :class:`RegistrationForm` (see ``registration.register``)."""
    data = form.cleaned_data
    return register_for_occurrence(
        event,
        data["occurrence"],
        name=data["name"],
        email=data["email"],
        organisation=data["organisation"],
        phone=data["phone"],
        consent_text=form.consent_text,
    )


def register(request, event):
    """Show the registration form of ``event`` and store a valid sign-up."""
    if event.registration_mode != RegistrationMode.BUILT_IN:
        raise Http404("This event has no registration form.")
    rows = bookable_occurrences(event)
    offered = offered_occurrences(event, rows)
    form_kwargs = {"occurrences": offered, "consent_text": event.registration_consent_text}
    status_code = 200
    if request.method == "POST" and offered:
        form = RegistrationForm(request.POST, **form_kwargs)
        if form.is_valid():
            outcome = register_with_form(event, form)
            if outcome.registration is not None:
                ticket = signing.dumps(outcome.registration.pk, salt=SALT)
                done = event.url + event.reverse_subpage("register_done")
                return HttpResponseRedirect(f"{done}?ticket={ticket}")
            form.add_error(None, outcome.message)
        status_code = 400
    else:
        form = RegistrationForm(**form_kwargs)
    closed_status = ""
    if not offered:
        closed_status = rows[0][1] if rows else RegistrationStatus.CLOSED
    response = event.render(
        request,
        template="wagtail_community_matching/event_registration.html",
        context_overrides={
            "form": form,
            "offered": offered,
            "closed_status": closed_status,
            "closed_label": RegistrationStatus(closed_status).label if closed_status else "",
        },
    )
    response.status_code = status_code
    return response


def register_done(request, event):
    """Confirm a sign-up: registered, or on the waiting list."""
    try:
        registration_id = signing.loads(
            request.GET.get("ticket", ""), salt=SALT, max_age=TICKET_MAX_AGE
        )
        registration = Registration.objects.select_related("occurrence").get(
            pk=registration_id, occurrence__page_id=event.pk
        )
    except (signing.BadSignature, Registration.DoesNotExist, TypeError, ValueError):
        registration = None
    response = event.render(
        request,
        template="wagtail_community_matching/event_registration_done.html",
        context_overrides={
            "registration": registration,
            "occurrence": registration.occurrence if registration else None,
        },
    )
    if registration is None:
        response.status_code = 400
    return response
