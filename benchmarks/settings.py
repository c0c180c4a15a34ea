"""Settings of ``make bench``: the test settings with the plain yardstick page installed.

``DEBUG`` is off (as in the test settings); the database comes from ``DATABASE_URL``
(in-memory SQLite by default; ``make bench-postgres`` runs on a throwaway PostgreSQL).
"""

from tests.settings import *  # noqa: F403

# benchmarks.plainform: Wagtail's own form page, the adhesion POST's yardstick.
INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks.plain", "benchmarks.plainform"]  # noqa: F405
DEBUG = False
