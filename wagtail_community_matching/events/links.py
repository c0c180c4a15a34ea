"""The signed links of registration mails: one to confirm a held place, one to cancel.

A token signs the registration, the action and a digest of the address with Django's
``SECRET_KEY``: it cannot be forged or guessed, a confirm link cannot cancel, and both
stop working if the address is corrected. They need no expiry of their own: what a
link may still do depends on the registration (a hold that ran out, a date that has
started), checked by :mod:`~wagtail_community_matching.events.confirmation`.
"""

from __future__ import annotations

from django.core import signing

from wagtail_community_matching.events.registrations import Registration
from wagtail_community_matching.text import address_digest

SALT = "wagtail_community_matching.events.confirmation"
CONFIRM = "confirm"
CANCEL = "cancel"


def make_token(registration: Registration, action: str) -> str:
    """The token of the ``action`` link (confirm or cancel) of ``registration``.

    It signs the registration, the action and a digest of the address: a confirm link
    cannot cancel, and both stop working if the address is corrected.
    """
    payload = {"r": registration.pk, "a": action, "e": address_digest(registration.email)}
    return signing.dumps(payload, salt=SALT)


def read_token(event, token: str, action: str) -> Registration | None:
    """The registration of ``event`` that ``token`` allows to ``action``, or ``None``."""
    try:
        payload = signing.loads(str(token)[:500], salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(payload, dict) or payload.get("a") != action:
        return None
    if not isinstance(payload.get("r"), int):
        return None
    registration = (
        Registration.objects.select_related("occurrence")
        .filter(pk=payload["r"], occurrence__page_id=event.pk)
        .first()
    )
    if registration is None or address_digest(registration.email) != payload.get("e"):
        return None
    return registration


def action_url(registration: Registration, event, action: str) -> str:
    """The absolute URL of the ``action`` link, from the Site's configured root URL."""
    route = event.reverse_subpage("register_confirm" if action == CONFIRM else "register_cancel")
    token = make_token(registration, action)
    return f"{event.get_full_url().rstrip('/')}/{route.lstrip('/')}?token={token}"
