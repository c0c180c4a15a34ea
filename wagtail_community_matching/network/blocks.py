"""StreamField blocks of network pages, and the body that offers every feature's blocks.

Every block renders through a template in
``templates/wagtail_community_matching/blocks/`` that a site can override.
:func:`network_body_blocks` returns the list used by ``NetworkPageMixin.body``: it is
the seam where the FAQ, member, event and impact blocks meet the network page.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock

from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.events.blocks import UpcomingEventsBlock
from wagtail_community_matching.faq.blocks import FAQBlock
from wagtail_community_matching.impact.blocks import KeyFiguresBlock
from wagtail_community_matching.members.blocks import FeaturedMembersBlock, MemberCountBlock
from wagtail_community_matching.text.anchors import ANCHOR_MAX_LENGTH, check_block_anchor

TEMPLATE_DIR = "wagtail_community_matching/blocks"

HEADING_LEVELS = [("h2", _("Level 2 heading")), ("h3", _("Level 3 heading"))]

#: Icons an offer item can show; each maps to an inline SVG symbol in
#: ``includes/icon.html``, so no icon font or external request is needed.
OFFER_ICONS = [
    ("training", _("Training")),
    ("toolkit", _("Tools")),
    ("accompaniment", _("Accompaniment")),
    ("supervision", _("Supervision")),
    ("events", _("Meetings and events")),
    ("visibility", _("Visibility")),
    ("network", _("Network")),
    ("data", _("Data and evidence")),
]


class RichTextBlock(blocks.RichTextBlock):
    """Rich text limited to the features of ``RICH_TEXT_FEATURES``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("features", cm_settings.RICH_TEXT_FEATURES)
        super().__init__(*args, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Rich text")
        template = f"{TEMPLATE_DIR}/rich_text.html"


class HeadingBlock(blocks.StructBlock):
    """A section heading with an optional anchor for in-page links."""

    text = blocks.CharBlock(label=_("Text"), max_length=255)
    level = blocks.ChoiceBlock(label=_("Level"), choices=HEADING_LEVELS, default="h2")
    anchor = blocks.CharBlock(
        label=_("Anchor"),
        required=False,
        max_length=ANCHOR_MAX_LENGTH,
        help_text=_(
            "Optional id for links such as #training. Letters, digits, hyphens and underscores."
        ),
    )

    def clean(self, value):
        value = super().clean(value)
        check_block_anchor(value)  # the FAQ's rule: no reserved id such as "main" or "cm-*"
        return value

    class Meta:
        icon = "title"
        label = _("Heading")
        template = f"{TEMPLATE_DIR}/heading.html"


class OfferItemBlock(blocks.StructBlock):
    icon = blocks.ChoiceBlock(label=_("Icon"), choices=OFFER_ICONS, default="training")
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)

    class Meta:
        icon = "tick"
        label = _("Offer")


class OfferListBlock(blocks.StructBlock):
    """What members of the network get: a list of icon, title and text."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=255)
    intro = blocks.TextBlock(label=_("Introduction"), required=False)
    items = blocks.ListBlock(OfferItemBlock(), label=_("Offers"), min_num=1)

    class Meta:
        icon = "list-ul"
        label = _("Offer list")
        template = f"{TEMPLATE_DIR}/offer_list.html"


class PhaseBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Phase title"), max_length=120)
    period = blocks.CharBlock(
        label=_("Period"), required=False, max_length=80, help_text=_("For example: 2024-2025")
    )
    steps = blocks.ListBlock(blocks.CharBlock(label=_("Step"), max_length=255), label=_("Steps"))

    class Meta:
        icon = "date"
        label = _("Phase")


class PhasesTimelineBlock(blocks.StructBlock):
    """The phases of the network's work, shown as an ordered timeline."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=255)
    phases = blocks.ListBlock(PhaseBlock(), label=_("Phases"), min_num=1)

    class Meta:
        icon = "time"
        label = _("Phases timeline")
        template = f"{TEMPLATE_DIR}/phases_timeline.html"


