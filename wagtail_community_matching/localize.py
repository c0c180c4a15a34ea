"""Facts that stay the same in every language, as wagtail-localize reads them.

wagtail-localize decides field by field what a translator translates and what is
copied from the source (synchronised) by reading a model's
``override_translatable_fields``. The package declares its facts (dates, places,
capacity, form field keys...) with :class:`SynchronisedFields`, which builds
wagtail-localize's ``SynchronizedField`` objects only when wagtail-localize reads
them: the package never imports wagtail-localize, and works without it.

See ``docs/wagtail-localize.md``.
"""

from __future__ import annotations


class SynchronisedFields:
    """A model's ``override_translatable_fields``: ``field_names`` are synchronised.

    Each named field is copied from the source to every translation when the
    translation is created or updated, and a translator cannot override it
    (``SynchronizedField(name, overridable=False)``). Fields not named keep
    wagtail-localize's own rule (text is translated, other values synchronised).
    Read without wagtail-localize installed, the overrides are an empty list::

        class EventPageMixin(...):
            override_translatable_fields = SynchronisedFields("start", "end", "venue")
    """

    def __init__(self, *field_names: str):
        #: The names of the synchronised fields (field names, not ``attname``).
        self.field_names = tuple(field_names)
        self._fields = None

    def __get__(self, instance, owner=None) -> list:
        if self._fields is None:
            try:
                from wagtail_localize.fields import SynchronizedField
            except ImportError:  # wagtail-localize is optional: nothing reads the overrides.
                return []
            self._fields = [SynchronizedField(name, overridable=False) for name in self.field_names]
        return list(self._fields)

    def __repr__(self) -> str:
        return f"SynchronisedFields{self.field_names!r}"
