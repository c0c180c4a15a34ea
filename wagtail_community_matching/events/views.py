"""Sign up for an event: the form (``register/``), the page after it (``register/done/``),
and the pages of the mail's signed links (``register/confirm/``, ``register/cancel/``).

All are routes of :class:`~wagtail_community_matching.models.EventPageMixin`.
"""

from __future__ import annotations

from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_community_matching.events.booking import (
    bookable_occurrences,
    offered_occurrences,
    register_with_form,
    waiting_list_ids,
)
from wagtail_community_matching.events.choices import (
    RegistrantStatus,
    RegistrationMode,
    RegistrationStatus,
)
from wagtail_community_matching.events.confirmation import cancel, confirm
from wagtail_community_matching.events.forms import RegistrationForm
from wagtail_community_matching.events.links import CANCEL, CONFIRM, make_token, read_token
from wagtail_community_matching.events.registrations import Registration
from wagtail_community_matching.http.cache_control import private_response
from wagtail_community_matching.http.request_limits import (
    BodyRefused,
    BodyTooBig,
    read_form_body,
    refused_form,
)
from wagtail_community_matching.ratelimit import client_ip

SALT = "wagtail_community_matching.events.booking"
#: How long the confirmation link shown after signing up stays valid, in seconds.
TICKET_MAX_AGE = 60 * 60 * 24


def _refusal_message(refused: BodyRefused) -> str:
    if isinstance(refused, BodyTooBig):
        return _("The form was not sent: it is too big (at most %(max)s).") % {
            "max": filesizeformat(refused.limit)
        }
    return _("The form could not be read. Please fill it in again and send it.")


def register(request, event):
    """Show the registration form of ``event`` and store a valid sign-up."""
    if event.registration_mode != RegistrationMode.BUILT_IN:
        raise Http404("This event has no registration form.")
    rows = bookable_occurrences(event)
    offered = offered_occurrences(event, rows)
    form_kwargs = {
        "occurrences": offered,
        "consent_text": event.registration_consent_text,
        "waiting_list": waiting_list_ids(rows),
    }
    status_code = 200
    refused = None
    if request.method == "POST" and offered:
        try:
            data, _files = read_form_body(request)
        except BodyRefused as error:
            refused = error
        if refused is not None:  # unread: the form is shown empty, with the reason
            form = refused_form(RegistrationForm(**form_kwargs), _refusal_message(refused))
            status_code = refused.status
        else:
            form = RegistrationForm(data, **form_kwargs)
        if refused is None and form.is_valid():
            outcome = register_with_form(event, form, client_ip=client_ip(request))
            if outcome.registration is not None:
                ticket = signing.dumps(outcome.registration.pk, salt=SALT)
                done = event.url + event.reverse_subpage("register_done")
                return HttpResponseRedirect(f"{done}?ticket={ticket}")
            form.add_error(None, outcome.message)
            status_code = 429 if outcome.refusal == "rate_limited" else 400
        elif refused is None:
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
    return private_response(response)  # one person's sign-up


#: Statuses from which each link's button still does something.
_ACTIONABLE = {
    CONFIRM: (RegistrantStatus.UNCONFIRMED, RegistrantStatus.EXPIRED),
    CANCEL: (
        RegistrantStatus.UNCONFIRMED,
        RegistrantStatus.REGISTERED,
        RegistrantStatus.WAITLISTED,
    ),
}


def manage(request, event, action: str):
    """The page of a mail's signed link: ``action`` is ``confirm`` or ``cancel``.

    Opening the link changes nothing (mail scanners open links too): the page shows
    the sign-up and a button, and the button's POST confirms or cancels.
    """
    registration = read_token(event, request.GET.get("token", ""), action)
    result = None
    status_code = 200 if registration is not None else 400
    error = ""
    if registration is not None and request.method == "POST":
        try:
            read_form_body(request)
        except BodyRefused as refused:
            error, status_code = _refusal_message(refused), refused.status
        else:
            result = (confirm if action == CONFIRM else cancel)(event, registration)
            registration = result.registration
    occurrence = registration.occurrence if registration is not None else None
    actionable = (
        registration is not None
        and registration.status in _ACTIONABLE[action]
        and occurrence.start > timezone.now()
    )
    cancel_url = ""
    if (
        registration is not None
        and action == CONFIRM
        and registration.status in _ACTIONABLE[CANCEL]
    ):
        route = event.reverse_subpage("register_cancel")
        cancel_url = f"{event.url}{route}?token={make_token(registration, CANCEL)}"
    response = event.render(
        request,
        template="wagtail_community_matching/event_registration_manage.html",
        context_overrides={
            "action": action,
            "registration": registration,
            "occurrence": occurrence,
            "result": result,
            "actionable": actionable,
            "form_error": error,
            "cancel_url": cancel_url,
        },
    )
    response.status_code = status_code
    return private_response(response)  # one person's sign-up, behind a signed link
