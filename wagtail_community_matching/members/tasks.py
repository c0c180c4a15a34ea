"""Logo renditions, made by the task backend when a member is published.

A directory page shows 24 logos; making their renditions inside a visitor's request
multiplied its queries by six and its time by more. So every rendition a member's logo
is shown in (:func:`~.logos.logo_filters`) is made by :func:`make_logo_renditions`,
queued once the transaction that published the member commits; the
``make_member_logo_renditions`` command makes those missing for every live member. When
a logo's file is replaced in the image library, Wagtail deletes its renditions and they are
queued again (:func:`queue_deleted_logo_rendition`).
"""

from __future__ import annotations

import logging

from django_tasks import task
from wagtail.images import get_image_model

from wagtail_community_matching.background import enqueue_on_commit
from wagtail_community_matching.http.conditional import mark_changed
from wagtail_community_matching.members.logos import logo_filters
from wagtail_community_matching.members.models import Member
from wagtail_community_matching.members.query import CHANGES

logger = logging.getLogger(__name__)


def make_renditions(image) -> int:
    """Make every missing rendition of ``image`` a member logo is shown in; return how
    many renditions it has for them (0 when its file cannot be read)."""
    try:
        made = len(image.get_renditions(*logo_filters()))
    except OSError:  # Wagtail's SourceImageIOError too: the file is missing or unreadable
        logger.warning("Logo renditions not made: the file of image %s cannot be read", image.pk)
        return 0
    # Cached directory pages and blocks showed no logo without its rendition: they change.
    mark_changed(CHANGES)
    return made


@task()
def make_logo_renditions(image_id: int) -> int:
    """Make the renditions of the logo image ``image_id`` (see :func:`make_renditions`)."""
    image = get_image_model().objects.filter(pk=image_id).first()
    return make_renditions(image) if image is not None else 0


def queue_member_logo(sender, instance, **kwargs) -> None:
    """``published`` receiver for members: queue the renditions of the member's logo."""
    if instance.logo_id:
        enqueue_on_commit(make_logo_renditions, instance.logo_id)


@task()
def remake_logo_renditions(image_id: int) -> int:
    """Make again the renditions of image ``image_id`` if it is a live member's logo."""
    if not Member.objects.filter(live=True, logo_id=image_id).exists():
        return 0
    return make_logo_renditions.call(image_id)


def queue_deleted_logo_rendition(sender, instance, **kwargs) -> None:
    """``post_delete`` receiver for renditions: when an image's file is replaced in the
    image library, Wagtail deletes its renditions after saving it, so a member's logo would
    show nowhere until the next publish; its renditions are queued again (the task skips
    images that are no live member's logo)."""
    if instance.filter_spec in logo_filters():
        enqueue_on_commit(remake_logo_renditions, instance.image_id)


def make_missing_renditions() -> int:
    """Make the missing logo renditions of every live member; return how many images
    were seen (the ``make_member_logo_renditions`` command: existing content, imports,
    a logo's file replaced in the image library)."""
    images = get_image_model().objects.filter(
        pk__in=Member.objects.filter(live=True).exclude(logo=None).values("logo_id")
    )
    count = 0
    for image in images.iterator():
        make_renditions(image)
        count += 1
    return count


__all__ = [
    "make_logo_renditions",
    "make_missing_renditions",
    "make_renditions",
    "queue_deleted_logo_rendition",
    "queue_member_logo",
    "remake_logo_renditions",
]
