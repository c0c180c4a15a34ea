"""What a value of each kind of indicator may be."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

COUNT = "count"
PERCENTAGE = "percentage"
DURATION = "duration"

#: Largest value any indicator accepts (fits ``ImpactValue.value``).
MAX_VALUE = Decimal("9999999999")


def validate_indicator_value(kind: str, value) -> Decimal:
    """``value`` as a ``Decimal`` if it suits an indicator of ``kind``; else ``ValidationError``.

    Counts are whole numbers of at least 0, percentages lie between 0 and 100,
    durations are at least 0. At most two decimal places are kept.
    """
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError(_("Enter a number."), code="invalid") from None
    if not number.is_finite():
        raise ValidationError(_("Enter a number."), code="invalid")
    if number < 0:
        raise ValidationError(_("The value cannot be negative."), code="negative")
    if number > MAX_VALUE:
        raise ValidationError(_("The value is too large."), code="too_large")
    if kind == COUNT and number != number.to_integral_value():
        raise ValidationError(_("A count must be a whole number."), code="not_whole")
    if kind == PERCENTAGE and number > 100:
        raise ValidationError(_("A percentage must be between 0 and 100."), code="percentage_range")
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError(_("Use at most two decimal places."), code="decimal_places")
    return number
