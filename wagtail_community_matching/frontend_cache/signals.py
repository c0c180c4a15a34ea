"""Signal handlers: gather a change's URLs into the transaction's batch, purge on commit."""

from __future__ import annotations

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail_community_matching.base import feature_page_models

from .purge import Purge, enabled, live_pages

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
    for page in live_pages("events", venue_id=instance.pk):
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
    pages = live_pages("events", pk=page_id)
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
