"""Mails about impact reports, sent by the task backend after the report is stored."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Site

from wagtail_community_matching.background import site_root_url
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.impact.models import ImpactReport
from wagtail_community_matching.network.settings import NetworkSettings
from wagtail_community_matching.ratelimit import Rate, hit

logger = logging.getLogger(__name__)

#: Rate limit scope of the staff mails, counted per member.
STAFF_MAIL_SCOPE = "impact-staff-mail"


def admin_url(report, site) -> str:
    """The absolute URL of ``report`` in the admin: ``WAGTAILADMIN_BASE_URL``, else the site's."""
    path = AdminURLFinder().get_edit_url(report) or ""
    if not path.startswith("/"):
        return path
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or site_root_url(site)
    return base.rstrip("/") + path if base else ""


@task()
def notify_staff_of_report(report_id: int, site_id: int | None) -> bool:
    """Tell the network's staff that a report waits for validation.

    At most ``IMPACT_STAFF_MAIL_RATE_LIMIT`` mails per member: whoever holds a report
    link may send the form again and again, staff get a bounded number of mails.
    Returns whether a mail went out; a failing mail server is logged and raised, so
    the task backend records the failure (the report is stored either way).
    """
    report = ImpactReport.objects.select_related("member").filter(pk=report_id).first()
    site = Site.objects.filter(pk=site_id).first() if site_id else Site.objects.first()
    if report is None or site is None:
        return False
    addresses = NetworkSettings.for_site(site).staff_notification_list
    if not addresses:
        return False
    rate = Rate.parse(cm_settings.IMPACT_STAFF_MAIL_RATE_LIMIT)
    if not hit(STAFF_MAIL_SCOPE, str(report.member.translation_key), rate):
        logger.warning("Impact report %s: staff mail limit reached, not sent.", report_id)
        return False
    subject = _("Impact report submitted: %(report)s") % {"report": report}
    lines = [
        _("%(member)s submitted its impact report for %(period)s.")
        % {"member": report.member, "period": report.period.label},
        _("Check it and validate it so that it counts in the published figures."),
    ]
    url = admin_url(report, site)
    if url:
        lines.append(url)
    try:
        send_mail(subject, "\n\n".join(lines), settings.DEFAULT_FROM_EMAIL, addresses)
    except Exception:
        logger.exception("Could not notify staff of impact report %s", report_id)
        raise
    return True
