"""schema.org structured data (JSON-LD) for the package's pages.

Build the data with a ``*_jsonld`` / ``*_json_ld`` function and print it with
:func:`jsonld_script` (or, in templates, the ``cm_jsonld_script`` filter or the
``cm_json_ld`` tag of ``community_matching_tags``), which escapes it so that no
value can close the ``<script>`` element.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, Protocol

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

SCHEMA_CONTEXT = "https://schema.org"

# The same escapes as django.utils.html.json_script: "<", ">" and "&" written as
# JSON unicode escapes cannot start "</script>" or "<!--", and parse back unchanged.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def jsonld_script(data: dict[str, Any]) -> SafeString:
    """``<script type="application/ld+json">`` holding ``data``, escaped for HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text),  # noqa: S308 - escaped above
    )


# -- FAQ ----------------------------------------------------------------------------------


class FAQQuestionLike(Protocol):
    question: str
    answer_html: str
    anchor: str


def faq_page_jsonld(
    questions: Iterable[FAQQuestionLike],
    *,
    name: str = "",
    url: str = "",
    language: str = "",
) -> dict[str, Any]:
    """A schema.org ``FAQPage`` with one ``Question`` / ``acceptedAnswer`` per question.

    ``questions`` are the questions shown on the page, in order (objects with
    ``question``, ``answer_html`` and ``anchor``, such as
    :class:`~wagtail_community_matching.faq_questions.FAQQuestion`). Answers are
    given as HTML text, as schema.org allows. ``url`` is the page's full URL; each
    question then gets its own ``url`` with its anchor.
    """
    data: dict[str, Any] = {"@context": SCHEMA_CONTEXT, "@type": "FAQPage"}
    if name:
        data["name"] = name
    if url:
        data["url"] = url
    if language:
        data["inLanguage"] = language
    entities = []
    for item in questions:
        entity: dict[str, Any] = {
            "@type": "Question",
            "name": item.question,
            "acceptedAnswer": {"@type": "Answer", "text": str(item.answer_html)},
        }
        if url and item.anchor:
            entity["url"] = f"{url}#{item.anchor}"
        entities.append(entity)
    data["mainEntity"] = entities
    return data


# -- Members ------------------------------------------------------------------------------


def member_json_ld(member, request, url: str, logo_filter: str = "max-480x480") -> dict:
    """An ``Organization`` (``GovernmentOrganization`` for public bodies) for ``member``.

    ``url`` is the absolute or site-relative URL of the member's page; logos are
    given as absolute URLs built from ``request``. Only the organisation's own
    public data is included: never a person's.
    """
    page_url = request.build_absolute_uri(url) if request is not None else url
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization" if member.is_public_body else "Organization",
        "@id": f"{page_url}#organization",
        "name": member.name,
        "url": member.website or page_url,
        "mainEntityOfPage": page_url,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": member.city,
            "addressCountry": member.country,
        },
    }
    if member.region:
        data["address"]["addressRegion"] = member.get_region_display()
    if member.description:
        data["description"] = member.description
    if member.email:
        data["email"] = member.email
    if member.phone:
        data["telephone"] = str(member.phone)
    if member.website and member.website != data["url"]:
        data["sameAs"] = [member.website]
    if member.logo_id and member.logo:
        from wagtail.images.shortcuts import get_rendition_or_not_found

        rendition = get_rendition_or_not_found(member.logo, logo_filter)
        data["logo"] = request.build_absolute_uri(rendition.url) if request else rendition.url
    if member.has_coordinates:
        data["location"] = {
            "@type": "Place",
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": float(member.latitude),
                "longitude": float(member.longitude),
            },
        }
    if request is not None:
        from .models.network import NetworkSettings

        network = NetworkSettings.for_request(request)
        if network.network_name:
            data["memberOf"] = {"@type": "Organization", "name": network.network_name}
    return data


SCHEMA_CONTEXT = "https://schema.org"

# -- Events -------------------------------------------------------------------------------

_EVENT_STATUS = {
    "scheduled": "EventScheduled",
    "cancelled": "EventCancelled",
    "postponed": "EventPostponed",
    "rescheduled": "EventRescheduled",
}
_ATTENDANCE_MODE = {
    "in_person": "OfflineEventAttendanceMode",
    "online": "OnlineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}
_AVAILABILITY = {
    "open": "InStock",
    "full": "SoldOut",
    "closed": "SoldOut",
    "not_yet_open": "PreOrder",
}


def _place(venue) -> dict[str, Any]:
    place: dict[str, Any] = {
        "@type": "Place",
        "name": venue.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": venue.address,
            "postalCode": venue.postal_code,
            "addressLocality": venue.city,
            "addressRegion": venue.region,
            "addressCountry": venue.country,
        },
    }
    place["address"] = {k: v for k, v in place["address"].items() if v}
    if venue.has_coordinates:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    return place


def event_jsonld(page, occurrence=None, request=None) -> dict[str, Any]:
    """schema.org ``Event`` of an event page, for ``occurrence`` (default: the next one).

    Dates carry their UTC offset in the event's zone (all-day events: plain dates).
    The online link appears only when the page shows it publicly; registration
    becomes an ``offers`` entry with its URL and availability.
    """
    occurrence = occurrence or page.next_occurrence()
    url = page.get_full_url(request) or ""
    data: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "Event",
        "name": page.title,
        "url": url,
        "eventStatus": f"{SCHEMA_CONTEXT}/{_EVENT_STATUS.get(page.status, 'EventScheduled')}",
        "eventAttendanceMode": f"{SCHEMA_CONTEXT}/{_ATTENDANCE_MODE[page.attendance_mode]}",
        "isAccessibleForFree": True,
    }
    if page.summary:
        data["description"] = page.summary
    if occurrence is not None:
        if occurrence.all_day:
            data["startDate"] = occurrence.local_start.date().isoformat()
            data["endDate"] = occurrence.last_day.isoformat()
        else:
            data["startDate"] = occurrence.local_start.isoformat()
            data["endDate"] = occurrence.local_end.isoformat()
    locations = []
    if page.venue is not None:
        locations.append(_place(page.venue))
    if page.attendance_mode != "in_person":
        locations.append({"@type": "VirtualLocation", "url": page.public_online_url or url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    member = page.public_organiser
    if member is not None:
        data["organizer"] = {
            "@type": "GovernmentOrganization" if member.is_public_body else "Organization",
            "name": member.name,
        }
        if member.website:
            data["organizer"]["url"] = member.website
    elif page.organiser_name:
        data["organizer"] = {"@type": "Organization", "name": page.organiser_name}
    if page.audience:
        data["audience"] = {"@type": "Audience", "audienceType": page.audience}
    registration_url = ""
    if page.registration_mode == "external":
        registration_url = page.registration_url
    elif page.registration_mode == "built_in" and url:
        registration_url = url + page.reverse_subpage("register")
    if registration_url:
        offer: dict[str, Any] = {"@type": "Offer", "url": registration_url, "price": 0}
        status = page.registration_status(occurrence) if occurrence is not None else ""
        if status:
            offer["availability"] = f"{SCHEMA_CONTEXT}/{_AVAILABILITY[status]}"
        if page.registration_opens:
            offer["validFrom"] = page.registration_opens.isoformat()
        data["offers"] = offer
    return data
