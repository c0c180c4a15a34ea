"""The member directory page: list, facets, search, map data and one page per member."""

from __future__ import annotations

import json

from django.apps import apps
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from wagtail_community_matching.base import (
    CommunityMatchingPageMixin,
    absolute_url,
    alternate_links,
    default_language_code,
)
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.http.conditional import cached_fragments, make_etag
from wagtail_community_matching.localize import SynchronisedFields
from wagtail_community_matching.members.directory import (
    MemberDirectory,
    members_version,
    with_logos,
)
from wagtail_community_matching.members.geojson import geojson_response
from wagtail_community_matching.members.jsonld import member_json_ld
from wagtail_community_matching.members.logos import CARD_LOGO_FILTER, DETAIL_LOGO_FILTER
from wagtail_community_matching.members.models import Member
from wagtail_community_matching.members.serializers import DirectoryMembersField, directory_members
from wagtail_community_matching.network.settings import NetworkSettings

#: Apps that ship Leaflet's static files, with the paths of its CSS and JavaScript.
LEAFLET_PROVIDERS = {
    "js_lib_leaflet": ("js_lib_leaflet/leaflet.css", "js_lib_leaflet/leaflet.js"),
    "leaflet": ("leaflet/leaflet.css", "leaflet/leaflet.js"),  # django-leaflet
}


def map_settings() -> dict | None:
    """Leaflet's files and the tile layer for the member map; ``None`` without Leaflet.

    Leaflet comes from django-js-lib-leaflet (the ``map`` extra) or, on sites that
    already use it, django-leaflet; the package never ships Leaflet itself.
    """
    for app, (css, js) in LEAFLET_PROVIDERS.items():
        if apps.is_installed(app):
            tiles = cm_settings.MAP_TILES
            options = {
                "attribution": tiles.get("ATTRIBUTION", ""),
                "maxZoom": tiles.get("MAX_ZOOM", 19),
            }
            return {
                "css": css,
                "js": js,
                "tile_url": tiles["URL"],
                "tile_options": json.dumps(options),
            }
    return None


