"""Columns and values of the XLSX and CSV exports of applications.

The answer columns are the union of the current form's fields and every field
stored in the exported submissions' form definitions: an answer to a field that
was since removed still gets its column, under the label it had.
"""

from __future__ import annotations

import json

from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail_community_matching.places.regions import region_label

ANSWER_PREFIX = "answer:"

#: Review columns: (key, heading).
REVIEW_COLUMNS = [
    ("cm:id", _("Number")),
    ("cm:submit_time", _("Submission date")),
    ("cm:status", _("Status")),
    ("cm:email_verified_at", _("Address verified")),
    ("cm:assignee", _("Reviewer")),
]


def export_columns(page, submissions) -> list[tuple[str, str]]:
    """``(key, heading)`` of every column of an export of ``submissions``."""
    answers: dict[str, str] = {}
    for field in page.get_form_fields():
        answers[field.clean_name or field.get_field_clean_name()] = field.label
    for definition in submissions.values_list("form_definition", flat=True):
        for item in definition or []:
            answers.setdefault(item["name"], item["label"])
    return [*REVIEW_COLUMNS, *((ANSWER_PREFIX + key, label) for key, label in answers.items())]


def _format_answer(field_type: str, value):
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(_("Yes")) if value else str(_("No"))
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    if field_type == "region":
        return region_label(str(value))
    return value


def export_value(submission, key: str):
    """The value of column ``key`` for ``submission``."""
    if key == "cm:id":
        return submission.pk
    if key == "cm:submit_time":
        return submission.submit_time
    if key == "cm:status":
        return str(submission.get_status_display())
    if key == "cm:email_verified_at":
        if submission.email_verified_at is None:
            return ""
        return date_format(submission.email_verified_at, "SHORT_DATETIME_FORMAT")
    if key == "cm:assignee":
        user = submission.assignee
        return (user.get_full_name() or user.get_username()) if user else ""
    name = key.removeprefix(ANSWER_PREFIX)
    types = {item["name"]: item["type"] for item in submission.form_definition or []}
    return _format_answer(types.get(name, ""), submission.form_data.get(name))
