"""System checks of the impact settings (ids ``wagtail_community_matching.E081``-``E084``)."""

from __future__ import annotations

from django.core.checks import Error

from wagtail_community_matching.checks import error, is_int, register_setting_check, setting_error
from wagtail_community_matching.conf import SETTINGS_NAME, cm_settings
from wagtail_community_matching.ratelimit import Rate


def _positive_int(value) -> bool:
    return is_int(value) and value >= 1


@register_setting_check
def check_impact_settings() -> list[Error]:
    """Validate the impact keys of ``WAGTAIL_COMMUNITY_MATCHING``."""
    errors = []
    threshold = cm_settings.IMPACT_SUPPRESSION_THRESHOLD
    if not _positive_int(threshold):
        errors.append(
            error(
                f"{SETTINGS_NAME}['IMPACT_SUPPRESSION_THRESHOLD'] must be a whole number of "
                f"at least 1, got {threshold!r}.",
                "Aggregates from fewer members than this are suppressed; 5 is a common choice.",
                81,
            )
        )
    max_age = cm_settings.IMPACT_REPORT_LINK_MAX_AGE_DAYS
    if not _positive_int(max_age):
        errors.append(
            error(
                f"{SETTINGS_NAME}['IMPACT_REPORT_LINK_MAX_AGE_DAYS'] must be a whole number "
                f"of days, at least 1, got {max_age!r}.",
                "Members' report links expire after this many days; for example 60.",
                82,
            )
        )
    period = cm_settings.IMPACT_PERIOD
    if period not in ("year", "half-year"):
        errors.append(
            error(
                f"{SETTINGS_NAME}['IMPACT_PERIOD'] must be 'year' or 'half-year', got {period!r}.",
                "Members report once per period of this length.",
                83,
            )
        )
    try:
        Rate.parse(cm_settings.IMPACT_STAFF_MAIL_RATE_LIMIT)
    except ValueError:
        errors.append(
            setting_error(
                "IMPACT_STAFF_MAIL_RATE_LIMIT",
                f"must be a rate such as '5/d', got {cm_settings.IMPACT_STAFF_MAIL_RATE_LIMIT!r}.",
                "Staff mails about one member's submitted reports, per second (s), minute (m), "
                "hour (h) or day (d).",
                84,
            )
        )
    return errors
