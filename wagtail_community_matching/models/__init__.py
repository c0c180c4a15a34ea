"""Public models and page mixins of wagtail-community-matching."""

from .base import CommunityMatchingPageMixin
from .faq import FAQ, FAQPageMixin
from .network import NetworkPageMixin, NetworkSettings

__all__ = [
    "FAQ",
    "CommunityMatchingPageMixin",
    "FAQPageMixin",
    "NetworkPageMixin",
    "NetworkSettings",
]
