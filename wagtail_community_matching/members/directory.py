"""The public member directory: filters read from GET parameters, search, facets, pages.

Used by ``MemberDirectoryPageMixin``, its GeoJSON view and the API v2 endpoint, so
the three always agree on what a filter means. Everything starts from a queryset of
public members (:meth:`MemberQuerySet.public`); nothing here can widen it.

Bad input never raises: an unknown value is dropped and explained in
:attr:`DirectoryQuery.messages`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from wagtail.images import get_image_model
from wagtail.models import Page

from wagtail_community_matching.base import feature_page_models
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.http.conditional import changed_at, make_etag
from wagtail_community_matching.members.choices import (
    SECTORS,
    MemberKind,
    ProgrammeStatus,
    kinds_of_sector,
)
from wagtail_community_matching.members.query import (
    CHANGES,
    LETTERS,
    MAX_QUERY_LENGTH,
    DirectoryQuery,
)
from wagtail_community_matching.members.search import search_members
from wagtail_community_matching.places.regions import region_choices, region_label

__all__ = [
    "MAX_QUERY_LENGTH",
    "DirectoryQuery",
    "MemberDirectory",
    "directory_page_for",
    "members_version",
    "search_members",
    "with_logos",
]


#: Prefix of the facet counts kept in Django's default cache.
ROWS_CACHE_PREFIX = "wagtail_community_matching:directory-rows:"
#: Seconds facet counts stay in the cache (their key changes whenever members do).
ROWS_CACHE_TIMEOUT = 24 * 60 * 60


def members_version() -> float:
    """A number that changes whenever a member is saved or deleted: the time members last
    changed, recorded for the member map (:data:`~.geojson.CHANGES`). Cached directory
    counts and fragments are kept under keys made with it."""
    return changed_at(CHANGES).timestamp()


def directory_page_for(locale_id):
    """The first live, public member directory page of a locale (specific), or ``None``.

    Blocks and the API use it to link members to their page in the directory.
    """
    page_models = feature_page_models("members")
    if not page_models:
        return None
    pages = Page.objects.live().public().type(*page_models).filter(locale_id=locale_id)
    return pages.order_by("path").specific().first()


def with_logos(queryset: QuerySet, *filter_specs: str) -> QuerySet:
    """``queryset`` with logos and their renditions for ``filter_specs`` prefetched."""
    renditions = (
        get_image_model().get_rendition_model().objects.filter(filter_spec__in=filter_specs)
    )
    return queryset.select_related("logo").prefetch_related(
        Prefetch("logo__renditions", queryset=renditions, to_attr="prefetched_renditions")
    )


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class FacetGroup:
    label: str
    options: list[FacetOption] = field(default_factory=list)


#: The "all" choice of each filter: words agree with the filter's noun in some languages
#: (Italian: "Regione: Tutte", "Stato del programma: Tutti").
ALL_LABELS = {
    "region": pgettext_lazy("all regions", "All"),
    "kind": pgettext_lazy("all types of organisation", "All"),
    "status": pgettext_lazy("all programme statuses", "All"),
}


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)
    groups: list[FacetGroup] = field(default_factory=list)

    @property
    def all_label(self) -> str:
        """The label of the choice that filters nothing out."""
        return str(ALL_LABELS.get(self.name, _("All")))


class CountedPaginator(Paginator):
    """A paginator told its count, which the facet query already gave."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.count = count


