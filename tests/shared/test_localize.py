"""``SynchronisedFields``: wagtail-localize's field overrides, with or without wagtail-localize.

These run under the default settings, where wagtail-localize is not an installed app:
the package's models import and work, and the overrides are only built when read.
"""

from __future__ import annotations

import sys

from django.apps import apps

from wagtail_community_matching.localize import SynchronisedFields
from wagtail_community_matching.models import Member


class Model:
    override_translatable_fields = SynchronisedFields("start", "capacity")


def test_without_wagtail_localize_the_overrides_are_empty(monkeypatch):
    monkeypatch.setitem(sys.modules, "wagtail_localize.fields", None)  # import fails
    assert not apps.is_installed("wagtail_localize")
    assert SynchronisedFields("start").__get__(None, Model) == []
    assert Member._meta.get_field("name")  # the models are there all the same


def test_with_wagtail_localize_importable_the_fields_are_synchronised_for_good():
    fields = Model.override_translatable_fields
    assert [field.field_name for field in fields] == ["start", "capacity"]
    assert [type(field).__name__ for field in fields] == ["SynchronizedField"] * 2
    assert not any(field.overridable for field in fields)
    fields.clear()  # a copy each time: the class's overrides cannot be changed by a reader
    assert len(Model.override_translatable_fields) == 2
    assert Model.__dict__["override_translatable_fields"].field_names == ("start", "capacity")
