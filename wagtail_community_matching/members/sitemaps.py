"""The sitemap section of the members' pages, paginated like any Django sitemap.

Every live, public member directory of the site (in each language) lists its public
members (:meth:`MemberDirectoryPageMixin.get_members`, the default language filling in
for members without a row in the directory's own), each entry with the member's page in
the directory of every other language as ``hreflang`` alternates. A sitemap page reads
only its own members: the number of queries depends on the number of directories, never
on the number of members.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Max
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap

from wagtail_community_matching.base import (
    alternate_links,
    default_language_code,
    feature_page_models,
    live_translations,
    prefetch_translations,
)
from wagtail_community_matching.members.models import Member
from wagtail_community_matching.sitemaps import site_pages

#: The columns an entry needs.
ENTRY_FIELDS = ("pk", "slug", "translation_key", "locale_id", "last_published_at")


class DirectoryMembers:
    """The members of several directories as one sliceable sequence of
    ``(directory, member)`` pairs, A-Z within each directory (what the paginator pages)."""

    def __init__(self, directories):
        self.directories = list(directories)

    def _members(self, directory):
        members = directory.get_members().order_by("name_initial", "name", "pk")
        return members.only(*ENTRY_FIELDS)

    def _counts(self) -> list[int]:
        if not hasattr(self, "_cached_counts"):
            self._cached_counts = [self._members(d).count() for d in self.directories]
        return self._cached_counts

    def count(self) -> int:
        return sum(self._counts())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice) or window.step not in (None, 1):
            raise TypeError("DirectoryMembers supports slices only")
        start, stop = window.start or 0, window.stop if window.stop is not None else self.count()
        pairs = []
        offset = 0
        for directory, count in zip(self.directories, self._counts(), strict=True):
            low, high = max(start - offset, 0), min(stop - offset, count)
            if low < high:
                pairs.extend((directory, m) for m in self._members(directory)[low:high])
            offset += count
            if offset >= stop:
                break
        return pairs


class MemberSitemap(WagtailSitemap):
    """The pages of the members of every live directory of the site, in every language.

    Use it beside :class:`wagtail_community_matching.sitemaps.Sitemap` in a sitemap index
    (see that class); each page of the section lists at most :attr:`limit` members.
    """

    #: Members per sitemap page (Django's default is 50,000).
    limit = 1000

    def directories(self):
        page_models = feature_page_models("members")
        if not page_models:
            return []
        pages = site_pages(self.get_wagtail_site()).type(*page_models)
        return list(pages.order_by("path").specific())

    def items(self):
        return DirectoryMembers(self.directories())

    def get_latest_lastmod(self):
        """The latest publication of a listed member, in one query per directory."""
        dates = [
            directory.get_members().aggregate(latest=Max("last_published_at"))["latest"]
            for directory in self.directories()
        ]
        dates = [date for date in dates if date is not None]
        return max(dates) if dates else None

    def _urls(self, page, protocol, domain):
        pairs = list(self.paginator.page(page).object_list)
        directories = {directory.pk: directory for directory, _member in pairs}
        if directories:
            prefetch_translations(directories.values(), type(self.get_wagtail_site().root_page))
        # The directory in each language, by directory: {language code: full URL}.
        urls_by_language = {
            pk: {
                t.locale.language_code: url
                for t in live_translations(directory)
                if (url := t.get_full_url(self.request))
            }
            for pk, directory in directories.items()
        }
        base_urls = {pk: d.get_full_url(self.request) for pk, d in directories.items()}
        rows = self._rows(pairs, urls_by_language)
        default_code = default_language_code()
        urls, last_mods = [], set()
        for directory, member in pairs:
            base_url = base_urls[directory.pk]
            if not base_url:
                continue
            entry = {
                "location": directory.member_url(member, base_url),
                "lastmod": member.last_published_at,
            }
            shown = rows[member.translation_key]
            links = []
            for code, url in urls_by_language[directory.pk].items():
                row = shown.get(code, shown.get(default_code))
                if row is not None:
                    links.append((code, directory.member_url(row, url)))
            alternates = alternate_links(sorted(links))
            if alternates:
                entry["alternates"] = alternates
            urls.append(entry)
            last_mods.add(entry["lastmod"])
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls

    def _rows(self, pairs, urls_by_language) -> dict:
        """The public rows of this page's members in the directories' languages, in one
        query: ``{translation key: {language code: member}}``."""
        rows = defaultdict(dict)
        codes = {code for urls in urls_by_language.values() for code in urls}
        if len(codes) < 2:
            return rows  # one language: no alternates
        codes.add(default_language_code())
        others = Member.objects.public().filter(
            translation_key__in={member.translation_key for _d, member in pairs},
            locale__language_code__in=codes,
        )
        for other in others.select_related("locale").only(
            "slug", "translation_key", "locale__language_code"
        ):
            rows[other.translation_key][other.locale.language_code] = other
        return rows
