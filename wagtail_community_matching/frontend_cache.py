"""Purge a caching proxy or CDN of every page, feed and list that shows a changed object.

Wagtail's ``wagtail.contrib.frontend_cache`` purges a page's own URL when it is
published or unpublished. The package's content also shows elsewhere: a member on the
directory of every language, its map data, its own page under each directory, the
home page's member blocks, the JSON API and API v2 lists, the sitemap; an event date
on the event index, its calendar feeds and the home page's event block. This module
computes those URLs for each change and hands them to Wagtail's
:class:`~wagtail.contrib.frontend_cache.utils.PurgeBatch`, whose backends (Varnish,
Cloudflare, CloudFront, ...) are configured in ``WAGTAILFRONTENDCACHE`` as usual.

==========================  ===========================================================
change                      what is purged
==========================  ===========================================================
member published,           every directory page, its first result pages, the member's
unpublished or deleted      region, type, status and initial filters, its map data and
                            the member's page under it; home pages with member blocks;
                            impact pages; event pages it organises; the members lists
                            of the JSON API and API v2 and the member's entries there;
                            the sitemap
FAQ snippet saved or        FAQ pages and home pages with an FAQ block; the FAQ lists of
deleted                     the JSON API and API v2
venue saved or deleted      the event pages at that venue and the event lists below
event date saved or         its event page and calendar feed, and the event lists: every
deleted; event page         event index (upcoming, past, calendar feed), home pages with
published or unpublished    an events block, the events lists of both APIs, the sitemap
impact report, figure or    every impact page and its CSV, home pages with a key
indicator saved or deleted  figures block, the impact lists of both APIs
a package page published    its own feeds (map data, calendar feed, CSV, past events)
or unpublished              and its API v2 entry, besides Wagtail's own purge
==========================  ===========================================================

The handlers are connected by :func:`connect` (``AppConfig.ready()``) only when
``wagtail.contrib.frontend_cache`` is installed, and do nothing while
``WAGTAILFRONTENDCACHE`` names no backend. URLs are gathered when the change is made,
then purged once the transaction commits (never for a rolled back change); changes made
in one transaction are purged in one batch. Other variants of a list (page 7, two
filters at once, a search) are not purged: the ``S_MAXAGE`` of ``CACHE_CONTROL`` bounds
how long they stay stale.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.urls import NoReverseMatch, reverse

from wagtail_community_matching.base import feature_page_models

logger = logging.getLogger("wagtail.frontendcache")

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
        for page in _live_pages("network"):
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
        for directory in _live_pages("members"):
            base = self.add_page(directory, *pages, *filters)
            if base and member.slug and directory.locale_id == member.locale_id:
                self.batch.add_url(base + _subpage(directory, "member", slug=member.slug))
        self.add_home_pages("members")
        if self.once(("impact-pages",)):
            self.add_pages(_live_pages("impact"))
        for page in _live_pages("events", organiser_id=member.pk):
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
        self.add_pages(_live_pages("event_index"))
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
        for page in _live_pages("faq"):
            self.add_page(page)
            self.add_site_paths(_api_paths(JSON_API_NAMESPACES, "get_faq_page", page_id=page.pk))
        self.add_home_pages("faq")
        self.add_site_paths(_api_paths(JSON_API_NAMESPACES, "list_faq_pages"))
        self.add_site_paths(_api_paths(API_V2_NAMESPACES, "faqs:listing"))

    def add_impact(self) -> None:
        if not self.once(("impact",)):
            return
        if self.once(("impact-pages",)):
            self.add_pages(_live_pages("impact"))
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


def _live_pages(feature: str, **filters) -> list:
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


# -- the transaction's batch ------------------------------------------------------------


def pending() -> Purge:
    """The batch of the current transaction; a new one outside any, or after a rollback."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for entry in connection.run_on_commit:
            callback = entry[1]
            if isinstance(callback, Purge) and not callback.sent:
                return callback
    return Purge()


