"""Public models and page mixins of wagtail-community-matching."""

from .base import CommunityMatchingPageMixin
from .network import NetworkPageMixin, NetworkSettings

__all__ = [
    "CommunityMatchingPageMixin",
    "NetworkPageMixin",
    "NetworkSettings",
]
