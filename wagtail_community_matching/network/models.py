"""Network information pages and the network's site-wide settings."""

from __future__ import annotations

import swapper
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from wagtail_community_matching.base import CommunityMatchingPageMixin
from wagtail_community_matching.network.blocks import network_body_blocks

# Read the page model from WAGTAIL_PAGE_MODEL even if this module is imported
# before Wagtail's (see Wagtail's "reusable apps and custom base page models").
swapper.set_app_prefix("wagtailcore", "wagtail")


class NetworkPageMixin(CommunityMatchingPageMixin):
    """A page that explains the network: what it is, what members get, how it works.

    Subclass it together with your base page model (``wagtail.models.Page`` or
    the model named by ``WAGTAIL_PAGE_MODEL``) and add that model's own search
    fields::

        class NetworkPage(NetworkPageMixin, Page):
            search_fields = [*Page.search_fields, *NetworkPageMixin.search_fields]
    """

    community_matching_feature = "network"

    intro = models.TextField(
        verbose_name=_("introduction"),
        blank=True,
        help_text=_("A short paragraph shown under the title and in search results."),
    )
    body = StreamField(
        network_body_blocks(),
        verbose_name=_("body"),
        blank=True,
    )

    content_panels = [
        *CommunityMatchingPageMixin.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    search_fields = [
        *CommunityMatchingPageMixin.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    api_fields = [
        APIField("intro"),
        APIField("body"),
    ]

    default_template = "wagtail_community_matching/network_page.html"

    class Meta:
        abstract = True
        verbose_name = _("network page")
        verbose_name_plural = _("network pages")
