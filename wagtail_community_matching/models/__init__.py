"""Public models and page mixins of wagtail-community-matching."""

from .adhesion import (
    ADHESION_FIELD_CHOICES,
    AbstractAdhesionFormField,
    AdhesionFormPageMixin,
    MemberAttribute,
)
from .base import CommunityMatchingPageMixin
from .network import NetworkPageMixin, NetworkSettings
from .review import AdhesionNote, AdhesionSubmission, AdhesionUpload, ReviewStatus

__all__ = [
    "ADHESION_FIELD_CHOICES",
    "AbstractAdhesionFormField",
    "AdhesionFormPageMixin",
    "AdhesionNote",
    "AdhesionSubmission",
    "AdhesionUpload",
    "CommunityMatchingPageMixin",
    "MemberAttribute",
    "NetworkPageMixin",
    "NetworkSettings",
    "ReviewStatus",
]
