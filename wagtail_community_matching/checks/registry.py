"""The registry of setting checks, and the system check that runs them all.

A module checks its keys of ``WAGTAIL_COMMUNITY_MATCHING`` with a function that takes no
arguments and returns errors, decorated with :func:`register_setting_check`;
:func:`check_settings` runs every registered function. Errors are built with
:func:`setting_error` (or :func:`error`), so ids and wording have one shape.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.checks import Error, Tags, register

from wagtail_community_matching.conf import SETTINGS_NAME

#: Checks of the settings, run by :func:`check_settings` in the order they registered.
_setting_checks: list[Callable[[], list[Error]]] = []


def register_setting_check(check: Callable[[], list[Error]]) -> Callable[[], list[Error]]:
    """Decorator: run ``check`` (no arguments, returns errors) as part of :func:`check_settings`."""
    if check not in _setting_checks:
        _setting_checks.append(check)
    return check


def error(message: str, hint: str, code: int) -> Error:
    """The package's error number ``code`` (``wagtail_community_matching.E<code>``)."""
    return Error(message, hint=hint, id=f"wagtail_community_matching.E{code:03d}")


def setting_error(key: str, message: str, hint: str, code: int) -> Error:
    """An error about ``WAGTAIL_COMMUNITY_MATCHING[key]``; ``message`` follows the key."""
    return error(f"{SETTINGS_NAME}['{key}'] {message}", hint, code)


def is_int(value) -> bool:
    """Whether ``value`` is an integer (``True`` and ``False`` are not)."""
    return isinstance(value, int) and not isinstance(value, bool)


@register(Tags.compatibility)
def check_settings(app_configs=None, **kwargs) -> list[Error]:
    """Validate every key of ``WAGTAIL_COMMUNITY_MATCHING``."""
    user_settings = getattr(settings, SETTINGS_NAME, {})
    if not isinstance(user_settings, dict):
        return [
            error(
                f"{SETTINGS_NAME} must be a dict, got {type(user_settings).__name__}.",
                f"Define {SETTINGS_NAME} = {{...}} in your settings, or remove it.",
                2,
            )
        ]
    errors = []
    for check in _setting_checks:
        errors += check()
    return errors
