"""Event pages: their fields and panels (when and where, recurrence, registration
settings), validation and what visitors see; routes and sign-up state are composed in."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.search import index

from wagtail_community_matching.base import CommunityMatchingPageMixin
from wagtail_community_matching.events.admin_forms import EventPageForm
from wagtail_community_matching.events.choices import (
    AttendanceMode,
    EventKind,
    EventStatus,
    RegistrationMode,
)
from wagtail_community_matching.events.routes import EventRoutesMixin
from wagtail_community_matching.events.rule_widget import RecurrenceWidget
from wagtail_community_matching.events.schedule import EventScheduleMixin
from wagtail_community_matching.events.serializers import OccurrenceListField, VenueField
from wagtail_community_matching.events.sign_up import EventSignUpMixin
from wagtail_community_matching.localize import SynchronisedFields

#: Facts of an event, the same in every language: wagtail-localize copies them from the
#: source page to its translations and translators cannot change them. Its words (title,
#: summary, description, audience, organiser's name, consent text) are translated.
SYNCHRONISED_FIELDS = (
    "kind",
    "start",
    "end",
    "timezone",
    "all_day",
    "recurrence_rule",
    "recurrence_exceptions",
    "date_changes",
    "status",
    "attendance_mode",
    "venue",
    "online_url",
    "online_url_public",
    "organiser",
    "image",
    "registration_mode",
    "registration_url",
    "registration_opens",
    "registration_closes",
    "capacity",
    "waiting_list",
)


class EventPageMixin(
    EventRoutesMixin, EventSignUpMixin, EventScheduleMixin, CommunityMatchingPageMixin
):
    """A meeting, training, supervision session or webinar of the network.

    ``start`` and ``end`` are stored as aware datetimes; editors type them as wall
    times in the event's ``timezone`` (see :class:`~.forms.event_page.EventPageForm`).
    Publishing expands the recurrence into :class:`~.occurrences.Occurrence` rows.
    Routes: ``ical/`` (the event as iCalendar), ``register/`` and ``register/done/``
    (see :class:`~.routes.EventRoutesMixin`); sign-up state in
    :class:`~.sign_up.EventSignUpMixin`.
    """

    community_matching_feature = "events"

    kind = models.CharField(
        verbose_name=_("kind"), max_length=20, choices=EventKind.choices, default=EventKind.MEETING
    )
    summary = models.TextField(
        verbose_name=_("summary"),
        blank=True,
        help_text=_("One or two sentences shown in listings, calendars and search results."),
    )
    body = RichTextField(verbose_name=_("description"), blank=True)
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attendance_mode = models.CharField(
        verbose_name=_("attendance"),
        max_length=20,
        choices=AttendanceMode.choices,
        default=AttendanceMode.IN_PERSON,
    )
    venue = models.ForeignKey(
        "wagtail_community_matching.Venue",
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    online_url = models.URLField(verbose_name=_("online link"), blank=True)
    online_url_public = models.BooleanField(
        verbose_name=_("show the online link on the page"),
        default=True,
        help_text=_("Untick to send the link only to registrants, in their confirmation email."),
    )
    organiser = models.ForeignKey(
        "wagtail_community_matching.Member",
        verbose_name=_("organising member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A member of the network that organises the event."),
    )
    organiser_name = models.CharField(
        verbose_name=_("organiser (other)"),
        max_length=255,
        blank=True,
        help_text=_(
            "Who organises the event, when it is not a member, or while the member is not "
            "published."
        ),
    )
    audience = models.CharField(
        verbose_name=_("audience"),
        max_length=255,
        blank=True,
        help_text=_("Who the event is for, such as: staff of member organisations."),
    )
    status = models.CharField(
        verbose_name=_("status"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
    )
    registration_mode = models.CharField(
        verbose_name=_("registration"),
        max_length=20,
        choices=RegistrationMode.choices,
        default=RegistrationMode.NONE,
    )
    registration_url = models.URLField(verbose_name=_("registration link"), blank=True)
    registration_opens = models.DateTimeField(
        verbose_name=_("registration opens"),
        null=True,
        blank=True,
        help_text=_("Leave blank to open registration when the page is published."),
    )
    registration_closes = models.DateTimeField(
        verbose_name=_("registration closes"),
        null=True,
        blank=True,
        help_text=_("Leave blank to close registration when the event starts."),
    )
    capacity = models.PositiveIntegerField(
        verbose_name=_("places"),
        null=True,
        blank=True,
        help_text=_("Places for each date. Leave blank for no limit."),
    )
    waiting_list = models.BooleanField(
        verbose_name=_("offer a waiting list when full"), default=True
    )
    registration_consent_text = models.TextField(
        verbose_name=_("consent text"),
        blank=True,
        help_text=_(
            "What registrants agree to. Leave blank for the default text; it is stored with "
            "each registration."
        ),
    )
    base_form_class = EventPageForm

    override_translatable_fields = SynchronisedFields(*SYNCHRONISED_FIELDS)

    content_panels = [
        *CommunityMatchingPageMixin.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("timezone"), FieldPanel("all_day")]),
                FieldPanel("recurrence_rule", widget=RecurrenceWidget),
                FieldPanel("recurrence_exceptions"),
                FieldPanel("date_changes"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance_mode"),
                FieldPanel("venue"),
                FieldPanel("online_url"),
                FieldPanel("online_url_public"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("body"),
        FieldPanel("image"),
        FieldRowPanel([FieldPanel("organiser"), FieldPanel("organiser_name")]),
        FieldPanel("audience"),
        MultiFieldPanel(
            [
                FieldPanel("registration_mode"),
                FieldPanel("registration_url"),
                FieldRowPanel(
                    [FieldPanel("registration_opens"), FieldPanel("registration_closes")]
                ),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("waiting_list")]),
                FieldPanel("registration_consent_text"),
            ],
            heading=_("Registration"),
        ),
    ]

    search_fields = [
        *CommunityMatchingPageMixin.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("start"),
    ]

    api_fields = [
        APIField("kind"),
        APIField("summary"),
        APIField("body"),
        APIField("image"),
        APIField("start"),
        APIField("end"),
        APIField("timezone"),
        APIField("all_day"),
        APIField("recurrence_rule"),
        APIField("attendance_mode"),
        APIField("venue", serializer=VenueField()),
        APIField("public_online_url"),
        APIField("organiser_display"),
        APIField("audience"),
        APIField("status"),
        APIField("registration_mode"),
        APIField("public_registration_url"),
        APIField("capacity"),
        APIField("registration_status"),
        APIField("upcoming_occurrences", serializer=OccurrenceListField()),
    ]

    default_template = "wagtail_community_matching/event_page.html"

    # --- Validation -----------------------------------------------------------

    def clean(self):
        super().clean()
        errors = self.clean_schedule()

        def error(field, message):
            errors.setdefault(field, []).append(ValidationError(message))

        mode = self.attendance_mode
        if mode in (AttendanceMode.ONLINE, AttendanceMode.HYBRID) and not self.online_url:
            error("online_url", _("Online and hybrid events need an online link."))
        if mode in (AttendanceMode.IN_PERSON, AttendanceMode.HYBRID) and not self.venue_id:
            error("venue", _("In-person and hybrid events need a venue."))
        if not self.online_url_public and self.registration_mode != RegistrationMode.BUILT_IN:
            error(
                "online_url_public",
                _("The link can be sent to registrants only with registration on this site."),
            )
        if self.registration_mode == RegistrationMode.EXTERNAL and not self.registration_url:
            error("registration_url", _("Enter the address of the registration page."))
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_closes <= self.registration_opens
        ):
            error("registration_closes", _("Registration must close after it opens."))
        if self.capacity == 0:
            error("capacity", _("Enter at least one place, or leave blank for no limit."))
        if errors:
            raise ValidationError(errors)

    # --- What visitors see ----------------------------------------------------

    @property
    def public_online_url(self) -> str:
        return self.online_url if self.online_url_public else ""

    @property
    def public_organiser(self):
        """The organising member when it is published and listed, else ``None``."""
        member = self.organiser
        if member is not None and member.live and member.listed:
            return member
        return None

    @property
    def organiser_display(self) -> str:
        """The organiser's name as visitors see it: the public member, else the free text."""
        member = self.public_organiser
        return member.name if member is not None else self.organiser_name

    class Meta:
        abstract = True
        verbose_name = _("event page")
        verbose_name_plural = _("event pages")
