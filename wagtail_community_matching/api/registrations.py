"""``/events/{id}/registration/``: the sign-up form of an event with built-in registration,
and signing up for one of its dates.

The same form, capacity lock, waiting list and confirmation mail (after the commit)
as the event page's ``register/`` route. An address can sign up once per date, so a
retried request is answered ``duplicate`` instead of signing up twice.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django import forms
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from phonenumber_field.formfields import PhoneNumberField

from wagtail_community_matching.api.bodies import read_body, refuse, request_body_schema
from wagtail_community_matching.api.errors import (
    ALL,
    ApiError,
    ErrorOut,
    form_errors,
    json_response,
)
from wagtail_community_matching.api.events import get_event_page
from wagtail_community_matching.api.forms import FormFieldOut
from wagtail_community_matching.base import absolute_url
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.events.booking import (
    bookable_occurrences,
    offered_occurrences,
    register_with_form,
    unavailable,
)
from wagtail_community_matching.events.choices import (
    RegistrantStatus,
    RegistrationMode,
)
from wagtail_community_matching.events.forms import RegistrationForm
from wagtail_community_matching.ratelimit import Rate, client_ip

router = Router(tags=["events"])

HONEYPOT_FIELD = "website"


class RegistrationFormOut(Schema):
    event_id: int
    title: str
    #: Registration status of the next date: ``open``, ``full``, ``closed``, ``not_yet_open``.
    status: str
    #: The answers to send; ``occurrence`` offers the dates open to sign-up (or to the
    #: waiting list), none when registration is closed.
    fields: list[FormFieldOut]
    honeypot_field: str
    submit_url: str


class SignUpOut(Schema):
    #: ``unconfirmed`` (a place held until ``held_until``: the person confirms it through
    #: the link of the mail), or ``waitlisted`` when the date was full.
    status: Literal["unconfirmed", "waitlisted"]
    message: str
    held_until: datetime | None = Field(
        None, description="Until when the place is held unless confirmed (ISO 8601)."
    )


def _event_with_form(page_id: int):
    event = get_event_page(page_id)
    if event.registration_mode != RegistrationMode.BUILT_IN:
        raise ApiError.not_found(_("This event has no registration form."))
    return event


def _field_type(field) -> str:
    if isinstance(field, PhoneNumberField):
        return "phone"
    if isinstance(field, forms.BooleanField):
        return "consent"
    if isinstance(field, forms.EmailField):
        return "email"
    if isinstance(field, forms.ChoiceField):
        return "dropdown"
    return "singleline"


def _schema(form) -> list[dict]:
    schema = []
    for name, field in form.fields.items():
        if name == HONEYPOT_FIELD:
            continue
        kind = _field_type(field)
        schema.append(
            {
                "name": name,
                "type": kind,
                "label": str(field.label),
                "help_text": str(field.help_text or ""),
                "required": field.required,
                "choices": [{"value": str(v), "label": str(label)} for v, label in field.choices]
                if kind == "dropdown"
                else None,
                "max_length": getattr(field, "max_length", None),
                "accept": None,
                "max_bytes": None,
                "consent_text": form.consent_text if kind == "consent" else "",
            }
        )
    return schema


@router.get(
    "/events/{page_id}/registration/",
    response={200: RegistrationFormOut, 404: ErrorOut, 422: ErrorOut},
    summary="Get the registration form of an event",
    operation_id="get_registration_form",
)
def get_registration_form(request, page_id: int):
    """The fields to sign up for an event with built-in registration, and its dates."""
    event = _event_with_form(page_id)
    offered = offered_occurrences(event)
    form = RegistrationForm(occurrences=offered, consent_text=event.registration_consent_text)
    status = event.registration_status()
    return {
        "event_id": event.pk,
        "title": event.title,
        "status": status,
        "fields": _schema(form),
        "honeypot_field": HONEYPOT_FIELD,
        "submit_url": absolute_url(
            request, request.path.removesuffix("registration/") + "registrations/"
        ),
    }


@router.post(
    "/events/{page_id}/registrations/",
    response={
        201: SignUpOut,
        404: ErrorOut,
        413: ErrorOut,
        415: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    summary="Sign up for a date of an event",
    operation_id="register_for_event",
    openapi_extra={
        "requestBody": request_body_schema(
            "A sign-up for one date: the fields of `GET events/{page_id}/registration/`.",
            properties={
                "occurrence": {
                    "anyOf": [{"type": "integer"}, {"type": "string", "pattern": "^[0-9]+$"}],
                    "description": "The id of a date offered by the registration form.",
                },
                "name": {"type": "string", "minLength": 1, "maxLength": 200},
                "email": {"type": "string", "format": "email", "maxLength": 254},
                "organisation": {"type": "string", "maxLength": 255},
                "phone": {"type": "string", "maxLength": 40},
                "consent": {
                    "anyOf": [{"type": "boolean"}, {"type": "string"}],
                    "description": "true (or `on`): agreement to the consent text.",
                },
                "website": {"type": "string", "maxLength": 0, "description": "Leave empty."},
            },
            required=["occurrence", "name", "email", "consent"],
        )
    },
)
def register_for_event(request, page_id: int):
    """Sign up for one date; when it is full and the event has a waiting list, join that."""
    event = _event_with_form(page_id)
    data, _files = read_body(request)
    rows = bookable_occurrences(event)
    refused = unavailable(event, data.get("occurrence"), rows)
    if refused is not None:  # full, closed or not open yet: the same words as a race gives
        raise refuse(422, refused.refusal, refused.message)
    offered = offered_occurrences(event, rows)
    form = RegistrationForm(data, occurrences=offered, consent_text=event.registration_consent_text)
    if not form.is_valid():
        raise form_errors(form)
    outcome = register_with_form(event, form, client_ip=client_ip(request))
    if outcome.refusal == "rate_limited":
        seconds = Rate.parse(cm_settings.EVENT_SIGN_UP_RATE_LIMIT).seconds
        raise ApiError(
            429,
            {ALL: [{"code": "rate_limited", "message": outcome.message}]},
            {"Retry-After": str(seconds)},
        )
    if outcome.registration is None:
        raise refuse(422, outcome.refusal, outcome.message)
    registration = outcome.registration
    message = (
        _("You are on the waiting list: we will write to you if a place frees up.")
        if registration.status == RegistrantStatus.WAITLISTED
        else _(
            "A place is held for you: open the link in the mail we have sent to confirm it "
            "before it is released."
        )
    )
    return json_response(
        201,
        {"status": registration.status, "message": message, "held_until": registration.held_until},
    )
