"""Adhesion (join) forms: an editor-built form page whose answers become review cases.

Built on ``wagtail.contrib.forms``: :class:`AbstractAdhesionFormField` extends
``AbstractFormField`` with more field types and a "maps to member attribute"
choice, and :class:`AdhesionFormPageMixin` extends ``FormMixin`` with safe public
submission, editor-written mails and the review workflow. The fields live in
:mod:`.fields`, the submissions and their review in :mod:`.models` and :mod:`.reviewing`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.search import index

from wagtail_community_matching.adhesion.exports import export_columns
from wagtail_community_matching.adhesion.forms import (
    AdhesionFormBuilder,
    AdhesionFormPageForm,
    form_schema,
)
from wagtail_community_matching.adhesion.models import AdhesionSubmission
from wagtail_community_matching.adhesion.submissions import store_submission
from wagtail_community_matching.adhesion.views.submit import serve_form, thanks
from wagtail_community_matching.adhesion.views.verify import verify_address
from wagtail_community_matching.base import CommunityMatchingPageMixin
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.localize import SynchronisedFields
from wagtail_community_matching.network.settings import NetworkSettings, validate_email_lines


#: Field types of adhesion forms: Wagtail's own plus the ones a join form needs.
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

    community_matching_feature = "adhesion"

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

    #: wagtail-localize translates the words and mails and copies the addresses from the source.
    override_translatable_fields = SynchronisedFields(
        "from_address", "staff_notification_addresses"
    )

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

    search_fields = [*CommunityMatchingPageMixin.search_fields, index.SearchField("intro")]

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
        return AdhesionSubmission

    def get_submissions(self):
        """The applications sent through this form in any language.

        A form and its translations are one form (their fields share their keys), so
        they share one review list: each translation lists the applications of all.
        """
        return self.get_submission_class().objects.filter(
            page__translation_key=self.translation_key
        )

    def get_submissions_list_view_class(self):
        # Wagtail's form views load the page model: importable only once apps are ready.
        from wagtail_community_matching.adhesion.views.listing import AdhesionSubmissionsListView

        return self.submissions_list_view_class or AdhesionSubmissionsListView

    def get_data_fields(self):
        """Columns of the exports: review data, then every answer key ever used."""
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

        site = site or self.get_site()
        return NetworkSettings.for_site(site).staff_notification_list if site else []

    def process_form_submission(self, form):
        """Store the submission of a valid ``form`` (no mails: see ``submit_application``)."""
        return store_submission(self, form)

    @path("", name="form")
    def form_route(self, request):
        return serve_form(self, request)

    def serve(self, request, view=None, args=None, kwargs=None):
        if view is None:  # previews and direct calls
            return self.form_route(request)
        return super().serve(request, view, args, kwargs)

    @path("thanks/", name="thanks")
    def thanks_route(self, request):
        return thanks(self, request)

    @path("verify/<path:token>/", name="verify")
    def verify_address(self, request, token):
        return verify_address(self, request, token)

    class Meta:
        abstract = True
        verbose_name = _("adhesion form page")
        verbose_name_plural = _("adhesion form pages")
