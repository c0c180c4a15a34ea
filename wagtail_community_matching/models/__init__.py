"""Public models and page mixins of wagtail-community-matching."""

from .base import CommunityMatchingPageMixin
from .directory import MemberDirectoryPageMixin  # noqa: I001  (needs .members first)
from .event_choices import (
    AttendanceMode,
    EventKind,
    EventStatus,
    RegistrantStatus,
    RegistrationMode,
    RegistrationStatus,
)
from .event_index import EventIndexPageMixin
from .events import EventPageMixin
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
from .occurrences import Occurrence
from .registrations import Registration
from .venues import Venue

__all__ = [
    "PUBLIC_KINDS",
    "SECTORS",
    "AttendanceMode",
    "CommunityMatchingPageMixin",
    "EventIndexPageMixin",
    "EventKind",
    "EventPageMixin",
    "EventStatus",
    "Member",
    "MemberDirectoryPageMixin",
    "MemberKind",
    "MemberQuerySet",
    "MemberService",
    "NetworkPageMixin",
    "NetworkSettings",
    "Occurrence",
    "ProgrammeStatus",
    "RegistrantStatus",
    "Registration",
    "RegistrationMode",
    "RegistrationStatus",
    "Venue",
]
