"""Public models and page mixins of wagtail-community-matching."""

from .base import CommunityMatchingPageMixin
from .directory import MemberDirectoryPageMixin  # noqa: I001  (needs .members first)
from .faq import FAQ, FAQPageMixin
from .members import (
    PUBLIC_KINDS,
    SECTORS,
    Member,
    MemberKind,
    MemberQuerySet,
    MemberService,
    ProgrammeStatus,
)
from .network import NetworkPageMixin, NetworkSettings

__all__ = [
    "FAQ",
    "PUBLIC_KINDS",
    "SECTORS",
    "CommunityMatchingPageMixin",
    "FAQPageMixin",
    "Member",
    "MemberDirectoryPageMixin",
    "MemberKind",
    "MemberQuerySet",
    "MemberService",
    "NetworkPageMixin",
    "NetworkSettings",
    "ProgrammeStatus",
]
