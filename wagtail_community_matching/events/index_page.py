"""The events index: upcoming and past occurrences of its child event pages."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponseBadRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from wagtail_community_matching.base import CommunityMatchingPageMixin
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.events.choices import EventKind
from wagtail_community_matching.events.feed import (
    CHANGES,
    event_page_models,
    feed_occurrences,
    feed_validators,
)
from wagtail_community_matching.events.forms import EventFilterForm
from wagtail_community_matching.events.ical import ical_response, occurrences_calendar
from wagtail_community_matching.events.occurrences import Occurrence, attach_events
from wagtail_community_matching.events.serializers import OccurrenceListField
from wagtail_community_matching.http.conditional import (
    cached_body,
    cached_fragment,
    changed_at,
    make_etag,
    serve_conditionally,
)
from wagtail_community_matching.localize import SynchronisedFields

#: Occurrences an index's iCalendar feed lists at most.
FEED_LIMIT = 500
#: The GET parameters of the listings (filters and page): others are not cached.
LISTING_PARAMETERS = frozenset({"kind", "city", "mode", "from", "to", "page"})


def listing_cache_timeout() -> int:
    """Seconds a rendered listing is kept: as long as browsers may keep the page
    (``CACHE_CONTROL["MAX_AGE"]``); ``0`` (not kept) when pages are not to be cached."""
    policy = cm_settings.CACHE_CONTROL or {}
    return int(policy.get("MAX_AGE") or 0)


class EventIndexPageMixin(RoutablePageMixin, CommunityMatchingPageMixin):
    """Lists the occurrences of its child event pages.

    Routes: the index itself (upcoming, soonest first), ``past/`` (most recent
    first) and ``ical/`` (a feed of upcoming occurrences, ``?kind=`` to narrow
    it). Both listings take the GET filters ``kind``, ``city``, ``mode``, ``from``,
    ``to`` and ``page``.
    """

    community_matching_feature = "event_index"

    intro = models.TextField(verbose_name=_("introduction"), blank=True)
    events_per_page = models.PositiveSmallIntegerField(
        verbose_name=_("events per page"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )

    #: wagtail-localize translates the introduction and copies the rest from the source page.
    override_translatable_fields = SynchronisedFields("events_per_page")

    content_panels = [
        *CommunityMatchingPageMixin.content_panels,
        FieldPanel("intro"),
        FieldPanel("events_per_page"),
    ]

    api_fields = [
        APIField("intro"),
        APIField("upcoming_occurrences", serializer=OccurrenceListField(with_event=True)),
    ]

    default_template = "wagtail_community_matching/event_index_page.html"

    def get_occurrences(self):
        """Occurrences of the live, public child event pages (not ordered)."""
        return Occurrence.objects.children_of(self).public()

    @property
    def upcoming_occurrences(self) -> list[Occurrence]:
        """The next 20 occurrences, each with its page as ``.event`` (for the API)."""
        return attach_events(list(self.get_occurrences().upcoming().select_related("venue")[:20]))

    def get_listing_context(self, request, *, past: bool) -> dict:
        """Filter form, page of occurrences (with ``.event``) and paginator."""
        occurrences = self.get_occurrences()
        occurrences = occurrences.past() if past else occurrences.upcoming()
        cities = (
            occurrences.exclude(venue=None)
            .order_by("venue__city")
            .values_list("venue__city", flat=True)
            .distinct()
        )
        form = EventFilterForm(request.GET or None, cities=list(cities))
        if form.is_bound:
            occurrences = form.filter(occurrences)
        occurrences = occurrences.select_related("venue").with_registered_count()
        paginator = Paginator(occurrences, self.events_per_page)
        page_obj = paginator.get_page(request.GET.get("page"))
        page_obj.object_list = attach_events(list(page_obj.object_list))
        query = request.GET.copy()
        query.pop("page", None)
        return {
            "filter_form": form,
            "occurrences": page_obj.object_list,
            "page_obj": page_obj,
            "paginator": paginator,
            "showing_past": past,
            "filter_query": query.urlencode(),
            "upcoming_url": self.url,
            "past_url": self.url + self.reverse_subpage("past") if self.url else "",
            "ical_url": self.url + self.reverse_subpage("ical") if self.url else "",
        }

    def listing_cache_key(self, request, *, past: bool) -> str:
        """The key the listing is cached under, or ``""`` when it must be rendered.

        It names everything the listing shows: the events and venues (the time they last
        changed, :data:`~.feed.CHANGES`), this page's content and address, the template,
        the language, the filters and page. The listing is kept for
        :func:`listing_cache_timeout` seconds only: dates end and places are taken
        without a publication.
        """
        params = sorted(request.GET.lists())
        if (
            not listing_cache_timeout()
            or getattr(request, "is_preview", False)
            or any(name not in LISTING_PARAMETERS for name, _values in params)
            or sum(len(value) for _name, values in params for value in values) > 200
        ):
            return ""
        return make_etag(
            "events",
            changed_at(CHANGES).timestamp(),
            past,
            self.pk,
            self.latest_revision_id,
            self.last_published_at,
            self.title,
            self.intro,
            self.events_per_page,
            self.url,
            self.get_template(request),
            get_language(),
            params,
        ).strip('"')

    def listing_response(self, request, *, past: bool):
        key = self.listing_cache_key(request, past=past)
        html = cached_fragment(key)
        if html is not None:  # no query for the occurrences, their pages and the cities
            context = {"cached_listing": html, "showing_past": past}
        else:
            context = self.get_listing_context(request, past=past)
            context["listing_cache_key"] = key
            context["listing_cache_timeout"] = listing_cache_timeout()
        return self.render(request, context_overrides=context)

    @path("")
    def upcoming_view(self, request):
        return self.listing_response(request, past=False)

    @path("past/", name="past")
    def past_view(self, request):
        return self.listing_response(request, past=True)

    @path("ical/", name="ical")
    def ical_view(self, request):
        """The feed of upcoming events, conditional and cached (see :mod:`.feed`)."""
        occurrences = self.get_occurrences().upcoming()
        kind = request.GET.get("kind")
        if kind and kind not in EventKind.values:
            message = _("Unknown kind of event. Use one of: %(kinds)s.") % {
                "kinds": ", ".join(EventKind.values)
            }
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        if kind:
            occurrences = occurrences.filter(kind=kind)
        language = self.locale.language_code
        url = self.get_full_url(request) or ""
        etag, last_modified = feed_validators(
            occurrences, self.pk, self.title, self.last_published_at, kind, language, url
        )

        def build() -> bytes:
            rows = feed_occurrences(occurrences, event_page_models(self), FEED_LIMIT)
            site = self.get_site()
            return occurrences_calendar(
                self.title,
                rows,
                request,
                hostname=site.hostname if site else request.get_host().split(":")[0],
                language=language,
            )

        return serve_conditionally(
            request,
            etag=etag,
            last_modified=last_modified,
            respond=lambda: ical_response(
                cached_body(etag, build), f"{self.slug}.ics", attachment=False
            ),
        )

    class Meta:
        abstract = True
        verbose_name = _("events index page")
        verbose_name_plural = _("events index pages")