def schedule(purge: Purge) -> None:
    """Purge after the commit (at once outside a transaction), unless already scheduled."""
    connection = transaction.get_connection()
    if any(entry[1] is purge for entry in connection.run_on_commit):
        return
    transaction.on_commit(purge)


def _gather(method: str, *args) -> None:
    if not enabled():
        return
    purge = pending()
    getattr(purge, method)(*args)
    schedule(purge)


# -- signal handlers -------------------------------------------------------------------


def member_changed(sender, instance, **kwargs) -> None:
    """A member was published, unpublished, or is being deleted while live.

    Before the deletion, while the events it organises still name it.
    """
    if kwargs.get("signal") is pre_delete and not instance.live:
        return  # a draft never showed
    _gather("add_member", instance)


def faq_changed(sender, instance, **kwargs) -> None:
    _gather("add_faq")


def venue_changed(sender, instance, **kwargs) -> None:
    if not enabled():
        return
    purge = pending()
    for page in _live_pages("events", venue_id=instance.pk):
        purge.add_event(page)
    purge.add_event_lists()
    schedule(purge)


def occurrence_changed(sender, instance, **kwargs) -> None:
    if not enabled():
        return
    purge = pending()
    page = _event_page(instance.page_id)
    if page is not None:
        purge.add_event(page)
    purge.add_event_lists()
    schedule(purge)


def impact_changed(sender, instance, **kwargs) -> None:
    _gather("add_impact")


def page_changed(sender, instance, **kwargs) -> None:
    """A package page published or unpublished: its feeds and the lists it shows on."""
    if not enabled():
        return
    purge = pending()
    feature = getattr(instance, "community_matching_feature", "")
    if feature == "events":
        purge.add_event(instance)
    elif feature == "faq":
        purge.add_faq()
    else:
        purge.add_page(instance)
        if feature == "event_index":
            purge.add_event_lists()
    if feature in ("events", "members", "event_index", "faq", "impact"):
        purge.add_sitemap()
    schedule(purge)


def _event_page(page_id):
    pages = _live_pages("events", pk=page_id)
    return pages[0] if pages else None


def connect() -> None:
    """Connect the handlers (only when ``wagtail.contrib.frontend_cache`` is installed)."""
    if not apps.is_installed("wagtail.contrib.frontend_cache"):
        return
    from wagtail.signals import page_published, page_unpublished, published, unpublished

    from wagtail_community_matching.events.occurrences import Occurrence
    from wagtail_community_matching.events.venues import Venue
    from wagtail_community_matching.faq.models import FAQ
    from wagtail_community_matching.impact.indicators import Indicator
    from wagtail_community_matching.impact.models import ImpactReport, ImpactValue
    from wagtail_community_matching.members.models import Member

    uid = "cm_frontend_cache_"
    published.connect(member_changed, sender=Member, dispatch_uid=uid + "member_pub")
    unpublished.connect(member_changed, sender=Member, dispatch_uid=uid + "member_unpub")
    pre_delete.connect(member_changed, sender=Member, dispatch_uid=uid + "member_del")
    for signal, name in ((post_save, "save"), (post_delete, "del")):
        signal.connect(faq_changed, sender=FAQ, dispatch_uid=f"{uid}faq_{name}")
        signal.connect(venue_changed, sender=Venue, dispatch_uid=f"{uid}venue_{name}")
        signal.connect(
            occurrence_changed, sender=Occurrence, dispatch_uid=f"{uid}occurrence_{name}"
        )
        for model in (ImpactReport, ImpactValue, Indicator):
            signal.connect(
                impact_changed, sender=model, dispatch_uid=f"{uid}{model.__name__}_{name}"
            )
    for feature in ("network", "members", "events", "event_index", "faq", "impact"):
        for model in feature_page_models(feature):
            label = model._meta.label_lower
            page_published.connect(page_changed, sender=model, dispatch_uid=f"{uid}pub_{label}")
            page_unpublished.connect(page_changed, sender=model, dispatch_uid=f"{uid}unpub_{label}")


__all__ = ["Purge", "connect", "enabled"]
