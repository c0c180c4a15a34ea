"""Keep the occurrence table in step with event pages (connected in ``apps.py``)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished

from wagtail_community_matching.events.confirmation import release_waiting
from wagtail_community_matching.events.feed import CHANGES
from wagtail_community_matching.events.occurrences import Occurrence
from wagtail_community_matching.events.pages import EventPageMixin
from wagtail_community_matching.events.venues import Venue
from wagtail_community_matching.http.conditional import mark_changed


def sync_event_occurrences(sender, instance, **kwargs) -> None:
    """Expand a published event page into occurrences."""
    if isinstance(instance, EventPageMixin):
        instance.sync_occurrences()
        # A larger capacity frees places: the first people waiting are offered them.
        release_waiting(instance)
        mark_changed(CHANGES)


def remove_event_occurrences(sender, instance, **kwargs) -> None:
    """Drop the occurrences of an unpublished event page, except those with registrants.

    Deleting a live page unpublishes it first, so this runs on deletion too.
    """
    if isinstance(instance, EventPageMixin):
        Occurrence.objects.remove_unpublished(instance)
        mark_changed(CHANGES)


def venue_changed(sender, instance, **kwargs) -> None:
    """A venue's name, address or place shows in the calendar feeds: they changed."""
    mark_changed(CHANGES)


def register_signal_handlers() -> None:
    page_published.connect(sync_event_occurrences, dispatch_uid="cm_sync_event_occurrences")
    page_unpublished.connect(remove_event_occurrences, dispatch_uid="cm_remove_event_occurrences")
    post_save.connect(venue_changed, sender=Venue, dispatch_uid="cm_events_venue_saved")
    post_delete.connect(venue_changed, sender=Venue, dispatch_uid="cm_events_venue_deleted")
