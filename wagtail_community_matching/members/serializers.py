"""How the member directory page reads in Wagtail's APIs: a bounded ``members`` field.

A directory lists thousands of members; its page's API representation never lists them
all. It says how many there are, gives the first few (A-Z) in brief, and links to the
members endpoint that pages through them (``listing_url``).
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from rest_framework.fields import Field

from wagtail_community_matching.base import absolute_url
from wagtail_community_matching.members.directory import with_logos
from wagtail_community_matching.members.models import Member

#: How many members (the first, A-Z) the directory page's ``members`` API field carries.
API_MEMBERS_PREVIEW = 10
#: The URL name of the JSON API's member list, under ``build_api()``'s default namespace.
JSON_API_MEMBERS = "wagtail_community_matching_api:list_members"


def member_brief(page, member, base_url: str) -> dict:
    """A member in brief, with its page under the directory ``page`` (``base_url``)."""
    logo = None
    if member.logo:
        rendition = member.logo.get_rendition(page.card_logo_filter)
        logo = {"url": rendition.full_url, "width": rendition.width, "height": rendition.height}
    return {
        "id": member.pk,
        "name": member.name,
        "slug": member.slug,
        "url": page.member_url(member, base_url),
        "kind": member.kind,
        "sector": member.sector,
        "status": member.status,
        "city": member.city,
        "region": member.region,
        "country": member.country,
        "website": member.website,
        "logo": logo,
    }


def members_listing_path(router=None) -> str | None:
    """The path of the members endpoint: API v2's on ``router``, else the JSON API's."""
    if router is not None:
        path = router.get_model_listing_urlpath(Member)
        if path:
            return path
    try:
        return reverse(JSON_API_MEMBERS)
    except NoReverseMatch:
        return None


def directory_members(page, *, request=None, router=None) -> dict:
    """``count``, the first :data:`API_MEMBERS_PREVIEW` members A-Z (``items``) and the
    ``listing_url`` of the endpoint paging all of them in the page's language (or ``None``
    when the site mounts neither). Three queries: the count, the members, their logos."""
    members = page.get_members()
    base_url = page.get_full_url(request) or ""
    first = with_logos(members.order_by("name_initial", "name", "pk"), page.card_logo_filter)
    path = members_listing_path(router)
    listing_url = None
    if path:
        path = f"{path}?{urlencode({'locale': page.locale.language_code})}"
        site = page.get_site() if request is None else None
        listing_url = (
            absolute_url(request, path)
            if request is not None
            else (site.root_url.rstrip("/") + path if site else path)
        )
    return {
        "count": members.count(),
        "items": [member_brief(page, member, base_url) for member in first[:API_MEMBERS_PREVIEW]],
        "listing_url": listing_url,
    }


class DirectoryMembersField(Field):
    """The directory page's ``members`` API field (:func:`directory_members`); in API v2
    ``listing_url`` is the router's members endpoint when the site registers one."""

    def __init__(self, **kwargs):
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, page) -> dict:
        return directory_members(
            page, request=self.context.get("request"), router=self.context.get("router")
        )
