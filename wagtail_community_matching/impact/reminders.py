"""Who still has to report for a period, and the reminder mail they get.

``manage.py send_impact_reminders`` drives this module: it lists the members
whose report for the due period is missing (dry run), and with ``--send`` marks
each reminder on the member's (draft) report and mails the member's public
address after the transaction commits.
"""

from __future__ import annotations

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.impact.models import ImpactReport, ReportStatus
from wagtail_community_matching.impact.periods import Period
from wagtail_community_matching.members.choices import ProgrammeStatus
from wagtail_community_matching.members.models import Member

logger = logging.getLogger(__name__)


def members_to_report():
    """Published members running or starting a programme, one per organisation.

    Where a member has translations, the one in the default locale is used.
    """

    default = Locale.get_default()
    members = Member.objects.filter(
        live=True, status__in=[ProgrammeStatus.ACTIVE, ProgrammeStatus.STARTING]
    ).select_related("locale")
    chosen: dict = {}
    for member in members.order_by("name", "pk"):
        current = chosen.get(member.translation_key)
        if current is None or (member.locale_id == default.pk != current.locale_id):
            chosen[member.translation_key] = member
    return sorted(chosen.values(), key=lambda m: (m.name.casefold(), m.pk))


def missing_members(period: Period, interval_days: int = 0) -> list:
    """Members without a submitted or validated report for ``period``.

    With ``interval_days``, members reminded less than that many days ago are left out.
    """
    reports = ImpactReport.objects.for_period(period).values_list(
        "member__translation_key", "status", "reminded_at"
    )
    done, recent = set(), set()
    since = timezone.now() - datetime.timedelta(days=interval_days)
    for key, status, reminded_at in reports:
        if status != ReportStatus.DRAFT:
            done.add(key)
        elif interval_days and reminded_at and reminded_at > since:
            recent.add(key)
    return [
        member
        for member in members_to_report()
        if member.translation_key not in done and member.translation_key not in recent
    ]


def reminder_message(member, period: Period, url: str, network_name: str = "") -> tuple:
    """Subject and body of the reminder, in the member's language."""
    language = member.locale.language_code if member.locale_id else settings.LANGUAGE_CODE
    with translation.override(language):
        subject = _("Impact report for %(period)s: please send your figures") % {
            "period": period.label
        }
        body = "\n\n".join(
            [
                _("Hello %(member)s,") % {"member": member.name},
                _(
                    "the network has not yet received your organisation's figures for "
                    "%(period)s. Please enter them through this link; no account is needed:"
                )
                % {"period": period.label},
                url,
                _("The link is personal to your organisation and valid for %(days)s days.")
                % {"days": cm_settings.IMPACT_REPORT_LINK_MAX_AGE_DAYS},
                _("Thank you,") + ("\n" + network_name if network_name else ""),
            ]
        )
    return subject, body


def send_reminder(address: str, subject: str, body: str) -> bool:
    """Send one reminder; log and return ``False`` if the mail server refuses it."""
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    except Exception:
        logger.exception("Could not send the impact reminder to %s", address)
        return False
    return True
