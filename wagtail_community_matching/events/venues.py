"""Places where events happen, reusable across events."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from wagtail_community_matching.places import PlaceMixin


class Venue(index.Indexed, PlaceMixin):
    """A place (meeting room, training centre, town hall) events can be held at.

    Venue names are proper names, so venues are shared by every language of the
    site rather than translated. ``country``, ``latitude`` and ``longitude`` and
    their checks come from :class:`~wagtail_community_matching.places.PlaceMixin`,
    as a member's do.
    """

    name = models.CharField(verbose_name=_("name"), max_length=255)
    address = models.CharField(
        verbose_name=_("street address"),
        max_length=255,
        blank=True,
        help_text=_("Street and number, such as Via Dante 12."),
    )
    postal_code = models.CharField(verbose_name=_("postal code"), max_length=20, blank=True)
    city = models.CharField(verbose_name=_("city"), max_length=120)
    region = models.CharField(verbose_name=_("region"), max_length=120, blank=True)

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("region"), FieldPanel("country")]),
            ],
            heading=_("Address"),
        ),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")], heading=_("Coordinates")),
    ]

    search_fields = [
        index.SearchField("name"),
        index.SearchField("city"),
        index.AutocompleteField("name"),
        index.FilterField("city"),
    ]

    @property
    def one_line_address(self) -> str:
        """Street, postal code and city on one line."""
        place = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.address, place) if part)

    def __str__(self) -> str:
        return f"{self.name}, {self.city}" if self.city else self.name

    class Meta:
        ordering = ["city", "name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
