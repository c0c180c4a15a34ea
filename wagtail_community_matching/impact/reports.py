"""Submitting a member's report: what the public report form does once its data is valid."""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction

from wagtail_community_matching.impact.models import ImpactReport, ImpactValue
from wagtail_community_matching.impact.periods import Period

logger = logging.getLogger(__name__)

#: Audit log actions of impact reports (registered in ``wagtail_hooks.py``).
SUBMIT_ACTION = "wagtail_community_matching.impact_report.submit"
VALIDATE_ACTION = "wagtail_community_matching.impact_report.validate"
REMIND_ACTION = "wagtail_community_matching.impact_report.remind"


class ReportLocked(Exception):
    """The report was validated: only staff may change it now."""


def report_for(member, period: Period, lock: bool = False):
    """``member``'s report for ``period`` (any translation of the member), or ``None``."""
    reports = ImpactReport.objects.for_member(member).for_period(period)
    if lock:
        reports = reports.select_for_update()
    return reports.first()


def get_or_create_report(member, period: Period):
    """The locked report of ``member`` for ``period``, created as a draft if missing."""
    report = report_for(member, period, lock=True)
    if report is not None:
        return report
    try:
        with transaction.atomic():
            return ImpactReport.objects.create(member=member, year=period.year, half=period.half)
    except IntegrityError:
        # Created meanwhile by a concurrent request: use that one.
        return report_for(member, period, lock=True)


@transaction.atomic
def submit_report(member, period: Period, values: dict, comment: str = ""):
    """Store ``values`` (``{indicator: Decimal or None}``) as ``member``'s report for ``period``.

    Creates the report or updates it (blank values delete earlier ones), marks it
    submitted and saves a revision, which keeps the history. Raises
    :class:`ReportLocked` if the report was already validated.
    """
    report = get_or_create_report(member, period)
    if report.is_validated:
        raise ReportLocked()
    existing = {v.indicator.code: v for v in report.values.select_related("indicator")}
    for indicator, value in values.items():
        current = existing.get(indicator.code)
        if value is None:
            if current is not None:
                current.delete()
        elif current is None:
            ImpactValue.objects.create(report=report, indicator=indicator, value=value)
        elif current.value != value:
            current.value = value
            current.save(update_fields=["value"])
    report.comment = comment
    report.mark_submitted()
    report.save()
    report.save_revision(log_action=SUBMIT_ACTION)
    return report


@transaction.atomic
def validate_report(report, user=None):
    """Mark ``report`` validated by ``user``: from now on it counts in published figures."""
    report.mark_validated(user)
    report.save()
    report.save_revision(user=user, log_action=VALIDATE_ACTION)
    return report
