"""Endpoint classes for Wagtail's API v2 router.

Register them in your project's ``api.py`` / ``urls.py``::

    api_router.register_endpoint("event_occurrences", OccurrencesAPIViewSet)
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from ..forms.events import FIRST_YEAR, LAST_YEAR
from ..models.event_choices import AttendanceMode, EventKind
from ..models.occurrences import Occurrence, attach_events

# -- Events -------------------------------------------------------------------------------


class OccurrencesAPIViewSet(BaseAPIViewSet):
    """Dates of the live, public event pages: upcoming first, soonest first.

    Query parameters: ``from`` and ``to`` (``YYYY-MM-DD``, days in the site's time
    zone), ``kind``, ``mode`` (attendance), ``city``, ``event`` (a page id),
    ``locale`` (a language code), ``past=true`` (finished dates, latest first),
    plus Wagtail's ``limit`` and ``offset``. Bad values answer 400 with a message.
    """

    model = Occurrence
    name = "event_occurrences"
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(
        ["from", "to", "kind", "mode", "city", "event", "locale", "past"]
    )
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "start",
        "end",
        "timezone",
        "all_day",
        "kind",
        "attendance_mode",
        "status",
        "venue",
        "event",
    ]

    @staticmethod
    def _date(params, name: str) -> date | None:
        value = params.get(name)
        if not value:
            return None
        try:
            day = date.fromisoformat(value)
        except ValueError as error:
            raise BadRequestError(
                _("%(name)s must be a date written as YYYY-MM-DD.") % {"name": name}
            ) from error
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise BadRequestError(
                _("%(name)s must be between the years %(first)s and %(last)s.")
                % {"name": name, "first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return day

    @staticmethod
    def _choice(params, name: str, choices) -> str:
        value = params.get(name, "")
        if value and value not in choices.values:
            raise BadRequestError(
                _("%(name)s must be one of: %(values)s.")
                % {"name": name, "values": ", ".join(choices.values)}
            )
        return value

    def get_queryset(self):
        params = self.request.GET
        queryset = Occurrence.objects.public().select_related("venue").with_registered_count()
        queryset = queryset.past() if params.get("past") == "true" else queryset.upcoming()
        date_from, date_to = self._date(params, "from"), self._date(params, "to")
        if date_from and date_to and date_to < date_from:
            raise BadRequestError(_("to must be on or after from."))
        queryset = queryset.between(date_from, date_to)
        if kind := self._choice(params, "kind", EventKind):
            queryset = queryset.filter(kind=kind)
        if mode := self._choice(params, "mode", AttendanceMode):
            queryset = queryset.filter(attendance_mode=mode)
        if city := params.get("city"):
            queryset = queryset.filter(venue__city__iexact=city)
        if locale := params.get("locale"):
            queryset = queryset.filter(page__locale__language_code=locale)
        if event := params.get("event"):
            if not event.isdigit():
                raise BadRequestError(_("event must be a page id."))
            queryset = queryset.filter(page_id=int(event))
        return queryset

    def paginate_queryset(self, queryset):
        return attach_events(list(super().paginate_queryset(queryset)))

    def get_object(self):
        return attach_events([super().get_object()])[0]
