"""Public models and page mixins of wagtail-community-matching."""

from .adhesion import (
    ADHESION_FIELD_CHOICES,
    AbstractAdhesionFormField,
    AdhesionFormPageMixin,
    MemberAttribute,
)
from .base import CommunityMatchingPageMixin
from .directory import MemberDirectoryPageMixin  # noqa: I001  (needs .members first)
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
from .review import AdhesionNote, AdhesionSubmission, AdhesionUpload, ReviewStatus

__all__ = [
    "ADHESION_FIELD_CHOICES",
    "PUBLIC_KINDS",
    "SECTORS",
    "AbstractAdhesionFormField",
    "AdhesionFormPageMixin",
    "AdhesionNote",
    "AdhesionSubmission",
    "AdhesionUpload",
    "CommunityMatchingPageMixin",
    "Member",
    "MemberAttribute",
    "MemberDirectoryPageMixin",
    "MemberKind",
    "MemberQuerySet",
    "MemberService",
    "NetworkPageMixin",
    "NetworkSettings",
    "ProgrammeStatus",
    "ReviewStatus",
]
