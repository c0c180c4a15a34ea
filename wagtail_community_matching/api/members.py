"""``/members/``: the public member directory for headless front ends.

The same filters, search and facet counts as the directory page
(:class:`~wagtail_community_matching.members.directory.MemberDirectory`), over live and
listed members only. Logos come as renditions in several widths with a ready
``srcset``.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.renderers import JSONRenderer
from wagtail.models import Locale

from wagtail_community_matching.api.errors import ApiError, ErrorOut
from wagtail_community_matching.api.filters import (
    LocaleQuery,
    check_member_filters,
    locale_enum,
    locale_of,
)
from wagtail_community_matching.base import absolute_url
from wagtail_community_matching.http.conditional import cached_fragment, keep_fragment, make_etag
from wagtail_community_matching.members.choices import (
    SECTORS,
    MemberKind,
    MemberService,
    ProgrammeStatus,
)
from wagtail_community_matching.members.directory import (
    MemberDirectory,
    directory_page_for,
    members_version,
    with_logos,
)
from wagtail_community_matching.members.logos import RESPONSIVE_LOGO_FILTERS
from wagtail_community_matching.members.models import Member
from wagtail_community_matching.members.query import LETTERS
from wagtail_community_matching.places.regions import region_label

router = Router(tags=["members"])

#: The largest ``limit`` a list accepts.
MAX_LIMIT = 100
#: django-ninja's own JSON writer: lists kept in the cache are written with it.
JSON_RENDERER = JSONRenderer()
JSON_CONTENT_TYPE = f"{JSON_RENDERER.media_type}; charset={JSON_RENDERER.charset}"


class RenditionOut(Schema):
    filter_spec: str
    url: str
    width: int
    height: int


class LogoOut(Schema):
    alt: str
    #: The middle rendition, for ``src``.
    src: str
    width: int
    height: int
    #: ``"<url> 160w, <url> 320w, ..."``, for ``srcset``.
    srcset: str
    renditions: list[RenditionOut]


class MemberOut(Schema):
    id: int
    locale: str
    name: str
    slug: str
    kind: str
    kind_label: str
    sector: str
    status: str
    status_label: str
    city: str
    province: str
    region: str
    region_label: str
    country: str
    website: str
    email: str
    #: International (E.164) format, or "".
    phone: str
    description: str
    services: list[str]
    date_joined: date | None
    year_joined: int | None
    latitude: float | None
    longitude: float | None
    logo: LogoOut | None
    #: The member's page in the directory of its language, when there is one.
    html_url: str | None


class FacetOptionOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetOut(Schema):
    name: str
    label: str
    options: list[FacetOptionOut]


class MemberListOut(Schema):
    #: Members passing every filter (all pages).
    count: int
    limit: int
    offset: int
    #: ``region``, ``kind``, ``status`` and ``letter``, each counted with the other filters.
    facets: list[FacetOut]
    items: list[MemberOut]


def _one_of(values, description: str):
    """An optional text parameter whose allowed values the OpenAPI document lists ("": any)."""
    return Field(None, description=description, json_schema_extra={"enum": ["", *values]})


class MemberFilters(Schema):
    q: str | None = Field(None, description="Words of the name, city or description.")
    region: str | None = Field(None, description="A region code, such as `lombardia`.")
    kind: str | None = _one_of(
        [*MemberKind.values, *dict(SECTORS)], "A member kind, or a sector: `public`, `private`."
    )
    status: str | None = _one_of(ProgrammeStatus.values, "Programme status.")
    letter: str | None = _one_of(LETTERS, "Initial of the name, A-Z, or `#` for the others.")
    locale: str | None = Field(
        None,
        description="Language code; default the site's default.",
        json_schema_extra=locale_enum,
    )
    limit: int = Field(20, ge=1, le=MAX_LIMIT, description="Items per page.")
    offset: int = Field(0, ge=0, le=1_000_000, description="Items to skip.")


def _locale(code: str | None) -> Locale:
    return locale_of(code) or Locale.get_default()


def member_html_url(request, member) -> str | None:
    """The URL of ``member``'s page in the directory of its language (one lookup per locale)."""
    pages = request.__dict__.setdefault("_cm_directory_pages", {})
    # A member listed in a language it has no row of is shown in that language's directory.
    locale_id = getattr(member, "listed_locale_id", None) or member.locale_id
    if locale_id not in pages:
        page = directory_page_for(locale_id)
        base_url = page.get_full_url(request) if page else None
        # The member route is reversed once per directory, not once per member.
        pages[locale_id] = page.member_urls(base_url) if page and base_url else None
    member_url = pages[locale_id]
    return member_url(member) if member_url else None


