"""Network information pages and the network's site-wide settings."""

from __future__ import annotations

import swapper
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from ..blocks import SocialLinkBlock, network_body_blocks
from .base import CommunityMatchingPageMixin

# Read the page model from WAGTAIL_PAGE_MODEL even if this module is imported
# before Wagtail's (see Wagtail's "reusable apps and custom base page models").
swapper.set_app_prefix("wagtailcore", "wagtail")


class NetworkPageMixin(CommunityMatchingPageMixin):
    """A page that explains the network: what it is, what members get, how it works.

    Subclass it together with your base page model (``wagtail.models.Page`` or
    the model named by ``WAGTAIL_PAGE_MODEL``) and add that model's own search
    fields::

        class NetworkPage(NetworkPageMixin, Page):
            search_fields = [*Page.search_fields, *NetworkPageMixin.search_fields]
    """

    intro = models.TextField(
        verbose_name=_("introduction"),
        blank=True,
        help_text=_("A short paragraph shown under the title and in search results."),
    )
    body = StreamField(
        network_body_blocks(),
        verbose_name=_("body"),
        blank=True,
    )

    content_panels = [
        *CommunityMatchingPageMixin.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    search_fields = [
        *CommunityMatchingPageMixin.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    api_fields = [
        APIField("intro"),
        APIField("body"),
    ]

    default_template = "wagtail_community_matching/network_page.html"

    class Meta:
        abstract = True
        verbose_name = _("network page")
        verbose_name_plural = _("network pages")


def validate_email_lines(value: str) -> None:
    """Validate a text holding one email address per line."""
    for number, line in enumerate(value.splitlines(), start=1):
        address = line.strip()
        if not address:
            continue
        try:
            validate_email(address)
        except ValidationError as error:
            raise ValidationError(
                _("Line %(number)s: %(address)s is not a valid email address."),
                code="invalid_email_line",
                params={"number": number, "address": address},
            ) from error


@register_setting(icon="group")
class NetworkSettings(BaseSiteSetting):
    """Who runs the network and how to reach it, per Wagtail site."""

    network_name = models.CharField(
        verbose_name=_("network name"),
        max_length=255,
        blank=True,
        help_text=_("Shown in page titles and footers."),
    )
    contact_email = models.EmailField(verbose_name=_("contact email"), blank=True)
    privacy_notice_page = models.ForeignKey(
        swapper.get_model_name("wagtailcore", "Page"),
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    data_controllers = RichTextField(
        verbose_name=_("data controller(s)"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Who controls personal data collected by the network's forms."),
    )
    staff_notification_emails = models.TextField(
        verbose_name=_("staff notification addresses"),
        blank=True,
        validators=[validate_email_lines],
        help_text=_("One email address per line. They are told about new applications."),
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())],
        verbose_name=_("social links"),
        blank=True,
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("network_name"), FieldPanel("contact_email"), FieldPanel("social_links")],
            heading=_("Network"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("privacy_notice_page"),
                FieldPanel("data_controllers"),
                FieldPanel("staff_notification_emails"),
            ],
            heading=_("Privacy and notifications"),
        ),
    ]

    @property
    def staff_notification_list(self) -> list[str]:
        """The staff notification addresses as a list."""
        return [
            line.strip() for line in self.staff_notification_emails.splitlines() if line.strip()
        ]

    def __str__(self) -> str:
        return self.network_name or str(_("Network settings"))

    class Meta:
        verbose_name = _("network settings")
        verbose_name_plural = _("network settings")
