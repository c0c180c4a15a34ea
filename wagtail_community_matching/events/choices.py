"""Choices shared by events, their occurrences and registrations."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    TRAINING = "training", _("Training")
    SUPERVISION = "supervision", _("Supervision")
    WEBINAR = "webinar", _("Webinar")
    OTHER = "other", _("Other")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid (in person and online)")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")
    POSTPONED = "postponed", _("Postponed")
    RESCHEDULED = "rescheduled", _("Rescheduled")


class RegistrationMode(models.TextChoices):
    NONE = "none", _("No registration")
    EXTERNAL = "external", _("On another website")
    BUILT_IN = "built_in", _("Registration form on this site")


class RegistrationStatus(models.TextChoices):
    """Whether visitors can sign up now. ``full`` still offers the waiting list."""

    OPEN = "open", _("Registration open")
    FULL = "full", _("Full")
    CLOSED = "closed", _("Registration closed")
    NOT_YET_OPEN = "not_yet_open", _("Registration not yet open")


class RegistrantStatus(models.TextChoices):
    """Where a sign-up stands. ``unconfirmed`` holds a place until ``held_until``."""

    UNCONFIRMED = "unconfirmed", _("Not confirmed yet (place held)")
    REGISTERED = "registered", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Released (not confirmed in time)")
