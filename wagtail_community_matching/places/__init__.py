"""Places: the country and coordinates members and venues share, with their checks."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail_community_matching.conf import cm_settings

validate_country = RegexValidator(
    r"^[A-Z]{2}$", _("Use the two-letter ISO 3166-1 country code in capitals, such as IT.")
)


def default_country() -> str:
    """The ``DEFAULT_COUNTRY`` setting."""
    return cm_settings.DEFAULT_COUNTRY


def coordinate_errors(latitude, longitude) -> dict[str, ValidationError]:
    """An error on the missing one when only one of ``latitude`` and ``longitude`` is given."""
    if (latitude is None) == (longitude is None):
        return {}
    message = _("Give both latitude and longitude, or neither.")
    return {
        "latitude" if latitude is None else "longitude": ValidationError(
            message, code="half_coordinates"
        )
    }


def _coordinate(name: str, limit: int) -> models.DecimalField:
    return models.DecimalField(
        verbose_name=name,
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(-limit)), MaxValueValidator(Decimal(limit))],
    )


class PlaceMixin(models.Model):
    """Abstract model of what has a place: ``country`` (ISO code, ``DEFAULT_COUNTRY`` by
    default) and optional ``latitude`` and ``longitude``, given both or neither.

    Members and venues inherit it. A subclass that checks more in ``clean()`` adds
    its errors to :meth:`place_errors` so that every error shows at once.
    """

    country = models.CharField(
        verbose_name=_("country"),
        max_length=2,
        default=default_country,
        validators=[validate_country],
        help_text=_("Two-letter ISO country code, such as IT."),
    )
    latitude = _coordinate(_("latitude"), 90)
    longitude = _coordinate(_("longitude"), 180)

    class Meta:
        abstract = True

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def place_errors(self) -> dict[str, ValidationError]:
        """Errors of the place's fields together, by field name."""
        return coordinate_errors(self.latitude, self.longitude)

    def clean(self):
        super().clean()
        errors = self.place_errors()
        if errors:
            raise ValidationError(errors)
