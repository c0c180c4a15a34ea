"""Checks shared by the models that hold a place: members and venues."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

validate_country = RegexValidator(
    r"^[A-Z]{2}$", _("Use the two-letter ISO 3166-1 country code in capitals, such as IT.")
)


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