class CallToActionBlock(blocks.StructBlock):
    """A prominent invitation linking to a page (such as the adhesion form) or a URL."""

    title = blocks.CharBlock(label=_("Title"), max_length=255)
    text = blocks.TextBlock(label=_("Text"), required=False)
    button_label = blocks.CharBlock(label=_("Button label"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External URL"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a page or enter a URL, not both and not neither.")
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = f"{TEMPLATE_DIR}/call_to_action.html"


class ResourceItemBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title"),
        required=False,
        max_length=255,
        help_text=_("Leave blank to use the document's title."),
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Resource")


class ResourcesBlock(blocks.StructBlock):
    """Downloadable documents (toolkit, advocacy kit, factsheets) with type and size."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=255)
    items = blocks.ListBlock(ResourceItemBlock(), label=_("Documents"), min_num=1)

    class Meta:
        icon = "folder-open-inverse"
        label = _("Resources")
        template = f"{TEMPLATE_DIR}/resources.html"


class ContactBlock(blocks.StructBlock):
    """An organisation's generic contact. Never put a person's data here without consent."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=255)
    organisation = blocks.CharBlock(label=_("Organisation"), required=False, max_length=255)
    email = blocks.EmailBlock(label=_("Email"), required=False)
    phone = blocks.CharBlock(label=_("Phone"), required=False, max_length=40)
    address = blocks.TextBlock(label=_("Address"), required=False)
    text = blocks.TextBlock(label=_("Text"), required=False)

    class Meta:
        icon = "mail"
        label = _("Contact")
        template = f"{TEMPLATE_DIR}/contact.html"


class FigureBlock(ImageBlock):
    """An image with alt text (Wagtail's ``ImageBlock``) rendered as a responsive figure."""

    class Meta:
        label = _("Image")
        template = f"{TEMPLATE_DIR}/image.html"


class CaptionedEmbedBlock(blocks.StructBlock):
    embed = EmbedBlock(label=_("Embed URL"), help_text=_("A video or other oEmbed URL."))
    title = blocks.CharBlock(
        label=_("Accessible title"),
        max_length=255,
        help_text=_("Describes the embedded content for screen reader users."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "media"
        label = _("Embed")
        template = f"{TEMPLATE_DIR}/embed.html"


def network_body_blocks() -> list[tuple[str, blocks.Block]]:
    """The blocks of ``NetworkPageMixin.body``, in the order the editor offers them."""
    return [
        ("rich_text", RichTextBlock()),
        ("heading", HeadingBlock()),
        ("offer_list", OfferListBlock()),
        ("phases", PhasesTimelineBlock()),
        ("call_to_action", CallToActionBlock()),
        ("resources", ResourcesBlock()),
        ("faq", FAQBlock()),
        ("contact", ContactBlock()),
        ("image", FigureBlock()),
        ("embed", CaptionedEmbedBlock()),
        ("upcoming_events", UpcomingEventsBlock()),
        ("featured_members", FeaturedMembersBlock()),
        ("member_count", MemberCountBlock()),
        ("key_figures", KeyFiguresBlock()),
    ]


__all__ = [
    "CallToActionBlock",
    "CaptionedEmbedBlock",
    "ContactBlock",
    "FigureBlock",
    "HeadingBlock",
    "OfferItemBlock",
    "OfferListBlock",
    "PhaseBlock",
    "PhasesTimelineBlock",
    "ResourceItemBlock",
    "ResourcesBlock",
    "RichTextBlock",
    "network_body_blocks",
]


#: Migrations name the blocks by their public path in :mod:`wagtail_community_matching.blocks`,
#: so moving a block between modules never changes a migration.
DECONSTRUCT_ALIASES = {
    RichTextBlock: "wagtail_community_matching.blocks.RichTextBlock",
    HeadingBlock: "wagtail_community_matching.blocks.HeadingBlock",
    OfferItemBlock: "wagtail_community_matching.blocks.OfferItemBlock",
    OfferListBlock: "wagtail_community_matching.blocks.OfferListBlock",
    PhaseBlock: "wagtail_community_matching.blocks.PhaseBlock",
    PhasesTimelineBlock: "wagtail_community_matching.blocks.PhasesTimelineBlock",
    CallToActionBlock: "wagtail_community_matching.blocks.CallToActionBlock",
    ResourceItemBlock: "wagtail_community_matching.blocks.ResourceItemBlock",
    ResourcesBlock: "wagtail_community_matching.blocks.ResourcesBlock",
    ContactBlock: "wagtail_community_matching.blocks.ContactBlock",
    FigureBlock: "wagtail_community_matching.blocks.FigureBlock",
    CaptionedEmbedBlock: "wagtail_community_matching.blocks.CaptionedEmbedBlock",
}
