"""Template tags of the event templates: ``{% load community_matching_events %}``."""

from __future__ import annotations

from django import template

from wagtail_community_matching.events.choices import RegistrationStatus
from wagtail_community_matching.events.display import When, describe
from wagtail_community_matching.events.jsonld import event_jsonld
from wagtail_community_matching.text.jsonld import jsonld_script

register = template.Library()


@register.simple_tag
def cm_when(occurrence) -> When:
    """How ``occurrence`` reads in its event's time zone (text, zone, ISO values)."""
    return describe(occurrence)


@register.simple_tag
def cm_registration_status(event, occurrence) -> dict:
    """``{"code": ..., "label": ...}`` of registration for one occurrence ("" without)."""
    registered = getattr(occurrence, "registered", None)
    code = event.registration_status(occurrence, registered) if event is not None else ""
    return {"code": code, "label": RegistrationStatus(code).label if code else ""}


@register.simple_tag(takes_context=True)
def cm_event_jsonld(context, page, occurrence=None):
    """A ``<script type="application/ld+json">`` with the schema.org Event of ``page``."""
    return jsonld_script(event_jsonld(page, occurrence, context.get("request")))
