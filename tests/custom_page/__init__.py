"""Tests of a site with a custom base page model (Wagtail 8 ``WAGTAIL_PAGE_MODEL``).

They run only under ``--ds=tests.settings_custom_page``; ``conftest.py`` leaves
them out of any other configuration.
"""

#: Why the tests are skipped on Wagtail 7.
WAGTAIL_7_REASON = (
    "custom base page models need Wagtail 8: Wagtail 7 has no swappable page model "
    "(WAGTAIL_PAGE_MODEL)"
)
