"""Public models and page mixins of wagtail-community-matching."""

from .base import CommunityMatchingPageMixin
from .directory import MemberDirectoryPageMixin  # noqa: I001  (needs .members first)
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

__all__ = [
    "PUBLIC_KINDS",
    "SECTORS",
    "CommunityMatchingPageMixin",
    "ImpactPageMixin",
    "ImpactReport",
    "ImpactValue",
    "Indicator",
    "IndicatorKind",
    "Member",
    "MemberDirectoryPageMixin",
    "MemberKind",
    "MemberQuerySet",
    "MemberService",
    "NetworkPageMixin",
    "NetworkSettings",
    "PeriodPart",
    "ProgrammeStatus",
    "ReportStatus",
]
