"""Public models and page mixins of wagtail-community-matching."""

from .adhesion import (
    ADHESION_FIELD_CHOICES,
    AbstractAdhesionFormField,
    AdhesionFormPageMixin,
    MemberAttribute,
)
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
from .faq import FAQ, FAQPageMixin
from .impact import ImpactPageMixin, Indicator, IndicatorKind
from .impact_reports import ImpactReport, ImpactValue, PeriodPart, ReportStatus
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
from .review import AdhesionNote, AdhesionSubmission, AdhesionUpload, ReviewStatus
from .venues import Venue

__all__ = [
    "ADHESION_FIELD_CHOICES",
    "FAQ",
    "PUBLIC_KINDS",
    "SECTORS",
    "AttendanceMode",
    "AbstractAdhesionFormField",
    "AdhesionFormPageMixin",
    "AdhesionNote",
    "AdhesionSubmission",
    "AdhesionUpload",
    "CommunityMatchingPageMixin",
    "FAQPageMixin",
    "EventIndexPageMixin",
    "EventKind",
    "EventPageMixin",
    "EventStatus",
    "ImpactPageMixin",
    "ImpactReport",
    "ImpactValue",
    "Indicator",
    "IndicatorKind",
    "Member",
    "MemberAttribute",
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
    "ReviewStatus",
    "PeriodPart",
    "ProgrammeStatus",
    "ReportStatus",
]
