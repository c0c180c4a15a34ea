"""The renditions of member logos, named once for pages, blocks, templates and APIs.

A site changes the size of the directory's logos through the page's
``card_logo_filter`` and ``detail_logo_filter``; these are their defaults.

Renditions are made when a member is published, and when its logo image is saved,
by a task (:func:`~.tasks.make_logo_renditions`), never while a visitor waits: the
directory's cards and a member's page show a logo only when its rendition exists
(:func:`existing_rendition`), and show no logo until the task has made it.
"""

from __future__ import annotations

from wagtail.images.models import Filter

from wagtail_community_matching.base import feature_page_models

#: A member card: directory, featured members block, Wagtail API v2 items.
CARD_LOGO_FILTER = "max-240x240"
#: A member's own page and its JSON-LD.
DETAIL_LOGO_FILTER = "max-480x480"
#: The JSON API's ``srcset``: 160, 320 and 640 pixels wide at most.
RESPONSIVE_LOGO_FILTERS = ("max-160x160", "max-320x320", "max-640x640")
#: Every rendition of a member's logo that the package shows: made ahead by the task.
MEMBER_LOGO_FILTERS = (CARD_LOGO_FILTER, DETAIL_LOGO_FILTER, *RESPONSIVE_LOGO_FILTERS)


def logo_filters() -> list[str]:
    """:data:`MEMBER_LOGO_FILTERS` and the logo filters of the site's directory page models
    (a site's subclass may set its own ``card_logo_filter`` and ``detail_logo_filter``)."""
    specs = list(MEMBER_LOGO_FILTERS)
    for model in feature_page_models("members"):
        for name in ("card_logo_filter", "detail_logo_filter"):
            spec = getattr(model, name, "")
            if spec and spec not in specs:
                specs.append(spec)
    return specs


def existing_rendition(image, filter_spec: str):
    """The rendition of ``image`` for ``filter_spec`` if it was made, else ``None``.

    Never makes one: it reads the prefetched renditions (``with_logos``) or, without
    them, Wagtail's rendition cache and then the database.
    """
    if image is None:
        return None
    try:
        return image.find_existing_rendition(Filter(spec=filter_spec))
    except image.get_rendition_model().DoesNotExist:
        return None


__all__ = [
    "CARD_LOGO_FILTER",
    "DETAIL_LOGO_FILTER",
    "MEMBER_LOGO_FILTERS",
    "RESPONSIVE_LOGO_FILTERS",
    "existing_rendition",
    "logo_filters",
]
