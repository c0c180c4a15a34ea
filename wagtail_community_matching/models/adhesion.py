"""Adhesion (join) forms: an editor-built form page whose answers become review cases.

Built on ``wagtail.contrib.forms``: :class:`AbstractAdhesionFormField` extends
``AbstractFormField`` with more field types and a "maps to member attribute"
choice, and :class:`AdhesionFormPageMixin` extends ``FormMixin`` with safe public
submission, editor-written mails and the review workflow. The submissions and
their review live in :mod:`.review`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import FORM_FIELD_CHOICES, AbstractFormField, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.forms.utils import get_field_clean_name
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from ..conf import cm_settings
from ..forms.adhesion import AdhesionFormBuilder, AdhesionFormPageForm, form_schema
from .base import CommunityMatchingPageMixin
from .network import validate_email_lines

#: Field types of adhesion forms: Wagtail's own plus the ones a join form needs.
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

    Subclass it with a ``ParentalKey`` named ``page`` and ``related_name="form_fields"``.
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


class AdhesionFormPageMixin(RoutablePageMixin, FormMixin, CommunityMatchingPageMixin):
    """A page with an editor-built adhesion form and the review of its applications.

    Subclass it with your base page, and subclass :class:`AbstractAdhesionFormField`
    for its fields::

        class AdhesionFormPage(AdhesionFormPageMixin, Page):
            pass

        class AdhesionFormField(AbstractAdhesionFormField):
            page = ParentalKey(AdhesionFormPage, on_delete=models.CASCADE,
                               related_name="form_fields")
    """

    intro = RichTextField(verbose_name=_("introduction"), blank=True)
    thank_you_text = RichTextField(
        verbose_name=_("thank-you text"),
        blank=True,
        help_text=_("Shown after the form is sent. Say what happens next."),
    )
    from_address = models.EmailField(
        verbose_name=_("from address"),
        blank=True,
        help_text=_("Sender of the mails of this form. Blank: the site's default sender."),
    )
    staff_notification_addresses = models.TextField(
        verbose_name=_("staff notification addresses"),
        blank=True,
        validators=[validate_email_lines],
        help_text=_("One address per line. Blank: the addresses of the network settings."),
    )
    confirmation_subject = models.CharField(
        verbose_name=_("confirmation subject"), max_length=255, blank=True
    )
    confirmation_body = models.TextField(
        verbose_name=_("confirmation text"),
        blank=True,
        help_text=_(
            "Sent to the applicant. The link to confirm the address is added below it. "
            "Never include answers: the address was typed by the public."
        ),
    )
    approval_subject = models.CharField(
        verbose_name=_("approval subject"), max_length=255, blank=True
    )
    approval_body = models.TextField(verbose_name=_("approval text"), blank=True)
    rejection_subject = models.CharField(
        verbose_name=_("rejection subject"), max_length=255, blank=True
    )
    rejection_body = models.TextField(verbose_name=_("rejection text"), blank=True)

    content_panels = [
        FormSubmissionsPanel(),
        *CommunityMatchingPageMixin.content_panels,
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel("from_address"),
                FieldPanel("staff_notification_addresses"),
                FieldPanel("confirmation_subject"),
                FieldPanel("confirmation_body"),
                FieldPanel("approval_subject"),
                FieldPanel("approval_body"),
                FieldPanel("rejection_subject"),
                FieldPanel("rejection_body"),
            ],
            heading=_("Mails"),
        ),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    api_fields = [
        APIField("intro"),
        APIField("thank_you_text"),
        APIField("form_fields"),
        APIField("form_schema"),
    ]

    base_form_class = AdhesionFormPageForm
    form_builder = AdhesionFormBuilder

    default_template = "wagtail_community_matching/adhesion_form_page.html"
    #: Landing template used when the page class's own ``landing_page_template`` does not exist.
    default_landing_template = "wagtail_community_matching/adhesion_form_page_landing.html"

    def get_landing_page_template(self, request, *args, **kwargs):
        return [self.landing_page_template, self.default_landing_template]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["verification_required"] = cm_settings.ADHESION_VERIFICATION_REQUIRED
        return context

    def get_form_fields(self):
        return self.form_fields.all()

    def get_submission_class(self):
        from .review import AdhesionSubmission

        return AdhesionSubmission

    def get_submissions_list_view_class(self):
        from ..views.review import AdhesionSubmissionsListView

        return self.submissions_list_view_class or AdhesionSubmissionsListView

    def get_data_fields(self):
        """Columns of the exports: review data, then every answer key ever used."""
        from ..exports import export_columns

        return export_columns(self, self.get_submissions())

    def form_definition(self) -> list[dict]:
        """The snapshot of the current fields stored with each new submission."""
        return [field.snapshot() for field in self.get_form_fields()]

    @property
    def form_schema(self) -> list[dict]:
        """The fields for headless front ends: name, type, label, choices, limits."""
        return form_schema(self)

    def staff_addresses(self, site=None) -> list[str]:
        """Who is told about new applications."""
        own = [line.strip() for line in self.staff_notification_addresses.splitlines()]
        own = [address for address in own if address]
        if own:
            return own
        from .network import NetworkSettings

        site = site or self.get_site()
        return NetworkSettings.for_site(site).staff_notification_list if site else []

    def process_form_submission(self, form):
        """Store the submission of a valid ``form`` (no mails: see ``submit_application``)."""
        from ..submissions import store_submission

        return store_submission(self, form)

    @path("", name="form")
    def form_route(self, request):
        from ..views.submit import serve_form

        return serve_form(self, request)

    def serve(self, request, view=None, args=None, kwargs=None):
        if view is None:  # previews and direct calls
            return self.form_route(request)
        return super().serve(request, view, args, kwargs)

    @path("thanks/", name="thanks")
    def thanks_route(self, request):
        from ..views.submit import thanks

        return thanks(self, request)

    @path("verify/<path:token>/", name="verify")
    def verify_address(self, request, token):
        from ..views.verify import verify_address

        return verify_address(self, request, token)

    class Meta:
        abstract = True
        verbose_name = _("adhesion form page")
        verbose_name_plural = _("adhesion form pages")
