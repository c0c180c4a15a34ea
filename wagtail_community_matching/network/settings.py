"""The network's site settings: who runs it and how to reach it.

Every feature may read :class:`NetworkSettings` (network name, contact, privacy notice,
data controllers, staff addresses): it is the network's one seam that all features
share, and it imports nothing of theirs.
"""

from __future__ import annotations

import swapper
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Locale, Orderable

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
class NetworkSettings(BaseSiteSetting, ClusterableModel):
    """Who runs the network and how to reach it, per Wagtail site.

    Facts that do not depend on the language (contact address, staff addresses, social
    links) are fields; the network's words in each language (name, tagline, data
    controller statement, privacy notice page, join page) are
    :class:`NetworkLocaleSettings` rows, one per locale. ``network_name``, ``tagline``,
    ``data_controllers``, ``privacy_notice_page`` and ``join_page`` read the row of the
    active language, field by field falling back to the default locale's row.
    """

    contact_email = models.EmailField(verbose_name=_("contact email"), blank=True)
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown beside the network's name at the top of every page."),
    )
    favicon = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("browser icon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A square image shown in browser tabs and bookmarks (favicon); at least "
            "180 by 180 pixels."
        ),
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

    #: Read with the settings in one query (Wagtail's settings honour ``select_related``).
    select_related = ["logo", "favicon"]

    panels = [
        InlinePanel(
            "locale_settings",
            heading=_("In each language"),
            label=_("Language"),
            help_text=_(
                "The network's name and texts in each language of the site. A language "
                "without its own value uses the default language's."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("logo"),
                FieldPanel("favicon"),
                FieldPanel("contact_email"),
                FieldPanel("social_links"),
            ],
            heading=_("Network"),
        ),
        MultiFieldPanel(
            [FieldPanel("staff_notification_emails")],
            heading=_("Notifications"),
        ),
    ]

    @property
    def staff_notification_list(self) -> list[str]:
        """The staff notification addresses as a list."""
        return [
            line.strip() for line in self.staff_notification_emails.splitlines() if line.strip()
        ]

    # --- The words of the active language ---------------------------------------------

    def _locale_rows(self) -> dict:
        """This site's rows by language code, read once per settings object."""
        rows = getattr(self, "_rows_by_language", None)
        if rows is None:
            rows = {}
            if self.pk is not None:
                query = self.locale_settings.select_related(
                    "locale", "privacy_notice_page", "join_page"
                )
                rows = {row.locale.language_code: row for row in query}
            self._rows_by_language = rows
        return rows

    def in_language(self, field: str, language_code: str | None = None):
        """``field`` of the row of ``language_code`` (the active language), else the default's."""
        rows = self._locale_rows()
        codes = [_content_language(language_code or get_language())]
        codes.append(_content_language(settings.LANGUAGE_CODE))
        for code in codes:
            row = rows.get(code)
            value = getattr(row, field, None) if row is not None else None
            if value:
                return value
        return None if field in _PAGE_FIELDS else ""

    def set_language_values(self, locale=None, **values) -> NetworkLocaleSettings:
        """Save ``values`` (fields of :class:`NetworkLocaleSettings`) for ``locale``.

        ``locale`` is a :class:`~wagtail.models.Locale` (the default one when ``None``);
        the settings are saved first if they are new.
        """
        if locale is None:
            locale = Locale.get_default()
        if self.pk is None:
            self.save()
        row, _created = NetworkLocaleSettings.objects.update_or_create(
            network_settings=self, locale=locale, defaults=values
        )
        self._rows_by_language = None
        return row

    @property
    def network_name(self) -> str:
        return self.in_language("network_name")

    @property
    def tagline(self) -> str:
        return self.in_language("tagline")

    @property
    def data_controllers(self) -> str:
        return self.in_language("data_controllers")

    @property
    def privacy_notice_page(self):
        return self.in_language("privacy_notice_page")

    @property
    def join_page(self):
        """The join page (the adhesion form) of the active language, when it is live."""
        page = self.in_language("join_page")
        return page if page is not None and page.live else None

    def __str__(self) -> str:
        return self.network_name or str(_("Network settings"))

    class Meta:
        verbose_name = _("network settings")
        verbose_name_plural = _("network settings")


_PAGE_FIELDS = ("privacy_notice_page", "join_page")


def _content_language(code: str | None) -> str:
    try:
        return get_supported_content_language_variant(code or settings.LANGUAGE_CODE)
    except LookupError:
        return code or ""


class NetworkLocaleSettings(Orderable):
    """The network's words in one language: a row of :class:`NetworkSettings`."""

    network_settings = ParentalKey(
        NetworkSettings, on_delete=models.CASCADE, related_name="locale_settings"
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("language"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    network_name = models.CharField(
        verbose_name=_("network name"),
        max_length=255,
        blank=True,
        help_text=_("Shown in page titles and footers."),
    )
    tagline = models.CharField(
        verbose_name=_("tagline"),
        max_length=255,
        blank=True,
        help_text=_("One line under the network's name in the footer."),
    )
    privacy_notice_page = models.ForeignKey(
        swapper.get_model_name("wagtailcore", "Page"),
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    join_page = models.ForeignKey(
        swapper.get_model_name("wagtailcore", "Page"),
        verbose_name=_("join page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            'The adhesion form in this language: the header\'s "Join the network" link '
            "points to it while it is live."
        ),
    )
    data_controllers = RichTextField(
        verbose_name=_("data controller(s)"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Who controls personal data collected by the network's forms."),
    )

    panels = [
        FieldPanel("locale"),
        FieldPanel("network_name"),
        FieldPanel("tagline"),
        FieldPanel("join_page"),
        FieldPanel("privacy_notice_page"),
        FieldPanel("data_controllers"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("network settings in one language")
        verbose_name_plural = _("network settings in each language")
        constraints = [
            models.UniqueConstraint(
                fields=["network_settings", "locale"], name="cm_network_settings_one_per_locale"
            )
        ]


#: Migrations name the blocks by their public path in :mod:`wagtail_community_matching.blocks`,
#: so moving a block between modules never changes a migration.
DECONSTRUCT_ALIASES = {
    SocialLinkBlock: "wagtail_community_matching.blocks.SocialLinkBlock",
}
