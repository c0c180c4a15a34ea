"""Keep the occurrence table in step with event pages (connected in ``apps.py``)."""

from __future__ import annotations

from wagtail.signals import page_published, page_unpublished


def sync_event_occurrences(sender, instance, **kwargs) -> None:
    """Expand a published event page into occurrences."""
    from .models.events import EventPageMixin

    if isinstance(instance, EventPageMixin):
        instance.sync_occurrences()


def remove_event_occurrences(sender, instance, **kwargs) -> None:
    """Drop the occurrences of an unpublished event page, except those with registrants."""
    from .models.events import EventPageMixin
    from .models.occurrences import Occurrence

    if isinstance(instance, EventPageMixin):
        Occurrence.objects.remove_unpublished(instance)


def register_signal_handlers() -> None:
    page_published.connect(sync_event_occurrences, dispatch_uid="cm_sync_event_occurrences")
    page_unpublished.connect(remove_event_occurrences, dispatch_uid="cm_remove_event_occurrences")
