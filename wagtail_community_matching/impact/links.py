"""Signed, expiring report links: how a member reaches its report form without an account.

A link is ``<impact page URL>report/<token>/``. The token names the member and
is signed with Django's ``TimestampSigner`` (so with ``SECRET_KEY``); it expires
``IMPACT_REPORT_LINK_MAX_AGE_DAYS`` days after it was made. Changing
``SECRET_KEY`` invalidates every link.
"""

from __future__ import annotations

import base64
import binascii
import datetime
from urllib.parse import urlencode

from django.core import signing
from wagtail.models import Page

from wagtail_community_matching.base import feature_page_models
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.members.models import Member

SALT = "wagtail_community_matching.impact.report-link"


class ReportLinkError(Exception):
    """A report token that cannot be used; ``expired`` tells why."""

    def __init__(self, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def make_token(member) -> str:
    """A signed token naming ``member``, valid for ``IMPACT_REPORT_LINK_MAX_AGE_DAYS``.

    The signed value is base64-encoded so the token is one path segment of
    letters, digits, ``-`` and ``_`` (what Wagtail's page URLs accept).
    """
    signed = _signer().sign(str(member.pk))
    return base64.urlsafe_b64encode(signed.encode()).decode().rstrip("=")


def _decode(token: str) -> str:
    token = str(token)
    if not token or len(token) > 200:
        raise ReportLinkError()
    try:
        return base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise ReportLinkError() from None


def read_token(token: str):
    """The member named by ``token``; ``ReportLinkError`` if it is tampered with or expired."""
    max_age = datetime.timedelta(days=cm_settings.IMPACT_REPORT_LINK_MAX_AGE_DAYS)
    try:
        value = _signer().unsign(_decode(token), max_age=max_age)
    except signing.SignatureExpired:
        raise ReportLinkError(expired=True) from None
    except signing.BadSignature:
        raise ReportLinkError() from None
    member = Member.objects.filter(pk=value).first() if value.isdigit() else None
    if member is None:
        raise ReportLinkError()
    return member


def impact_page_models() -> list:
    """Concrete page models built on ``ImpactPageMixin`` (default or the site's own)."""
    return feature_page_models("impact")


def find_impact_page(locale=None):
    """The first live impact page, in ``locale`` if there is one there."""
    models = impact_page_models()
    if not models:
        return None
    pages = Page.objects.live().type(*models).order_by("path")
    if locale is not None:
        page = pages.filter(locale=locale).first()
        if page is not None:
            return page.specific
    page = pages.first()
    return page.specific if page is not None else None


def report_url(member, page=None, period=None, request=None) -> str | None:
    """The absolute URL of ``member``'s report form, or ``None`` without a live impact page."""
    page = page or find_impact_page(getattr(member, "locale", None))
    if page is None:
        return None
    base = page.get_full_url(request=request)
    if not base:
        return None
    subpage = page.reverse_subpage("report_route", args=[make_token(member)])
    url = base.rstrip("/") + "/" + subpage.lstrip("/")
    if period is not None:
        url += "?" + urlencode({"period": period.key})
    return url
