"""Forms of impact reports: the admin form and the member's public report form."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from wagtail_community_matching.impact.validation import COUNT, PERCENTAGE, validate_indicator_value


class ImpactReportAdminForm(WagtailAdminModelForm):
    """Stamps status changes (who validated, when) and refuses a value twice per indicator."""

    def is_valid(self) -> bool:
        valid = super().is_valid()
        formset = self.formsets.get("values") if hasattr(self, "formsets") else None
        if not valid or formset is None:
            return valid
        seen = set()
        for form in formset.forms:
            indicator = form.cleaned_data.get("indicator")
            if indicator is None or form.cleaned_data.get("DELETE"):
                continue
            if indicator.translation_key in seen:
                form.add_error("indicator", _("This indicator already has a value in this report."))
                valid = False
            seen.add(indicator.translation_key)
        return valid

    def save(self, commit=True):
        instance = self.instance
        if "status" in self.changed_data:
            status = self.cleaned_data["status"]
            if status == "validated":
                instance.mark_validated(self.for_user)
            else:
                instance.validated_at = None
                instance.validated_by = None
            if status == "submitted" and instance.submitted_at is None:
                instance.submitted_at = timezone.now()
            # Read by the after_create/edit_snippet hook to log the change.
            instance._impact_status_changed = status
        return super().save(commit=commit)


def value_field_name(indicator) -> str:
    return f"value_{indicator.code}"


def _value_validator(kind: str):
    def validate(value):
        if value is not None:
            validate_indicator_value(kind, value)

    return validate


def make_value_field(indicator) -> forms.DecimalField:
    """A localized number field for ``indicator``, validated by its kind."""
    label = indicator.name
    unit = indicator.display_unit
    if unit:
        label = f"{indicator.name} ({unit})"
    return forms.DecimalField(
        label=label,
        required=False,
        localize=True,
        max_digits=14,
        help_text=indicator.description,
        validators=[_value_validator(indicator.kind)],
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric" if indicator.kind == COUNT else "decimal",
                "autocomplete": "off",
                "size": 12,
                **({"data-percentage": "true"} if indicator.kind == PERCENTAGE else {}),
            }
        ),
    )


class ImpactReportForm(forms.Form):
    """A member's figures for one period: one optional field per indicator and a comment."""

    comment = forms.CharField(
        label=_("Comments on your figures"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. Read only by the network's staff, never published."),
    )

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for indicator in self.indicators:
            self.fields[value_field_name(indicator)] = make_value_field(indicator)
        self.order_fields([*(value_field_name(i) for i in self.indicators), "comment"])

    @classmethod
    def initial_from(cls, report) -> dict:
        """Initial data showing ``report``'s current values (``report`` may be ``None``)."""
        if report is None:
            return {}
        initial = {"comment": report.comment}
        for value in report.values.select_related("indicator"):
            initial[value_field_name(value.indicator)] = value.value.normalize()
        return initial

    @property
    def value_fields(self):
        return [self[value_field_name(i)] for i in self.indicators]

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(v is not None for v in self.values().values()):
            raise ValidationError(
                _("Enter at least one figure. Leave blank only what you do not measure."),
                code="empty",
            )
        return cleaned

    def values(self) -> dict:
        """``{indicator: Decimal or None}`` from the cleaned data."""
        result: dict = {}
        for indicator in self.indicators:
            value = self.cleaned_data.get(value_field_name(indicator))
            result[indicator] = None if value is None else Decimal(value)
        return result
