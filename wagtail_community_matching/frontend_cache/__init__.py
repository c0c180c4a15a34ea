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
filters at once, a search) are not listed: the Varnish configuration of the docs bans them
with their address; elsewhere the ``S_MAXAGE`` of ``CACHE_CONTROL`` bounds how long they
stay stale.

:mod:`.purge` computes the URLs (:class:`Purge`); :mod:`.signals` connects the handlers that
gather them.
"""

from .purge import Purge, enabled
from .signals import connect

__all__ = ["Purge", "connect", "enabled"]