def _logo(request, member) -> dict | None:
    image = member.logo
    if image is None:
        return None
    renditions = image.get_renditions(*RESPONSIVE_LOGO_FILTERS)
    items = [
        {
            "filter_spec": spec,
            "url": absolute_url(request, renditions[spec].url),
            "width": renditions[spec].width,
            "height": renditions[spec].height,
        }
        for spec in RESPONSIVE_LOGO_FILTERS
    ]
    middle = items[len(items) // 2]
    return {
        "alt": member.name,
        "src": middle["url"],
        "width": middle["width"],
        "height": middle["height"],
        # One candidate per width: a small original gives the same width more than once.
        "srcset": ", ".join(
            f"{item['url']} {item['width']}w"
            for index, item in enumerate(items)
            if item["width"] not in {other["width"] for other in items[:index]}
        ),
        "renditions": items,
    }


def member_data(request, member, language_code: str) -> dict:
    """The API item of a public ``member``."""
    return {
        "id": member.pk,
        "locale": language_code,
        "name": member.name,
        "slug": member.slug,
        "kind": member.kind,
        "kind_label": str(MemberKind(member.kind).label) if member.kind in MemberKind else "",
        "sector": member.sector,
        "status": member.status,
        "status_label": str(ProgrammeStatus(member.status).label)
        if member.status in ProgrammeStatus
        else "",
        "city": member.city,
        "province": member.province,
        "region": member.region,
        "region_label": region_label(member.region) if member.region else "",
        "country": member.country,
        "website": member.website,
        "email": member.email,
        "phone": member.phone.as_e164 if member.phone else "",
        "description": member.description,
        "services": [s for s in member.services or [] if s in MemberService.values],
        "date_joined": member.date_joined,
        "year_joined": member.year_joined,
        "latitude": float(member.latitude) if member.latitude is not None else None,
        "longitude": float(member.longitude) if member.longitude is not None else None,
        "logo": _logo(request, member),
        "html_url": member_html_url(request, member),
    }


def _options(options) -> list[dict]:
    return [
        {"value": o.value, "label": str(o.label), "count": o.count, "selected": o.selected}
        for o in options
    ]


@router.get(
    "/members/",
    response={200: MemberListOut, 422: ErrorOut},
    summary="List members",
    operation_id="list_members",
)
def list_members(request, filters: Query[MemberFilters]):
    """Live and listed members of one language, A-Z, with the directory's filters and facets."""
    params = filters.dict(exclude={"limit", "offset", "locale"}, exclude_none=True)
    check_member_filters(params)
    locale = _locale(filters.locale)
    version = members_version()
    key = _list_cache_key(request, filters, params, locale, version)
    body = cached_fragment(key)
    if body is not None:  # no query for the members, their logos and the facets
        return HttpResponse(body, content_type=JSON_CONTENT_TYPE)
    directory = MemberDirectory(
        Member.objects.public().in_locale(locale),
        params,
        cache_key=f"{version}:api:{locale.pk}",
    )
    if directory.messages:  # an unknown region: the only check that needs the members
        raise ApiError.invalid(
            "region",
            _("No member is in a region called “%(region)s”.") % {"region": params["region"][:40]},
            "unknown_region",
        )
    window = slice(filters.offset, filters.offset + filters.limit)
    members = with_logos(directory.members().for_listing(), *RESPONSIVE_LOGO_FILTERS)[window]
    facets = [
        {"name": facet.name, "label": str(facet.label), "options": _options(facet.options)}
        for facet in directory.facets.values()
    ]
    facets.append({"name": "letter", "label": "A-Z", "options": _options(directory.letters)})
    data = {
        "count": directory.total,
        "limit": filters.limit,
        "offset": filters.offset,
        "facets": facets,
        "items": [member_data(request, m, locale.language_code) for m in members],
    }
    if not key:
        return data
    # Validated and written as django-ninja would, once per version of the members.
    body = JSON_RENDERER.render(
        request, MemberListOut.model_validate(data).model_dump(), response_status=200
    )
    keep_fragment(key, body)
    return HttpResponse(body, content_type=JSON_CONTENT_TYPE)


def _list_cache_key(request, filters, params, locale, version) -> str:
    """The key a list is kept under until a member changes (``version``), per language,
    filters, window and address of the site; ``""`` for a search (endless: not kept)."""
    if params.get("q"):
        return ""
    return make_etag(
        "api-members",
        version,
        locale.pk,
        sorted(params.items()),
        filters.limit,
        filters.offset,
        request.scheme,
        request.get_host(),
    ).strip('"')


@router.get(
    "/members/{ref}/",
    response={200: MemberOut, 404: ErrorOut, 422: ErrorOut},
    summary="Get a member",
    operation_id="get_member",
)
def get_member(request, ref: str, query: Query[LocaleQuery]):
    """One live and listed member, by id or by slug (slugs are looked up in ``locale``)."""
    member = find_member(ref, query.locale)
    if member is None:
        raise ApiError.not_found(
            _("There is no published member %(ref)s.") % {"ref": repr(ref[:80])}
        )
    return member_data(request, member, query.locale or member.locale.language_code)


def find_member(ref: str, locale: str | None):
    """The public member ``ref`` names (an id, or a slug of ``locale``'s members), or
    ``None``: an id is looked up among every language's public members unless ``locale``
    is given; a slug only among those of ``locale`` (the default language without one)."""
    members = Member.objects.public()
    if ref.isdigit() and len(ref) < 19:
        members = members.in_locale(_locale(locale)) if locale else members
        members = members.filter(pk=int(ref))
    else:
        members = members.in_locale(_locale(locale)).filter(slug=ref[:255])
    members = with_logos(members.for_listing(), *RESPONSIVE_LOGO_FILTERS)
    return members.select_related("locale").first()
