"""schema.org ``Event`` structured data of event pages."""

from __future__ import annotations

from typing import Any

from wagtail.models import Site

from wagtail_community_matching.network.settings import NetworkSettings
from wagtail_community_matching.text.jsonld import SCHEMA_CONTEXT, organization

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


def network_organizer(page, request=None) -> dict[str, Any] | None:
    """The network as an ``Organization``, from the site's :class:`NetworkSettings`.

    Its name in the active language, the "Website" social link as its URL (else the
    site's root URL) and the contact address; ``None`` when the network has no name.
    """
    site = Site.find_for_request(request) if request is not None else None
    site = site or page.get_site()
    if site is None:
        return None
    network = NetworkSettings.for_request(request) if request is not None else None
    if network is None or network.site_id != site.pk:
        network = NetworkSettings.for_site(site)
    if not network.network_name:
        return None
    links = [(link.value["platform"], link.value["url"]) for link in network.social_links]
    website = next((url for platform, url in links if platform == "website"), "")
    data = organization(
        network.network_name,
        url=website or site.root_url.rstrip("/") + "/",
        email=network.contact_email,
    )
    profiles = [url for platform, url in links if platform != "website"]
    if profiles:
        data["sameAs"] = profiles
    return data


def event_jsonld(page, occurrence=None, request=None) -> dict[str, Any]:
    """schema.org ``Event`` of an event page, for ``occurrence`` (default: the next one).

    Dates carry their UTC offset in the event's zone (all-day events: plain dates).
    The online link appears only when the page shows it publicly; registration
    becomes an ``offers`` entry with its URL and availability. The organiser is the
    public member, else the organiser's name, else the network (the site's settings).
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
    else:
        network = network_organizer(page, request)
        if network is not None:
            data["organizer"] = network
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