class MemberDirectoryPageMixin(RoutablePageMixin, CommunityMatchingPageMixin):
    """The public directory of the network's members in the page's language.

    Lists live, listed members of the page's locale with search, filters by
    region, type, programme status and initial, counts per filter value, an
    optional map and a page per member at ``<page url>/<member slug>/``::

        class MemberDirectoryPage(MemberDirectoryPageMixin, Page):
            pass
    """

    community_matching_feature = "members"

    intro = models.TextField(
        verbose_name=_("introduction"),
        blank=True,
        help_text=_("A short paragraph shown above the directory."),
    )
    per_page = models.PositiveSmallIntegerField(
        verbose_name=_("members per page"),
        default=24,
        validators=[MinValueValidator(6), MaxValueValidator(100)],
    )
    show_map = models.BooleanField(
        verbose_name=_("show a map"),
        default=True,
        help_text=_(
            "Shows members with coordinates on a map above the list, when the site has the "
            "map extra installed."
        ),
    )

    #: wagtail-localize translates the introduction and copies the rest from the source page.
    override_translatable_fields = SynchronisedFields("per_page", "show_map")

    content_panels = [
        *CommunityMatchingPageMixin.content_panels,
        FieldPanel("intro"),
        FieldPanel("per_page"),
        FieldPanel("show_map"),
    ]

    search_fields = [*CommunityMatchingPageMixin.search_fields, index.SearchField("intro")]

    api_fields = [
        APIField("intro"),
        APIField("member_count"),
        APIField("members", serializer=DirectoryMembersField()),
    ]

    subpage_types: list[str] = []

    default_template = "wagtail_community_matching/member_directory_page.html"
    #: Template of a member's own page.
    member_template = "wagtail_community_matching/member_detail.html"
    #: Rendition of logos on the cards and on a member's page.
    card_logo_filter = CARD_LOGO_FILTER
    detail_logo_filter = DETAIL_LOGO_FILTER

    def get_members(self):
        """The public members of this page's locale: every view of the page starts here."""
        return Member.objects.public().in_locale(self.locale_id)

    def member_url(self, member, base_url: str | None = None) -> str:
        """The URL of ``member``'s page under this directory (``base_url``: this page's URL)."""
        base = base_url if base_url is not None else (self.get_url() or "")
        path = self.reverse_subpage("member", kwargs={"slug": member.slug})
        return base.rstrip("/") + "/" + path.lstrip("/")

    @property
    def member_count(self) -> int:
        """How many members the directory lists (API field)."""
        return self.get_members().count()

    @property
    def members(self) -> dict:
        """The members in the APIs, bounded whatever their number: ``count``, the first
        few A-Z in brief (``items``) and the ``listing_url`` of the paginated members
        endpoint (see :func:`~.serializers.directory_members`)."""
        return directory_members(self)

    def get_directory(self, request, *, version=None):
        """The :class:`~.directory.MemberDirectory` of ``request``.

        ``version`` (see :func:`~.directory.members_version`) lets it keep its counts in
        the cache.
        """
        cache_key = f"{version}:{self.pk}:{self.locale_id}" if version is not None else ""
        return MemberDirectory(
            self.get_members(), request.GET, per_page=self.per_page, cache_key=cache_key
        )

    def member_urls(self, base_url: str):
        """A function giving the URL of a member's page under this directory at
        ``base_url``: the route is reversed once, not once per member."""
        marker = "cm-member-slug"
        path = self.reverse_subpage("member", kwargs={"slug": marker})
        before, after = (base_url.rstrip("/") + "/" + path.lstrip("/")).rsplit(marker, 1)
        return lambda member: f"{before}{member.slug}{after}"

    def directory_cache_key(self, request, directory, directory_url: str, version) -> str:
        """The key the directory's results are cached under, or ``""`` when they must be
        rendered: searches (endless), previews, input that gave a message.

        It names everything the results show: the members (``version``), this page's
        content and address, the template, the language and the filters and page.
        """
        if directory.query.q or directory.messages or getattr(request, "is_preview", False):
            return ""
        return make_etag(
            "directory",
            version,
            self.pk,
            self.latest_revision_id,
            self.last_published_at,
            self.title,
            self.intro,
            self.per_page,
            self.show_map,
            directory_url,
            self.get_template(request),
            get_language(),
            directory.query.urlencode(),
        ).strip('"')

    def card_cache_key(self, request, version):
        """A function giving the key a member's card is cached under (``""``: rendered).

        Cards are the same in every list of this directory that shows them (pages, filters,
        searches), so each is rendered once per version of the members (``version``, which
        also changes when a logo's renditions are made) and language; never in a preview.
        """
        if getattr(request, "is_preview", False):
            return lambda member: ""
        parts = ("member-card", version, get_language(), self.card_logo_filter)
        return lambda member: make_etag(*parts, member.pk, member.detail_url).strip('"')

    @path("")
    def index_route(self, request, *args, **kwargs):
        version = members_version()
        directory = self.get_directory(request, version=version)
        members_page = directory.get_page(self.card_logo_filter)
        directory_url = self.get_url(request) or ""
        member_url = self.member_urls(directory_url)

        fragments = {}
        card_key = self.card_cache_key(request, version)

        def members():
            # Read only when the results are rendered, not when they come from the cache.
            members = list(members_page.object_list)
            for member in members:
                member.detail_url = member_url(member)
                member.card_cache_key = card_key(member)
            fragments.update(cached_fragments(m.card_cache_key for m in members))
            return members

        leaflet = map_settings() if self.show_map else None
        show_map = bool(leaflet) and directory.located_total > 0
        query = directory.query
        return self.render(
            request,
            context_overrides={
                "directory": directory,
                "directory_cache_key": self.directory_cache_key(
                    request, directory, directory_url, version
                ),
                "query": query,
                "members": SimpleLazyObject(members),
                "cm_fragments": fragments,
                "members_page": members_page,
                "page_links": directory.page_links(members_page),
                "previous_query": (
                    directory.page_query(members_page.previous_page_number())
                    if members_page.has_previous()
                    else ""
                ),
                "next_query": (
                    directory.page_query(members_page.next_page_number())
                    if members_page.has_next()
                    else ""
                ),
                "logo_filter": self.card_logo_filter,
                "map": leaflet if show_map else None,
                "geojson_url": directory_url.rstrip("/")
                + "/"
                + self.reverse_subpage("geojson").lstrip("/")
                + (f"?{query.urlencode(page=None)}" if query.active else ""),
            },
        )

    # Member slugs never start with "_" (see ``validate_member_slug``): no clash.
    @path("_map/", name="geojson")
    def geojson_view(self, request):
        """The members of the filtered directory that have coordinates, as GeoJSON
        (conditional and cached, see :mod:`.geojson`)."""
        return geojson_response(self, request)

    @path("<str:slug>/", name="member")
    def member_view(self, request, slug):
        """A member's own page; 404 unless the member is live, listed and in this locale."""
        members = with_logos(self.get_members(), self.detail_logo_filter)
        member = members.filter(slug=slug).first()
        if member is None:
            raise Http404(_("No member of this directory has this address."))
        directory_url = self.get_url(request) or ""
        member.detail_url = self.member_url(member, directory_url)
        translations = self.get_member_translations(request, member)
        return self.render(
            request,
            template=self.member_template,
            context_overrides={
                "member": member,
                "logo_filter": self.detail_logo_filter,
                "default_country": cm_settings.DEFAULT_COUNTRY,
                "member_translations": translations,
                # hreflang: the member's own page in each language, not a directory.
                "community_matching_alternates": alternate_links(
                    (link["language_code"], absolute_url(request, link["url"]))
                    for link in translations
                    if link["is_member_page"]
                ),
                "json_ld": member_json_ld(
                    member,
                    request,
                    member.detail_url,
                    self.detail_logo_filter,
                    network_name=NetworkSettings.for_request(request).network_name,
                ),
            },
        )

    def get_member_translations(self, request, member) -> list[dict]:
        """Links to ``member``'s page in the directory's other languages.

        Each directory lists the member in its language, else in the default language
        (:meth:`MemberQuerySet.in_locale`): the link goes to that row's page, or to the
        directory when the member has no public row there.
        """
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return []
        members = Member.objects.public().filter(translation_key=member.translation_key)
        members = members.select_related("locale").only("pk", "slug", "locale__language_code")
        by_code = {m.locale.language_code: m for m in members}
        default = by_code.get(default_language_code())
        pages = self.get_translations(inclusive=True).live().select_related("locale")
        links = []
        for page in pages.order_by("locale__language_code"):
            url = page.get_url(request)
            if not url:
                continue
            code = page.locale.language_code
            shown = by_code.get(code, default)
            if shown is not None:
                url = self.member_url(shown, url)
            try:
                name = get_language_info(code)["name_local"]
            except KeyError:
                name = code
            links.append(
                {
                    "language_code": code,
                    "language_name": name,
                    "url": url,
                    "is_current": page.pk == self.pk,
                    "is_member_page": shown is not None,
                }
            )
        return links

    class Meta:
        abstract = True
        verbose_name = _("member directory page")
        verbose_name_plural = _("member directory pages")
