"""Settings of a site that translates its content with wagtail-localize.

The test settings, with ``wagtail_localize`` and ``wagtail_localize.locales`` installed as
wagtail-localize's documentation says: ``wagtail_localize.locales`` in place of
``wagtail.locales``, and in place of ``wagtail.contrib.simple_translation`` (both offer a
"Translate" action; a site uses one). Run its tests with::

    python -m pytest tests/contrib_localize --ds=tests.settings_localize
"""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

#: Read by ``tests/contrib_localize/conftest.py``: these tests run only under this module.
LOCALIZE_TESTS = True

_REPLACED = ("wagtail.locales", "wagtail.contrib.simple_translation")
_AT = INSTALLED_APPS.index("wagtail.locales")

INSTALLED_APPS = [
    *(app for app in INSTALLED_APPS[:_AT] if app not in _REPLACED),
    "wagtail_localize",
    "wagtail_localize.locales",
    *(app for app in INSTALLED_APPS[_AT:] if app not in _REPLACED),
]
