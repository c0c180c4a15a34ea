"""StreamField blocks about events (offered in ``network_body_blocks()``)."""

from __future__ import annotations

from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from wagtail_community_matching.events.choices import EventKind
from wagtail_community_matching.events.feed import CHANGES
from wagtail_community_matching.events.index_page import listing_cache_timeout
from wagtail_community_matching.events.occurrences import Occurrence, attach_events
from wagtail_community_matching.http.conditional import changed_at, make_etag, render_cached


class UpcomingEventsBlock(blocks.StructBlock):
    """The next events: all of the page's language, or those under one events index."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=255)
    count = blocks.IntegerBlock(label=_("How many"), min_value=1, max_value=12, default=3)
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *EventKind.choices],
    )
    index = blocks.PageChooserBlock(
        label=_("Events index"),
        required=False,
        help_text=_("Show only events under this page, and link to it. Blank: all events."),
    )

    def get_occurrences(self, value, page=None) -> list:
        """The next ``count`` public occurrences, with their pages as ``.event``."""
        occurrences = Occurrence.objects.public().upcoming()
        if value.get("index"):
            occurrences = occurrences.descendants_of(value["index"])
        elif page is not None and getattr(page, "locale_id", None):
            occurrences = occurrences.filter(page__locale_id=page.locale_id)
        if value.get("kind"):
            occurrences = occurrences.filter(kind=value["kind"])
        occurrences = occurrences.select_related("venue").with_registered_count()
        return attach_events(list(occurrences[: value.get("count") or 3]))

    def render(self, value, context=None):
        """The cards, kept in the cache as the events index's listing is
        (:func:`~.index_page.listing_cache_timeout`): until events change or a minute
        passes, per language, site and page language."""
        request = (context or {}).get("request")
        page = (context or {}).get("page")
        timeout = listing_cache_timeout()
        if not timeout or getattr(request, "is_preview", False):
            return super().render(value, context)
        index = value.get("index")
        key = make_etag(
            "upcoming_events",
            changed_at(CHANGES).timestamp(),
            getattr(page, "locale_id", None),
            get_language(),
            request.get_host() if request is not None else "",
            value.get("heading"),
            value.get("count"),
            value.get("kind"),
            index.get_url(request) if index is not None else None,
            self.get_template(value, context),
        ).strip('"')
        return render_cached(
            key, lambda: super(UpcomingEventsBlock, self).render(value, context), timeout
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        context["occurrences"] = self.get_occurrences(value, page)
        context["heading_id"] = "cm-upcoming-" + (slugify(value.get("heading") or "") or "events")
        return context

    class Meta:
        icon = "date"
        label = _("Upcoming events")
        template = "wagtail_community_matching/blocks/upcoming_events.html"


#: Migrations name the blocks by their public path in :mod:`wagtail_community_matching.blocks`,
#: so moving a block between modules never changes a migration.
DECONSTRUCT_ALIASES = {
    UpcomingEventsBlock: "wagtail_community_matching.blocks.UpcomingEventsBlock",
}
