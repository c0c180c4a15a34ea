"""A member's report form, reached through its signed link (no account needed).

``ImpactPageMixin`` routes ``report/<token>/`` here. A tampered or expired link
gets a page explaining what to do, never an error 500; a validated report is
shown read-only.
"""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from wagtail.models import Site

from wagtail_community_matching.background import enqueue_on_commit
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.http.request_limits import (
    BodyRefused,
    BodyTooBig,
    read_form_body,
    refused_form,
)
from wagtail_community_matching.impact.aggregation import localized_indicators
from wagtail_community_matching.impact.forms import ImpactReportForm
from wagtail_community_matching.impact.indicators import Indicator
from wagtail_community_matching.impact.links import ReportLinkError, read_token
from wagtail_community_matching.impact.periods import Period, open_periods
from wagtail_community_matching.impact.reports import (
    ReportLocked,
    report_for,
    submit_report,
)
from wagtail_community_matching.impact.tasks import notify_staff_of_report


def _private(response):
    """The link's token is a credential: keep it out of caches, referrers and indexes."""
    patch_cache_control(response, private=True, no_store=True)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _indicators_for(page, period: Period) -> list:
    queryset = Indicator.objects.active_during(period.start, period.end)
    return localized_indicators(queryset, page.locale)


def _link_error(request, page, error: ReportLinkError) -> TemplateResponse:
    context = page.get_context(request)
    context.update(
        {
            "link_error": error,
            "link_max_age_days": cm_settings.IMPACT_REPORT_LINK_MAX_AGE_DAYS,
        }
    )
    status = 410 if error.expired else 400
    return TemplateResponse(request, page.report_form_template, context, status=status)


def _choose_period(request, periods: list[Period]) -> tuple[Period, str]:
    key = request.GET.get("period")
    if not key:
        return periods[0], ""
    period = Period.parse(key)
    if period in periods:
        return period, ""
    message = _("Reports can be sent for %(periods)s only; showing %(period)s.") % {
        "periods": ", ".join(p.label for p in periods),
        "period": periods[0].label,
    }
    return periods[0], message


def _refusal_message(refused: BodyRefused) -> str:
    if isinstance(refused, BodyTooBig):
        return _("The report was not sent: it is too big (at most %(max)s).") % {
            "max": filesizeformat(refused.limit)
        }
    return _("The report could not be read. Please fill it in again and send it.")


def report_view(request, page, token: str):
    """Show and process a member's report form on ``page`` (an impact page)."""
    return _private(_report_view(request, page, token))


def _report_view(request, page, token: str):
    try:
        member = read_token(token)
    except ReportLinkError as error:
        return _link_error(request, page, error)

    periods = open_periods()
    period, period_message = _choose_period(request, periods)
    indicators = _indicators_for(page, period)
    report = report_for(member, period)
    locked = report is not None and report.is_validated

    status = 200
    refused = None
    if request.method == "POST" and not locked:
        try:
            data, _files = read_form_body(request)
        except BodyRefused as error:
            refused = error
    if refused is not None:  # unread: the form is shown again with the reason
        initial = ImpactReportForm.initial_from(report)
        form = ImpactReportForm(indicators=indicators, initial=initial)
        form = refused_form(form, _refusal_message(refused))
        status = refused.status
    elif request.method == "POST" and not locked:
        form = ImpactReportForm(data, indicators=indicators)
        if form.is_valid():
            try:
                report = submit_report(
                    member, period, form.values(), form.cleaned_data.get("comment", "")
                )
            except ReportLocked:
                locked = True
            else:
                site = Site.find_for_request(request)
                enqueue_on_commit(notify_staff_of_report, report.pk, site.pk if site else None)
                return HttpResponseRedirect(f"{request.path}?period={period.key}&sent=1")
    else:
        form = ImpactReportForm(
            indicators=indicators, initial=ImpactReportForm.initial_from(report)
        )

    context = page.get_context(request)
    context.update(
        {
            "member": member,
            "form": form,
            "report": report,
            "locked": locked,
            "period": period,
            "periods": periods,
            "period_message": period_message,
            "sent": request.GET.get("sent") == "1",
        }
    )
    return TemplateResponse(request, page.report_form_template, context, status=status)
