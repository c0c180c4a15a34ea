"""A custom base page model and a network page built from the package's mixin.

``BasePage`` takes the place of ``wagtail.models.Page`` (``WAGTAIL_PAGE_MODEL``).
It derives from ``AbstractPage`` alone, so it has none of the optional fields of
Wagtail's default page (``seo_title``, ``search_description``, ``show_in_menus``):
the package must work without them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import AbstractPage
from wagtail.search import index

from wagtail_community_matching.models import NetworkPageMixin


class BasePage(AbstractPage):
    """Every page of the site: Wagtail's core page fields and a summary for listings."""

    listing_summary = models.TextField(
        verbose_name=_("listing summary"),
        blank=True,
        help_text=_("Shown where the page is listed or shared."),
    )

    promote_panels = [*AbstractPage.promote_panels, FieldPanel("listing_summary")]

    search_fields = [*AbstractPage.search_fields, index.SearchField("listing_summary")]

    api_fields = [APIField("listing_summary")]


class CustomNetworkPage(NetworkPageMixin, BasePage):
    """The site's network page: the package's fields, panels and template on ``BasePage``."""

    search_fields = [*BasePage.search_fields, *NetworkPageMixin.search_fields]

    api_fields = [*BasePage.api_fields, *NetworkPageMixin.api_fields]

    class Meta(NetworkPageMixin.Meta):
        abstract = False
