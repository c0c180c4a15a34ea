"""Settings of the custom base page configuration (Wagtail 8 ``WAGTAIL_PAGE_MODEL``).

The test settings, with the base page model swapped for ``custom_base.BasePage``
and without ``wagtail_community_matching.pages``: the site defines its own network
page from the package's ``NetworkPageMixin`` (``tests/custom_base/models.py``).
Run its tests with::

    python -m pytest tests/custom_page --ds=tests.settings_custom_page

Wagtail 7 has no swappable page model: there these settings equal the default
ones minus the pages app, and ``tests/custom_page/conftest.py`` skips the tests.
"""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS, WAGTAIL_8

#: Read by ``tests/custom_page/conftest.py``: these tests run only under this module.
CUSTOM_BASE_PAGE_TESTS = True

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "wagtail_community_matching.pages"]

if WAGTAIL_8:
    # Migrations order themselves through their dependencies (custom_base 0002
    # waits for wagtailcore's), so the position only decides template lookups:
    # first, as a site lists its own apps, so its templates override the package's.
    INSTALLED_APPS.insert(0, "tests.custom_base")
    WAGTAIL_PAGE_MODEL = "custom_base.BasePage"
