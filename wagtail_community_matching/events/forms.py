"""Public forms of events: the index filters and the registration form."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField

from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.events.choices import AttendanceMode, EventKind

#: Dates outside these years are refused, so date arithmetic can never overflow.
FIRST_YEAR, LAST_YEAR = 1900, 2999

DEFAULT_CONSENT_TEXT = _(
    "I agree that the organisers use these details to manage my registration for this "
    "event, as described in the privacy notice."
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class EventFilterForm(forms.Form):
    """GET filters of the events index: ``kind``, ``city``, ``mode``, ``from``, ``to``.

    Invalid values are reported on their field and ignored by :meth:`filter`.
    """

    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *EventKind.choices]
    )
    city = forms.ChoiceField(label=_("City"), required=False)
    mode = forms.ChoiceField(
        label=_("Attendance"),
        required=False,
        choices=[("", _("In person and online")), *AttendanceMode.choices],
    )

    def __init__(self, data=None, *, cities=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["city"].choices = [("", _("All cities")), *((c, c) for c in cities)]
        for name, label in (("from", _("From")), ("to", _("To"))):
            self.fields[name] = forms.DateField(
                label=label,
                required=False,
                widget=DateInput(),
                error_messages={"invalid": _("Enter a valid date, such as 2026-06-10.")},
            )

    def _clean_date(self, name: str) -> date | None:
        value = self.cleaned_data.get(name)
        if value and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise ValidationError(
                _("Enter a date between the years %(first)s and %(last)s."),
                code="date_out_of_range",
                params={"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        return value

    def clean(self):
        cleaned_data = super().clean()
        for name in ("from", "to"):
            if cleaned_data.get(name) is None:
                continue
            try:
                self._clean_date(name)
            except ValidationError as error:
                self.add_error(name, error)
        date_from, date_to = cleaned_data.get("from"), cleaned_data.get("to")
        if date_from and date_to and date_to < date_from:
            self.add_error("to", _("The end date must be on or after the start date."))
        return cleaned_data

    def filter(self, queryset):
        """``queryset`` of occurrences narrowed by the valid filters."""
        self.is_valid()
        values = self.cleaned_data
        if values.get("kind"):
            queryset = queryset.filter(kind=values["kind"])
        if values.get("mode"):
            queryset = queryset.filter(attendance_mode=values["mode"])
        if values.get("city"):
            queryset = queryset.filter(venue__city=values["city"])
        return queryset.between(values.get("from"), values.get("to"))

    @property
    def is_filtered(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)


class DateSelect(forms.Select):
    """The dates of a sign-up; ``data-waiting-list`` marks those already full, so the
    submit button can say what sending the form does (``js/event-registration.js``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.waiting_list: set[str] = set()

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if str(value) in self.waiting_list:
            option["attrs"]["data-waiting-list"] = "true"
        return option


class RegistrationForm(forms.Form):
    """Sign up for one date of an event. ``website`` is a honeypot left empty by people."""

    occurrence = forms.TypedChoiceField(label=_("Date"), coerce=int, widget=DateSelect)
    name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    phone = PhoneNumberField(
        label=_("Phone"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    consent = forms.BooleanField(label=DEFAULT_CONSENT_TEXT)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, occurrences=(), consent_text="", waiting_list=(), **kwargs):
        """``occurrences`` are ``(occurrence, label)`` pairs; ``waiting_list`` the ids of
        those already full, where a sign-up joins the waiting list. The first date with
        a place is chosen to start with."""
        super().__init__(*args, **kwargs)
        self.fields["phone"].region = cm_settings.PHONE_DEFAULT_REGION
        field = self.fields["occurrence"]
        field.choices = [(o.pk, label) for o, label in occurrences]
        self.waiting_list = {str(pk) for pk in waiting_list}
        field.widget.waiting_list = self.waiting_list
        ids = [str(pk) for pk, _label in field.choices]
        open_ids = [pk for pk in ids if pk not in self.waiting_list]
        if ids:
            self.initial.setdefault("occurrence", int((open_ids or ids)[0]))
        if len(ids) == 1:
            field.widget = forms.HiddenInput()
        if consent_text:
            self.fields["consent"].label = consent_text

    @property
    def joins_waiting_list(self) -> bool:
        """Whether the chosen date (the one sent, else the first offered) is full."""
        value = self["occurrence"].value()
        return value is not None and str(value) in self.waiting_list

    @property
    def consent_text(self) -> str:
        return str(self.fields["consent"].label)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Leave this field empty."), code="honeypot")
        return ""

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
