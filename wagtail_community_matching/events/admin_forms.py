"""The admin form of event pages: editors type times in the event's own time zone."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from wagtail_community_matching.events import recurrence

#: Datetime fields typed as wall times of the event's time zone.
LOCAL_TIME_FIELDS = ("start", "end", "registration_opens", "registration_closes")


class EventPageForm(WagtailAdminPageForm):
    """Show and read ``start``, ``end`` and the registration dates in the event's zone.

    Django reads a typed date and time in the admin's current time zone; this form
    keeps the typed wall time and attaches the zone chosen in ``timezone`` instead,
    rejecting times skipped by a daylight-saving change.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone_name = getattr(self.instance, "timezone", "") or recurrence.default_timezone()
        if zone_name not in recurrence.timezone_names():
            return
        for name in LOCAL_TIME_FIELDS:
            value = getattr(self.instance, name, None)
            if name in self.fields and value is not None:
                local = timezone.localtime(value, ZoneInfo(zone_name))
                self.initial[name] = local.replace(tzinfo=None)

    def clean(self):
        cleaned_data = super().clean()
        zone_name = cleaned_data.get("timezone")
        if not zone_name or zone_name not in recurrence.timezone_names():
            return cleaned_data
        for name in LOCAL_TIME_FIELDS:
            value = cleaned_data.get(name)
            if value is None:
                continue
            wall_time = timezone.make_naive(value) if timezone.is_aware(value) else value
            if not recurrence.exists_in_zone(wall_time, zone_name):
                self.add_error(
                    name,
                    ValidationError(
                        _(
                            "%(time)s does not exist in %(zone)s: the clocks skip it for "
                            "daylight saving time."
                        ),
                        code="nonexistent_time",
                        params={"time": wall_time.strftime("%H:%M"), "zone": zone_name},
                    ),
                )
                continue
            cleaned_data[name] = recurrence.localize(wall_time, zone_name)
        return cleaned_data
