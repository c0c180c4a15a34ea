"""Public models and page mixins of wagtail-community-matching."""

from .base import CommunityMatchingPageMixin
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
from .network import NetworkPageMixin, NetworkSettings
from .occurrences import Occurrence
from .registrations import Registration
from .venues import Venue

__all__ = [
    "AttendanceMode",
    "CommunityMatchingPageMixin",
    "EventIndexPageMixin",
    "EventKind",
    "EventPageMixin",
    "EventStatus",
    "NetworkPageMixin",
    "NetworkSettings",
    "Occurrence",
    "RegistrantStatus",
    "Registration",
    "RegistrationMode",
    "RegistrationStatus",
    "Venue",
]
