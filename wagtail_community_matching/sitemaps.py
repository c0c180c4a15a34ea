"""A sitemap of every language: Wagtail's, with each page's translations as alternates.

Serve it as a sitemap index, with the members' pages in a section of their own (see
:class:`wagtail_community_matching.members.sitemaps.MemberSitemap`), so that no sitemap
page grows with the number of members.
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Max
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from wagtail_community_matching.base import i18n_enabled, page_alternates, prefetch_translations


def site_pages(site):
    """The live, public pages under ``site``'s root page and under each of its translations
    (the site's base page model, not specific)."""
    root = site.root_page
    page_model = type(root)
    roots = list(root.get_translations(inclusive=True)) if i18n_enabled() else [root]
    trees = reduce(or_, (page_model.objects.descendant_of_q(r, inclusive=True) for r in roots))
    return page_model.objects.filter(trees).live().public()


class Sitemap(WagtailSitemap):
    """Wagtail's sitemap, for every language of the site.

    Wagtail's own sitemap lists the pages under the site's root page, so a site with
    translations lists only its default language. This one lists the pages under the
    root page and under each of its translations, every entry carrying its page's live,
    public translations as ``hreflang`` alternates (``<xhtml:link rel="alternate">``,
    the default language repeated as ``x-default``). Translations are read in one query
    per sitemap page, whatever the number of pages and languages. Use it in a sitemap
    index, with the members' section::

        from wagtail.contrib.sitemaps.views import index, sitemap
        from wagtail_community_matching.members.sitemaps import MemberSitemap
        from wagtail_community_matching.sitemaps import Sitemap

        sitemaps = {"pages": Sitemap, "members": MemberSitemap}
        urlpatterns += [
            path("sitemap.xml", index, {"sitemaps": sitemaps, "sitemap_url_name": "sitemap"}),
            path("sitemap-<section>.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
        ]
    """

    def items(self):
        return site_pages(self.get_wagtail_site()).order_by("path").defer_streamfields().specific()

    def get_latest_lastmod(self):
        """The latest publication of a listed page, in one query (Django's reads every page)."""
        return site_pages(self.get_wagtail_site()).aggregate(latest=Max("last_published_at"))[
            "latest"
        ]

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        if items:
            prefetch_translations(items, type(self.get_wagtail_site().root_page))
        urls = []
        last_mods = set()
        for item in items:
            entries = [entry for entry in item.get_sitemap_urls(self.request) if entry["location"]]
            if entries and not any("alternates" in entry for entry in entries):
                # A page of another app: its own entry gets the alternates too.
                alternates = page_alternates(item, self.request)
                if alternates:
                    entries[0]["alternates"] = alternates
            for entry in entries:
                urls.append(entry)
                last_mods.add(entry.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
