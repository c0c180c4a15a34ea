"""The URLs a change shows on, gathered in one :class:`Purge` per transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.urls import NoReverseMatch, reverse

from wagtail_community_matching.base import feature_page_models

#: URL namespaces of the package's JSON API (``build_api(urls_namespace=...)``).
JSON_API_NAMESPACES = ("wagtail_community_matching_api",)
#: URL namespaces of Wagtail API v2 routers that register the package's endpoints.
API_V2_NAMESPACES = ("wagtailapi",)
#: Result pages of a directory purged besides the first, when a member changes.
DIRECTORY_PAGES = 5
#: Home page blocks that show each kind of content.
HOME_BLOCKS = {
    "members": {"featured_members", "member_count"},
    "events": {"upcoming_events"},
    "impact": {"key_figures"},
    "faq": {"faq"},
}
#: Named routes of the package's pages that answer data (feeds, maps, CSV, lists).
FEED_ROUTES = ("geojson", "ical", "past", "csv_route")


def enabled() -> bool:
    """Whether purging can do anything: the app installed and a backend configured."""
    if not apps.is_installed("wagtail.contrib.frontend_cache"):
        return False
    from wagtail.contrib.frontend_cache.utils import get_backends

    return bool(get_backends())


class Purge:
    """The URLs to purge for the changes of one transaction (a ``PurgeBatch`` inside)."""

    def __init__(self) -> None:
        from wagtail.contrib.frontend_cache.utils import PurgeBatch

        self.batch = PurgeBatch()
        #: What was gathered already: ``("events",)``, ``("page", 12)``...
        self.done: set = set()
        self._sites = None
        #: Whether the batch went out (a test's captured callbacks stay in the list).
        self.sent = False

    @property
    def urls(self) -> set[str]:
        return self.batch.urls

    def once(self, key) -> bool:
        """``True`` the first time ``key`` is asked in this transaction."""
        if key in self.done:
            return False
        self.done.add(key)
        return True

    def __call__(self) -> None:
        """Send the batch (after the commit)."""
        self.sent = True
        if self.batch.urls:
            self.batch.purge()

    # -- building blocks ------------------------------------------------------------

    def sites(self) -> list:
        if self._sites is None:
            from wagtail.models import Site

            self._sites = list(Site.objects.order_by("pk"))
        return self._sites

    def add_site_paths(self, paths: Iterable[str]) -> None:
        """``paths`` (absolute paths such as ``/api/...``) on every site's host."""
        paths = list(paths)
        for site in self.sites():
            root = site.root_url.rstrip("/")
            self.batch.add_urls(root + path for path in paths)

    def page_url(self, page) -> str:
        return page.get_full_url(self.batch) or ""

    def add_page(self, page, *subpaths: str) -> str:
        """``page``'s URL, its feeds (:data:`FEED_ROUTES`), ``subpaths`` and its API v2 entry."""
        base = self.page_url(page)
        if not base:
            return ""
        base = base if base.endswith("/") else base + "/"
        self.batch.add_url(base)
        for name in FEED_ROUTES:
            route = _subpage(page, name)
            if route is not None:
                self.batch.add_url(base + route.lstrip("/"))
        self.batch.add_urls(base + subpath.lstrip("/") for subpath in subpaths)
        if self.once(("page-api", page.pk)):
            self.add_site_paths(_api_paths(API_V2_NAMESPACES, "pages:detail", pk=page.pk))
        return base

    def add_pages(self, pages, *subpaths: str) -> None:
        for page in pages:
            self.add_page(page, *subpaths)

    # -- what each kind of content shows on ------------------------------------------

    def add_home_pages(self, feature: str) -> None:
        """Live home (network) pages whose body has one of ``feature``'s blocks."""
        if not self.once(("home", feature)):
            return
        wanted = HOME_BLOCKS[feature]
        for page in live_pages("network"):
            body = getattr(page, "body", None)
            types = {block.get("type") for block in getattr(body, "raw_data", None) or []}
            if types & wanted:
                self.add_page(page)

    def add_sitemap(self) -> None:
        if self.once(("sitemap",)):
            self.add_site_paths(_sitemap_paths())

    def add_member(self, member) -> None:
        """A member's pages and every list it shows on."""
        if not self.once(("member", member.pk)):
            return
        filters = [
            f"?{name}={value}"
            for name, value in (
                ("region", member.region),
                ("kind", member.kind),
                ("status", member.status),
                ("letter", getattr(member, "name_initial", "")),
            )
            if value
        ]
        pages = [f"?page={number}" for number in range(2, DIRECTORY_PAGES + 2)]
        for directory in live_pages("members"):
            base = self.add_page(directory, *pages, *filters)
            if base and member.slug and directory.locale_id == member.locale_id:
                self.batch.add_url(base + _subpage(directory, "member", slug=member.slug))
        self.add_home_pages("members")
        if self.once(("impact-pages",)):
            self.add_pages(live_pages("impact"))
        for page in live_pages("events", organiser_id=member.pk):
            self.add_event(page)
        self.add_site_paths(_api_paths(JSON_API_NAMESPACES, "list_members"))
        self.add_site_paths(_api_paths(JSON_API_NAMESPACES, "get_member", ref=str(member.pk)))
        if member.slug:
            self.add_site_paths(_api_paths(JSON_API_NAMESPACES, "get_member", ref=member.slug))
        self.add_site_paths(_api_paths(API_V2_NAMESPACES, "members:listing"))
        self.add_site_paths(_api_paths(API_V2_NAMESPACES, "members:detail", pk=member.pk))
        self.add_sitemap()

    def add_event_lists(self) -> None:
        """Every list of events: indexes and their feeds, home blocks, both APIs, sitemap."""
        if not self.once(("events",)):
            return
        self.add_pages(live_pages("event_index"))
        self.add_home_pages("events")
        self.add_site_paths(_api_paths(JSON_API_NAMESPACES, "list_event_dates"))
        self.add_site_paths(_api_paths(API_V2_NAMESPACES, "event_occurrences:listing"))
        self.add_sitemap()

    def add_event(self, page) -> None:
        """An event page, its calendar feed and API entry, and the event lists."""
        if self.once(("event", page.pk)):
            self.add_page(page)
            self.add_site_paths(_api_paths(JSON_API_NAMESPACES, "get_event", page_id=page.pk))
        self.add_event_lists()

    def add_faq(self) -> None:
        if not self.once(("faq",)):
            return
        for page in live_pages("faq"):
            self.add_page(page)
            self.add_site_paths(_api_paths(JSON_API_NAMESPACES, "get_faq_page", page_id=page.pk))
        self.add_home_pages("faq")
        self.add_site_paths(_api_paths(JSON_API_NAMESPACES, "list_faq_pages"))
        self.add_site_paths(_api_paths(API_V2_NAMESPACES, "faqs:listing"))

    def add_impact(self) -> None:
        if not self.once(("impact",)):
            return
        if self.once(("impact-pages",)):
            self.add_pages(live_pages("impact"))
        self.add_home_pages("impact")
        self.add_site_paths(_api_paths(JSON_API_NAMESPACES, "get_impact"))
        self.add_site_paths(_api_paths(API_V2_NAMESPACES, "impact:listing"))
        from wagtail_community_matching.impact.indicators import Indicator

        for code in Indicator.objects.values_list("code", flat=True).distinct():
            self.add_site_paths(_api_paths(API_V2_NAMESPACES, "impact:detail", code=code))


