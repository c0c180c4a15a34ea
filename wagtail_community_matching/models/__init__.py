"""Public models and page mixins of wagtail-community-matching."""

from wagtail_community_matching.adhesion.fields import (
    ADHESION_FIELD_CHOICES,
    AbstractAdhesionFormField,
    MemberAttribute,
)
from wagtail_community_matching.adhesion.models import (
    AdhesionNote,
    AdhesionSubmission,
    AdhesionUpload,
    ReviewStatus,
)
from wagtail_community_matching.adhesion.pages import AdhesionFormPageMixin
from wagtail_community_matching.base import CommunityMatchingPageMixin
from wagtail_community_matching.events.choices import (
    AttendanceMode,
    EventKind,
    EventStatus,
    RegistrantStatus,
    RegistrationMode,
    RegistrationStatus,
)
from wagtail_community_matching.events.index_page import EventIndexPageMixin
from wagtail_community_matching.events.occurrences import Occurrence
from wagtail_community_matching.events.pages import EventPageMixin
from wagtail_community_matching.events.registrations import Registration
from wagtail_community_matching.events.venues import Venue
from wagtail_community_matching.faq.models import FAQ, FAQPageMixin
from wagtail_community_matching.impact.indicators import Indicator, IndicatorKind
from wagtail_community_matching.impact.models import (
    ImpactReport,
    ImpactValue,
    PeriodPart,
    ReportStatus,
)
from wagtail_community_matching.impact.pages import ImpactPageMixin
from wagtail_community_matching.members.choices import (
    PUBLIC_KINDS,
    SECTORS,
    MemberKind,
    MemberService,
    ProgrammeStatus,
)
from wagtail_community_matching.members.models import Member, MemberQuerySet
from wagtail_community_matching.members.pages import MemberDirectoryPageMixin  # noqa: I001  (needs .members first)
from wagtail_community_matching.network.models import NetworkPageMixin
from wagtail_community_matching.network.settings import NetworkLocaleSettings, NetworkSettings
from wagtail_community_matching.ratelimit.counters import RateCounter

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
    "NetworkLocaleSettings",
    "NetworkSettings",
    "Occurrence",
    "RateCounter",
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
