"""Places where events happen, reusable across events."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.places import coordinate_errors, validate_country


def default_country() -> str:
    """The ``DEFAULT_COUNTRY`` setting."""
    return cm_settings.DEFAULT_COUNTRY


class Venue(index.Indexed, models.Model):
    """A place (meeting room, training centre, town hall) events can be held at.

    Venue names are proper names, so venues are shared by every language of the
    site rather than translated.
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
    country = models.CharField(
        verbose_name=_("country"),
        max_length=2,
        default=default_country,
        validators=[validate_country],
        help_text=_("Two-letter ISO country code, such as IT."),
    )
    latitude = models.DecimalField(
        verbose_name=_("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        verbose_name=_("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )

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
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def one_line_address(self) -> str:
        """Street, postal code and city on one line."""
        place = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.address, place) if part)

    def clean(self):
        super().clean()
        errors = coordinate_errors(self.latitude, self.longitude)
        if errors:
            raise ValidationError(errors)

    def __str__(self) -> str:
        return f"{self.name}, {self.city}" if self.city else self.name

    class Meta:
        ordering = ["city", "name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
