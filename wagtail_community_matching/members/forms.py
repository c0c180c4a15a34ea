"""The admin form of the ``Member`` snippet."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField
from wagtail.admin.forms import WagtailAdminModelForm

from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.members.choices import MemberService
from wagtail_community_matching.places.regions import (
    ITALIAN_REGIONS,
    normalise_region,
    region_label,
)


class RegionInput(forms.TextInput):
    """A text input suggesting the known regions; shows a stored code as its name."""

    template_name = "wagtail_community_matching/widgets/region_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        list_id = f"{context['widget']['attrs'].get('id') or name}-regions"
        context["widget"]["attrs"]["list"] = list_id
        context["widget"]["datalist_id"] = list_id
        context["widget"]["suggestions"] = sorted(str(label) for _code, label in ITALIAN_REGIONS)
        return context

    def format_value(self, value):
        return region_label(value) if value else value


class MemberForm(WagtailAdminModelForm):
    """Normalises the region, checks the slug per language, reads phones in the default region."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "phone" in self.fields:
            field = self.fields["phone"]
            self.fields["phone"] = PhoneNumberField(
                region=cm_settings.PHONE_DEFAULT_REGION,
                required=False,
                label=field.label,
                help_text=field.help_text,
            )
        if "services" in self.fields:
            field = self.fields["services"]
            self.fields["services"] = forms.MultipleChoiceField(
                choices=MemberService.choices,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                label=field.label,
                help_text=field.help_text,
            )
        if "region" in self.fields:
            self.fields["region"].widget = RegionInput()

    def clean_services(self):
        return list(self.cleaned_data.get("services") or [])

    def clean(self):
        cleaned = super().clean()
        country = (cleaned.get("country") or self.instance.country or "").upper()
        if "region" in cleaned:
            cleaned["region"] = normalise_region(country, cleaned["region"])
        slug = cleaned.get("slug")
        if slug:
            locale_id = self.instance.locale_id
            if locale_id is None:
                locale_id = self.instance.get_default_locale().pk
            taken = (
                type(self.instance)
                .objects.filter(locale_id=locale_id, slug=slug)
                .exclude(pk=self.instance.pk)
                .exists()
            )
            if taken:
                self.add_error(
                    "slug",
                    _("Another member in this language already uses this slug."),
                )
        return cleaned
