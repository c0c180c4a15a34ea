"""Settings of a site that organises its admin with wagtail-modeladmin.

The test settings, with ``wagtail_modeladmin`` and the package's sub-app
``wagtail_community_matching.contrib.modeladmin`` installed and
``ADMIN_INTERFACE = "modeladmin"``. Run its tests with::

    python -m pytest tests/contrib_modeladmin --ds=tests.settings_modeladmin
"""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS, WAGTAIL_COMMUNITY_MATCHING

#: Read by ``tests/contrib_modeladmin/conftest.py``: these tests run only under this module.
MODELADMIN_TESTS = True

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "wagtail_modeladmin"] + [
    "wagtail_modeladmin",
    "wagtail_community_matching.contrib.modeladmin",
]

WAGTAIL_COMMUNITY_MATCHING = {**WAGTAIL_COMMUNITY_MATCHING, "ADMIN_INTERFACE": "modeladmin"}