class MemberDirectory:
    """Filtered, searched and counted public members for one request.

    ``queryset`` must already hold only public members of one locale. Two queries,
    whatever the number of members, with or without ``q`` (the search is a subquery
    of both, see :func:`search_members`): one grouped count for every facet and the
    total, and the page of members (plus its logos when :meth:`get_page` is given
    filter specs).
    """

    def __init__(self, queryset: QuerySet, params, *, per_page: int = 24, cache_key: str = ""):
        self.query = DirectoryQuery(params)
        self.per_page = max(1, int(per_page))
        self.base = queryset
        self.searched = search_members(queryset, self.query.q) if self.query.q else queryset
        self.rows = self._facet_rows(cache_key)
        self._check_region()

    def _facet_rows(self, cache_key: str) -> list[dict]:
        """The grouped counts every facet, total and letter is added up from (one query).

        Without a search they do not depend on the filters: given a ``cache_key`` that
        names the members (see :func:`members_version`), they are kept in the cache and
        shared by every combination of filters and pages. Searches are always counted.
        """

        def count() -> list[dict]:
            return list(
                self.searched.order_by()
                .values("region", "kind", "status", "name_initial")
                .annotate(count=Count("pk"), located=Count("latitude"))
            )

        if self.query.q or not cache_key:
            return count()
        key = ROWS_CACHE_PREFIX + make_etag(cache_key).strip('"')
        rows = cache.get(key)
        if rows is None:
            rows = count()
            cache.set(key, rows, ROWS_CACHE_TIMEOUT)
        return rows

    @property
    def messages(self) -> list[str]:
        return self.query.messages

    def _check_region(self) -> None:
        region = self.query.region
        if not region:
            return
        known = {row["region"] for row in self.rows}
        known.update(code for code, _label in region_choices(cm_settings.DEFAULT_COUNTRY) or [])
        if region not in known:
            self.query.messages.append(
                _("No member is in a region called “%(region)s”: showing every region.")
                % {"region": region[:40]}
            )
            self.query.region = ""

    def _counts(self, key: str, skip: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for row in self.rows:
            if self.query.matches(row, skip=skip):
                counts[row[key]] = counts.get(row[key], 0) + row["count"]
        return counts

    @cached_property
    def total(self) -> int:
        """How many members pass every filter."""
        return sum(row["count"] for row in self.rows if self.query.matches(row))

    @cached_property
    def total_unfiltered(self) -> int:
        """How many members the search found, before the other filters."""
        return sum(row["count"] for row in self.rows)

    @cached_property
    def located_total(self) -> int:
        """How many members passing every filter have coordinates (for the map)."""
        return sum(row["located"] for row in self.rows if self.query.matches(row))

    @cached_property
    def facets(self) -> dict[str, Facet]:
        """Options and counts of each filter, counted with the other filters applied."""
        return {
            "region": self._region_facet(),
            "kind": self._kind_facet(),
            "status": self._status_facet(),
        }

    def _region_facet(self) -> Facet:
        counts = self._counts("region", "region")
        facet = Facet("region", _("Region"))
        values = {value for value, count in counts.items() if value and count}
        if self.query.region:
            values.add(self.query.region)
        options = [
            FacetOption(v, region_label(v), counts.get(v, 0), v == self.query.region)
            for v in values
        ]
        facet.options = sorted(options, key=lambda option: option.label.casefold())
        return facet

    def _kind_facet(self) -> Facet:
        counts = self._counts("kind", "kind")
        facet = Facet("kind", _("Type"))
        for sector, sector_label in SECTORS:
            kinds = kinds_of_sector(sector)
            group = FacetGroup(str(sector_label))
            total = sum(counts.get(kind, 0) for kind in kinds)
            if total or self.query.kind == sector:
                group.options.append(
                    FacetOption(
                        sector,
                        _("All: %(sector)s") % {"sector": sector_label},
                        total,
                        self.query.kind == sector,
                    )
                )
            for kind in kinds:
                count = counts.get(kind, 0)
                if count or self.query.kind == kind:
                    label = str(MemberKind(kind).label)
                    group.options.append(FacetOption(kind, label, count, self.query.kind == kind))
            if group.options:
                facet.groups.append(group)
                facet.options.extend(group.options)
        return facet

    def _status_facet(self) -> Facet:
        counts = self._counts("status", "status")
        facet = Facet("status", _("Programme status"))
        for status in ProgrammeStatus:
            count = counts.get(status.value, 0)
            if count or self.query.status == status.value:
                facet.options.append(
                    FacetOption(
                        status.value, str(status.label), count, self.query.status == status.value
                    )
                )
        return facet

    @cached_property
    def letters(self) -> list[FacetOption]:
        """The A-Z navigation: every letter with its count under the other filters."""
        counts = self._counts("name_initial", "letter")
        return [
            FacetOption(letter, letter, counts.get(letter, 0), letter == self.query.letter)
            for letter in LETTERS
        ]

    @cached_property
    def letter_links(self) -> list[dict]:
        """The A-Z navigation as links keeping the other filters (``query`` is a query string)."""
        return [
            {
                "letter": option.value,
                "count": option.count,
                "current": option.selected,
                "query": self.query.urlencode(letter=option.value, page=None),
            }
            for option in self.letters
        ]

    @cached_property
    def all_letters_query(self) -> str:
        return self.query.urlencode(letter=None, page=None)

    @cached_property
    def active_filters(self) -> list[dict]:
        """The filters in use, each with a label and a query string that removes it."""
        names = {
            "q": _("Search"),
            "region": _("Region"),
            "kind": _("Type"),
            "status": _("Programme status"),
            "letter": _("Initial"),
        }
        kinds = {**dict(MemberKind.choices), **dict(SECTORS)}
        values = {
            "q": lambda v: v,
            "region": region_label,
            "kind": lambda v: str(kinds.get(v, v)),
            "status": lambda v: str(ProgrammeStatus(v).label),
            "letter": lambda v: v,
        }
        return [
            {
                "name": name,
                "label": names[name],
                "value": values[name](value),
                "remove_query": self.query.urlencode(**{name: None, "page": None}),
            }
            for name, value in self.query.active.items()
        ]

    def members(self) -> QuerySet:
        """The members passing every filter, in A-Z order."""
        return self.query.filter(self.searched).order_by("name_initial", "name", "pk")

    def get_page(self, *logo_filter_specs: str) -> PaginatorPage:
        """The requested page; a page number that cannot be served is explained and replaced."""
        members = self.members().for_listing()
        if logo_filter_specs:
            members = with_logos(members, *logo_filter_specs)
        paginator = CountedPaginator(members, self.per_page, count=self.total)
        number, raw = 1, self.query.page
        if raw:
            try:
                number = int(raw)
            except ValueError:
                self.messages.append(
                    _("“%(page)s” is not a page number: showing the first page.")
                    % {"page": raw[:20]}
                )
                number = 1
            else:
                if number < 1:
                    self.messages.append(_("Pages start at 1: showing the first page."))
                    number = 1
                elif number > paginator.num_pages:
                    self.messages.append(
                        _("There is no page %(page)s: showing the last page, %(last)s.")
                        % {"page": number, "last": paginator.num_pages}
                    )
                    number = paginator.num_pages
        self.query.page = "" if number == 1 else str(number)
        return paginator.page(number)

    def page_query(self, number: int) -> str:
        """The query string of page ``number`` with the filters in use."""
        return self.query.urlencode(page=None if number == 1 else number)

    def page_links(self, page: PaginatorPage) -> list[dict]:
        """Numbered links around ``page``, keeping the filters; ``None`` numbers are gaps."""
        links = []
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=2):
            if number == page.paginator.ELLIPSIS:
                links.append({"number": None, "query": "", "current": False})
            else:
                links.append(
                    {
                        "number": number,
                        "query": self.page_query(number),
                        "current": number == page.number,
                    }
                )
        return links
