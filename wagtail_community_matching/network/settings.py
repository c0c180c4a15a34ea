"""The network's site settings: who runs it and how to reach it.

Every feature may read :class:`NetworkSettings` (network name, contact, privacy notice,
data controllers, staff addresses): it is the network's one seam that all features
share, and it imports nothing of theirs.
"""

from __future__ import annotations

import swapper
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField

SOCIAL_PLATFORMS = [
    ("website", _("Website")),
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("linkedin", "LinkedIn"),
    ("mastodon", "Mastodon"),
    ("bluesky", "Bluesky"),
    ("youtube", "YouTube"),
    ("newsletter", _("Newsletter")),
]


class SocialLinkValue(blocks.StructValue):
    def platform_label(self) -> str:
        """The translated name of the platform, for link text."""
        return dict(SOCIAL_PLATFORMS).get(self.get("platform"), self.get("platform"))


class SocialLinkBlock(blocks.StructBlock):
    platform = blocks.ChoiceBlock(label=_("Platform"), choices=SOCIAL_PLATFORMS)
    url = blocks.URLBlock(label=_("URL"))

    class Meta:
        icon = "link"
        label = _("Social link")
        value_class = SocialLinkValue


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


#: Migrations name the blocks by their public path in :mod:`wagtail_community_matching.blocks`,
#: so moving a block between modules never changes a migration.
DECONSTRUCT_ALIASES = {
    SocialLinkBlock: "wagtail_community_matching.blocks.SocialLinkBlock",
}
