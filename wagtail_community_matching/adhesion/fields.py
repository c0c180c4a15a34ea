"""The fields editors add to an adhesion form: types, stable keys, member attributes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES, AbstractFormField
from wagtail.contrib.forms.utils import get_field_clean_name

from wagtail_community_matching.localize import SynchronisedFields

ADHESION_FIELD_CHOICES = (
    *FORM_FIELD_CHOICES,
    ("phone", _("Phone number")),
    ("image", _("Image upload")),
    ("file", _("File upload (image or PDF)")),
    ("consent", _("Consent checkbox")),
    ("region", _("Region")),
    ("province", _("Province")),
)

#: Field types whose answers are uploaded files.
UPLOAD_FIELD_TYPES = frozenset({"image", "file"})


class MemberAttribute(models.TextChoices):
    """Attributes of a ``Member`` an answer can fill in when the application is approved."""

    NAME = "name", _("Organisation name")
    KIND = "kind", _("Type of organisation")
    CITY = "city", _("City")
    PROVINCE = "province", _("Province")
    REGION = "region", _("Region")
    COUNTRY = "country", _("Country")
    WEBSITE = "website", _("Website")
    EMAIL = "email", _("Public email address")
    PHONE = "phone", _("Public phone number")
    DESCRIPTION = "description", _("Short description")
    LOGO = "logo", _("Logo")
    PROGRAMME_STATUS = "programme_status", _("Programme status")
    SERVICES = "services", _("Services of interest")
    LISTED = "listed", _("Listed in the directory (consent to publication)")
    CONTACT_EMAIL = "contact_email", _("Applicant's address (mails about the application)")


class AbstractAdhesionFormField(AbstractFormField):
    """A field of an adhesion form.

    Its ``clean_name`` is the key of the answers: it is computed from the label
    when the field is first saved and never changes afterwards, so renaming a
    label (or translating the page) keeps every stored answer attached.

    Subclass it with a ``ParentalKey`` named ``page`` and ``related_name="form_fields"``;
    add ``TranslatableMixin`` to translate its words with wagtail-localize, as the default
    ``AdhesionFormField`` does.
    """

    field_type = models.CharField(
        verbose_name=_("field type"), max_length=16, choices=ADHESION_FIELD_CHOICES
    )
    field_type.required_on_save = True
    maps_to = models.CharField(
        verbose_name=_("maps to member attribute"),
        max_length=32,
        choices=MemberAttribute.choices,
        blank=True,
        help_text=_("When the application is approved, this answer fills in that attribute."),
    )
    consent_text = models.TextField(
        verbose_name=_("consent text"),
        blank=True,
        help_text=_(
            "Consent checkboxes only: the full statement the applicant agrees to. It is "
            "stored with every answer. Leave blank to use the label."
        ),
    )

    #: wagtail-localize translates the label, help text, choices, default value and consent
    #: text; the answer key, type, requirement and member attribute are the same in every
    #: language, so answers sent in any language share their columns.
    override_translatable_fields = SynchronisedFields(
        "clean_name", "field_type", "required", "maps_to"
    )

    panels = [
        *AbstractFormField.panels,
        FieldPanel("consent_text"),
        FieldPanel("maps_to"),
    ]

    api_fields = [
        *AbstractFormField.api_fields,
        APIField("consent_text"),
    ]

    def get_field_clean_name(self) -> str:
        """The answer key derived from the label (used only when the field is new)."""
        return get_field_clean_name(self.label)[:200] or "field"

    def save(self, *args, **kwargs):
        # Wagtail 7.0 recomputes the name of every field without a primary key, such
        # as the copies made for a translation: keep an existing name on all versions.
        if not self.clean_name:
            self.clean_name = self.get_field_clean_name()
        models.Model.save(self, *args, **kwargs)

    @property
    def statement(self) -> str:
        """What a consent checkbox asks the applicant to agree to."""
        return self.consent_text or self.label

    def snapshot(self) -> dict:
        """The definition of this field as stored with each submission."""
        return {
            "name": self.clean_name or self.get_field_clean_name(),
            "label": self.label,
            "type": self.field_type,
            "required": self.required,
            "help_text": self.help_text,
            "choices": self.choices,
            "maps_to": self.maps_to,
            "consent_text": self.statement if self.field_type == "consent" else "",
        }

    def __str__(self) -> str:
        return self.label

    class Meta(AbstractFormField.Meta):
        abstract = True
