"""Keep the occurrence table in step with event pages (connected in ``apps.py``)."""

from __future__ import annotations

from wagtail.signals import page_published, page_unpublished

from wagtail_community_matching.events.occurrences import Occurrence
from wagtail_community_matching.events.pages import EventPageMixin


def sync_event_occurrences(sender, instance, **kwargs) -> None:
    """Expand a published event page into occurrences."""
    if isinstance(instance, EventPageMixin):
        instance.sync_occurrences()


def remove_event_occurrences(sender, instance, **kwargs) -> None:
    """Drop the occurrences of an unpublished event page, except those with registrants."""
    if isinstance(instance, EventPageMixin):
        Occurrence.objects.remove_unpublished(instance)


def register_signal_handlers() -> None:
    page_published.connect(sync_event_occurrences, dispatch_uid="cm_sync_event_occurrences")
    page_unpublished.connect(remove_event_occurrences, dispatch_uid="cm_remove_event_occurrences")
