"""StreamField blocks of the package (public API).

Every block renders through a template in
``templates/wagtail_community_matching/blocks/`` that a site can override.
:func:`network_body_blocks` returns the list used by ``NetworkPageMixin.body``;
sites building their own StreamFields can pick single blocks from this module.
The blocks are defined in their feature's package (``network``, ``faq``, ``members``,
``events``, ``impact``); this module re-exports them under stable names.
"""

from wagtail_community_matching.events.blocks import UpcomingEventsBlock
from wagtail_community_matching.faq.blocks import (
    FAQAnswerBlock,
    FAQBlock,
    FAQItemsBlock,
    FAQQuestionBlock,
    FAQSectionBlock,
    FAQSectionsBlock,
)
from wagtail_community_matching.impact.blocks import KeyFiguresBlock
from wagtail_community_matching.members.blocks import FeaturedMembersBlock, MemberCountBlock
from wagtail_community_matching.network.blocks import (
    CallToActionBlock,
    CaptionedEmbedBlock,
    ContactBlock,
    FigureBlock,
    HeadingBlock,
    OfferItemBlock,
    OfferListBlock,
    PhaseBlock,
    PhasesTimelineBlock,
    ResourceItemBlock,
    ResourcesBlock,
    RichTextBlock,
    network_body_blocks,
)
from wagtail_community_matching.network.settings import SocialLinkBlock, SocialLinkValue

__all__ = [
    "CallToActionBlock",
    "CaptionedEmbedBlock",
    "ContactBlock",
    "FAQAnswerBlock",
    "FAQBlock",
    "FAQItemsBlock",
    "FAQQuestionBlock",
    "FAQSectionBlock",
    "FAQSectionsBlock",
    "FeaturedMembersBlock",
    "FigureBlock",
    "HeadingBlock",
    "KeyFiguresBlock",
    "MemberCountBlock",
    "OfferItemBlock",
    "OfferListBlock",
    "PhaseBlock",
    "PhasesTimelineBlock",
    "ResourceItemBlock",
    "ResourcesBlock",
    "RichTextBlock",
    "SocialLinkBlock",
    "SocialLinkValue",
    "UpcomingEventsBlock",
    "network_body_blocks",
]
