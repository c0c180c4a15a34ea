"""System checks validating ``WAGTAIL_COMMUNITY_MATCHING`` at start-up.

:func:`check_settings` (in :mod:`.registry`) runs every check registered with
:func:`register_setting_check`: those of the shared keys, in the modules of this package
(:mod:`.general`, :mod:`.templates`, :mod:`.admin`, :mod:`.http`), then each feature's,
in the feature's own ``checks.py`` (``adhesion/``, ``members/``, ``events/``,
``impact/``), which ``apps.py`` imports.
"""

# Imported for their registrations.
from wagtail_community_matching.checks import admin, general, http, templates  # noqa: F401
from wagtail_community_matching.checks.registry import (
    check_settings,
    error,
    is_int,
    register_setting_check,
    setting_error,
)

__all__ = ["check_settings", "error", "is_int", "register_setting_check", "setting_error"]
