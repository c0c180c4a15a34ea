"""The public adhesion form: built from the editor's fields, with abuse protections.

:class:`AdhesionFormBuilder` extends Wagtail's ``FormBuilder`` with phone, upload,
consent, region and province fields; every form it builds is an
:class:`AdhesionForm`, which adds a honeypot field, the optional captcha field of
``ADHESION_CAPTCHA_FIELD`` and an error summary for the top of the page.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from phonenumber_field.formfields import PhoneNumberField
from wagtail.contrib.forms.forms import BaseForm, FormBuilder, WagtailAdminFormPageForm

from wagtail_community_matching.adhesion.uploads import inspect_upload, type_names
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.places.provinces import province_choices
from wagtail_community_matching.places.regions import region_choices

#: Name of the field people never see and bots fill in.
HONEYPOT_FIELD_NAME = "cm_homepage"
#: Name of the optional captcha field.
CAPTCHA_FIELD_NAME = "cm_captcha"
#: Names an editor's field may not take.
RESERVED_FIELD_NAMES = frozenset({HONEYPOT_FIELD_NAME, CAPTCHA_FIELD_NAME, "csrfmiddlewaretoken"})

#: Longest answer to a multi-line text field.
MULTILINE_MAX_LENGTH = 5000

#: HTML ``autocomplete`` tokens of mapped fields (WCAG 1.3.5, identify input purpose).
AUTOCOMPLETE = {
    "name": "organization",
    "city": "address-level2",
    "region": "address-level1",
    "website": "url",
    "email": "email",
    "contact_email": "email",
    "phone": "tel",
}


class UploadField(forms.FileField):
    """A file whose type is sniffed from its content and checked against an allow-list."""

    def __init__(self, *, allowed_types, **kwargs):
        self.allowed_types = list(allowed_types)
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": ",".join(self.allowed_types)}))
        kwargs.setdefault("max_length", 255)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            upload.inspected = inspect_upload(
                upload,
                self.allowed_types,
                max_bytes=cm_settings.ADHESION_UPLOAD_MAX_BYTES,
                max_pixels=cm_settings.ADHESION_UPLOAD_MAX_PIXELS,
            )
        return upload

    def limits_text(self) -> str:
        return _("%(types)s, up to %(size)s.") % {
            "types": type_names(self.allowed_types),
            "size": filesizeformat(cm_settings.ADHESION_UPLOAD_MAX_BYTES),
        }


class ConsentField(forms.BooleanField):
    """A consent checkbox: its label is the statement agreed to."""

    default_error_messages = {"required": _("Tick this box to send the form.")}


class AdhesionForm(BaseForm):
    """Base class of the forms built by :class:`AdhesionFormBuilder`."""

    honeypot_field_name = HONEYPOT_FIELD_NAME
    _form_definition: list[dict] | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot_field_name] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )
        captcha_path = cm_settings.ADHESION_CAPTCHA_FIELD
        if captcha_path:
            self.fields[CAPTCHA_FIELD_NAME] = import_string(captcha_path)()

    @property
    def form_definition(self) -> list[dict] | None:
        """The snapshot of the editor's fields this form was built from, in order
        (``field.snapshot()`` of each), or ``None`` for a form built otherwise."""
        return self._form_definition

    @property
    def is_spam(self) -> bool:
        """Whether the honeypot was filled in (only meaningful once validated)."""
        return bool(self.cleaned_data.get(self.honeypot_field_name))

    def visible_answer_fields(self):
        """The bound fields of the editor's form, without the honeypot."""
        return [field for field in self if field.name != self.honeypot_field_name]

    def error_summary(self) -> list[dict]:
        """Errors for the summary at the top: ``{"id", "label", "message"}``, in form order.

        ``id`` is the element to link to: the input, or the first option of a group.
        """
        summary = [{"id": "", "label": "", "message": e} for e in self.non_field_errors()]
        for field in self.visible_answer_fields():
            for message in field.errors:
                target = field.auto_id
                if field.field.widget.use_fieldset:
                    target = f"{field.auto_id}_0"
                summary.append({"id": target, "label": field.label, "message": message})
        return summary

    def clean(self):
        cleaned_data = super().clean()
        for name, value in cleaned_data.items():
            if isinstance(value, str) and "\x00" in value:  # hidden fields and captchas
                self.add_error(name, ValidationError(_("Null characters are not allowed.")))
        return cleaned_data


