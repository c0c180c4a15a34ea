"""System checks of the events settings: how far ahead dates are stored, how long a place
is held, how long feeds are kept and how often one client may sign up
(ids ``wagtail_community_matching.E012``, ``E040``-``E042``)."""

from __future__ import annotations

from django.core.checks import Error

from wagtail_community_matching.checks import error, is_int, register_setting_check, setting_error
from wagtail_community_matching.conf import SETTINGS_NAME, cm_settings
from wagtail_community_matching.ratelimit import Rate


def _check_horizon() -> list[Error]:
    value = cm_settings.EVENT_RECURRENCE_HORIZON_DAYS
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 3660:
        return []
    return [
        error(
            f"{SETTINGS_NAME}['EVENT_RECURRENCE_HORIZON_DAYS'] must be a whole number of "
            f"days between 1 and 3660, got {value!r}.",
            "Recurring events are stored this many days ahead; 365 is the default.",
            40,
        )
    ]


def _check_hold() -> list[Error]:
    value = cm_settings.EVENT_REGISTRATION_HOLD_HOURS
    if is_int(value) and 1 <= value <= 24 * 14:
        return []
    return [
        setting_error(
            "EVENT_REGISTRATION_HOLD_HOURS",
            f"must be a whole number of hours between 1 and 336, got {value!r}.",
            "An unconfirmed sign-up keeps its place this long; 24 is the default.",
            41,
        )
    ]


def _check_feed_max_age() -> list[Error]:
    value = cm_settings.FEED_MAX_AGE
    if is_int(value) and 0 <= value <= 365 * 86400:
        return []
    return [
        setting_error(
            "FEED_MAX_AGE",
            f"must be a whole number of seconds between 0 and 31536000, got {value!r}.",
            "Feed readers and caches keep the calendar feeds and the map data this long "
            "before asking again; 300 is the default.",
            42,
        )
    ]


def _check_sign_up_rate() -> list[Error]:
    try:
        Rate.parse(cm_settings.EVENT_SIGN_UP_RATE_LIMIT)
    except ValueError:
        return [
            setting_error(
                "EVENT_SIGN_UP_RATE_LIMIT",
                f"must be a rate such as '5/h', got {cm_settings.EVENT_SIGN_UP_RATE_LIMIT!r}.",
                "Sign-ups for one event from one client address, per second (s), minute (m), "
                "hour (h) or day (d).",
                12,
            )
        ]
    return []


@register_setting_check
def check_events_settings() -> list[Error]:
    """Validate the events keys of ``WAGTAIL_COMMUNITY_MATCHING``."""
    return [
        *_check_horizon(),
        *_check_hold(),
        *_check_feed_max_age(),
        *_check_sign_up_rate(),
    ]
