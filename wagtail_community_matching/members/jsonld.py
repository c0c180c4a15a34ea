"""schema.org ``Organization`` structured data of member pages."""

from __future__ import annotations

from wagtail_community_matching.base import absolute_url
from wagtail_community_matching.members.logos import DETAIL_LOGO_FILTER, existing_rendition
from wagtail_community_matching.text.jsonld import SCHEMA_CONTEXT


def member_json_ld(
    member, request, url: str, logo_filter: str = DETAIL_LOGO_FILTER, network_name: str = ""
) -> dict:
    """An ``Organization`` (``GovernmentOrganization`` for public bodies) for ``member``.

    ``url`` is the absolute or site-relative URL of the member's page; logos are
    given as absolute URLs built from ``request``. Only the organisation's own
    public data is included: never a person's. ``network_name`` makes the member
    ``memberOf`` the network.
    """
    page_url = absolute_url(request, url)
    data = {
        "@context": SCHEMA_CONTEXT,
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
    rendition = existing_rendition(member.logo, logo_filter) if member.logo_id else None
    if rendition is not None:
        data["logo"] = absolute_url(request, rendition.url)
    if member.has_coordinates:
        data["location"] = {
            "@type": "Place",
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": float(member.latitude),
                "longitude": float(member.longitude),
            },
        }
    if network_name:
        data["memberOf"] = {"@type": "Organization", "name": network_name}
    return data