class AdhesionFormBuilder(FormBuilder):
    """Wagtail's ``FormBuilder`` with the field types of adhesion forms."""

    form_class = AdhesionForm

    def get_field_options(self, field):
        options = super().get_field_options(field)
        token = AUTOCOMPLETE.get(getattr(field, "maps_to", ""))
        if token:
            options["widget_attrs"] = {"autocomplete": token}
        return options

    @property
    def formfields(self):
        formfields = {}
        for field in self.fields:
            options = self.get_field_options(field)
            widget_attrs = options.pop("widget_attrs", {})
            form_field = self.get_create_field_function(field.field_type)(field, options)
            form_field.widget.attrs.update(widget_attrs)
            formfields[field.clean_name or field.get_field_clean_name()] = form_field
        return formfields

    def get_form_class(self):
        attrs = dict(self.formfields)
        # The snapshot of the fields the form is built from, stored with each submission:
        # storing it reads no field from the database a second time. (A clean name never
        # starts with "_", so no editor's field can take this name.)
        attrs["_form_definition"] = [field.snapshot() for field in self.fields]
        return type("AdhesionForm", (self.form_class,), attrs)

    @staticmethod
    def split_choices(value: str) -> list[str]:
        """One choice per line, or comma-separated when on one line (as Wagtail 8 does).

        Wagtail 7.0 splits only on Windows line ends; this keeps both versions alike.
        """
        lines = value.strip().splitlines()
        if len(lines) > 1:
            return [line.strip().rstrip(",").strip() for line in lines]
        return [item.strip() for item in value.split(",")]

    def get_formatted_field_choices(self, field):
        return [(choice, choice) for choice in self.split_choices(field.choices)]

    def get_formatted_field_initial(self, field):
        return self.split_choices(field.default_value)

    def _with_blank(self, choices):
        return [("", _("Choose…")), *choices]

    def create_multiline_field(self, field, options):
        options["max_length"] = MULTILINE_MAX_LENGTH
        return super().create_multiline_field(field, options)

    def create_number_field(self, field, options):
        options.setdefault("max_digits", 20)
        return super().create_number_field(field, options)

    def create_dropdown_field(self, field, options):
        options["choices"] = self._with_blank(self.get_formatted_field_choices(field))
        return forms.ChoiceField(**options)

    def create_phone_field(self, field, options):
        options["region"] = cm_settings.PHONE_DEFAULT_REGION
        options.pop("initial", None)
        return PhoneNumberField(**options)

    def _upload(self, field, options, allowed_types):
        options.pop("initial", None)
        upload = UploadField(allowed_types=allowed_types, **options)
        if upload.help_text:
            upload.help_text = format_html("{} {}", upload.help_text, upload.limits_text())
        else:
            upload.help_text = upload.limits_text()
        return upload

    def create_image_field(self, field, options):
        return self._upload(field, options, cm_settings.ADHESION_IMAGE_TYPES)

    def create_file_field(self, field, options):
        return self._upload(field, options, cm_settings.ADHESION_FILE_TYPES)

    def create_consent_field(self, field, options):
        options["label"] = field.statement
        options["initial"] = False  # never pre-ticked
        return ConsentField(**options)

    def _place_field(self, choices, options, max_length):
        if choices is None:
            options["max_length"] = max_length
            return forms.CharField(**options)
        options["choices"] = self._with_blank(choices)
        return forms.ChoiceField(**options)

    def create_region_field(self, field, options):
        return self._place_field(region_choices(cm_settings.DEFAULT_COUNTRY), options, 100)

    def create_province_field(self, field, options):
        return self._place_field(province_choices(cm_settings.DEFAULT_COUNTRY), options, 100)


def _choices_of(form_field) -> list[dict] | None:
    choices = getattr(form_field, "choices", None)
    if choices is None:
        return None
    return [{"value": str(value), "label": str(label)} for value, label in choices if value != ""]


def form_schema(page) -> list[dict]:
    """The fields of ``page``'s form for headless clients, in order.

    Each item has ``name`` (the answer key), ``type``, ``label``, ``help_text``,
    ``required``, ``choices`` (``[{"value", "label"}]`` or ``None``), ``max_length``,
    ``accept`` (MIME types of uploads), ``max_bytes`` and ``consent_text``.
    """
    form_class = page.get_form_class()
    schema = []
    for field in page.get_form_fields():
        name = field.clean_name or field.get_field_clean_name()
        form_field = form_class.base_fields[name]
        is_upload = isinstance(form_field, UploadField)
        schema.append(
            {
                "name": name,
                "type": field.field_type,
                "label": field.label,
                "help_text": field.help_text,
                "required": field.required,
                "choices": _choices_of(form_field),
                "max_length": getattr(form_field, "max_length", None) if not is_upload else None,
                "accept": form_field.allowed_types if is_upload else None,
                "max_bytes": cm_settings.ADHESION_UPLOAD_MAX_BYTES if is_upload else None,
                "consent_text": field.statement if field.field_type == "consent" else "",
            }
        )
    return schema


class AdhesionFormPageForm(WagtailAdminFormPageForm):
    """The admin form of adhesion form pages: Wagtail's checks plus reserved names."""

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("form_fields")
        if formset is None:
            return cleaned_data
        for form in formset.forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            name = form.instance.clean_name or form.instance.get_field_clean_name()
            if name in RESERVED_FIELD_NAMES:
                form.add_error(
                    "label",
                    ValidationError(
                        _("The name '%(name)s' is reserved. Please change the label."),
                        params={"name": name},
                    ),
                )
        return cleaned_data
