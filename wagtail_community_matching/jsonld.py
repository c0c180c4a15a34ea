"""schema.org structured data (JSON-LD) for the package's public pages.

Builders return plain dicts; templates print them with the ``cm_json_ld`` tag of
``community_matching_tags``, which escapes them for a ``<script>`` element.
"""

from __future__ import annotations

import json

from django.utils.safestring import SafeString, mark_safe

_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    """``data`` as a ``<script type="application/ld+json">`` element, safe to embed."""
    text = json.dumps(data, ensure_ascii=False, default=str).translate(_SCRIPT_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


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