def _subpage(page, name: str, **kwargs) -> str | None:
    reverse_subpage = getattr(page, "reverse_subpage", None)
    if reverse_subpage is None:
        return None
    try:
        return reverse_subpage(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def live_pages(feature: str, **filters) -> list:
    """The live pages of ``feature``'s concrete page models (indexes, homes), ``filters``ed."""
    pages = []
    for model in feature_page_models(feature):
        pages.extend(model.objects.live().exact_type(model).filter(**filters).order_by("path"))
    return pages


def _api_paths(namespaces: Iterable[str], name: str, **kwargs) -> list[str]:
    paths = []
    for namespace in namespaces:
        try:
            paths.append(reverse(f"{namespace}:{name}", kwargs=kwargs or None))
        except NoReverseMatch:
            continue
    return paths


def _sitemap_paths() -> list[str]:
    """The sitemap URLs of the root URLconf: the index (or the only sitemap), and the first
    page of each section when sections have a URL of their own (``sitemap-<section>.xml``)."""
    from django.urls import get_resolver

    paths = []
    for pattern in get_resolver().url_patterns:
        callback = getattr(pattern, "callback", None)
        if not (getattr(callback, "__module__", "") or "").endswith("sitemaps.views"):
            continue
        if not pattern.pattern.regex.groups:
            paths.append("/" + str(pattern.pattern).lstrip("^").rstrip("$"))
            continue
        sections = (getattr(pattern, "default_args", None) or {}).get("sitemaps") or {}
        for section in sections if pattern.name else ():
            try:
                paths.append(reverse(pattern.name, kwargs={"section": section}))
            except NoReverseMatch:
                continue
    return paths
