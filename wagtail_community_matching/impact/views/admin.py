"""Admin views of impact data: validating a report, report links, safe indicator deletion.

The viewsets in ``impact/viewsets.py`` plug these views in; ``wagtail_hooks.py`` registers them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.snippets.views.snippets import DeleteView, IndexView

from wagtail_community_matching.impact.links import find_impact_page, report_url
from wagtail_community_matching.impact.models import ImpactReport, ReportStatus
from wagtail_community_matching.impact.periods import due_period
from wagtail_community_matching.impact.reminders import members_to_report
from wagtail_community_matching.impact.reports import validate_report


class IndicatorDeleteView(DeleteView):
    """Refuses, with a message, to delete an indicator that has reported values."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _(
                    "'%(indicator)s' has reported values and cannot be deleted. Untick "
                    "'Published' to hide it, or set 'Active to' to stop asking for it."
                )
                % {"indicator": self.object},
            )
            return redirect(self.get_success_url())


class ReportIndexView(IndexView):
    """The reports listing, with a "Validate" action on reports waiting for it."""

    validate_url_name = None
    links_url_name = None

    def get_list_more_buttons(self, instance):
        buttons = list(super().get_list_more_buttons(instance))
        if not instance.is_validated and self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", instance
        ):
            buttons.append(
                ListingButton(
                    _("Validate"),
                    url=reverse(self.validate_url_name, args=[instance.pk]),
                    icon_name="circle-check",
                    priority=15,
                )
            )
        return buttons

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        buttons.append(
            HeaderButton(_("Report links"), url=reverse(self.links_url_name), icon_name="link")
        )
        return buttons


class ValidateReportView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then validate a report: from then on it counts in the published figures."""

    template_name = "wagtail_community_matching/admin/validate_report.html"
    page_title = _("Validate impact report")
    header_icon = "circle-check"
    model = ImpactReport
    permission_policy = None
    index_url_name = None

    def dispatch(self, request, pk):
        self.object = get_object_or_404(ImpactReport.objects.select_related("member"), pk=pk)
        if not self.permission_policy.user_has_permission_for_instance(
            request.user, "change", self.object
        ):
            raise PermissionDenied
        return super().dispatch(request, pk)

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "report": self.object,
                "values": self.object.values.select_related("indicator"),
                "index_url": reverse(self.index_url_name),
                "edit_url": AdminURLFinder(self.request.user).get_edit_url(self.object),
            }
        )
        return context

    def post(self, request, pk):
        if self.object.is_validated:
            messages.warning(request, _("This report was already validated."))
        else:
            validate_report(self.object, request.user)
            messages.success(
                request,
                _("Report '%(report)s' validated: it now counts in the published figures.")
                % {"report": self.object},
            )
        return redirect(self.index_url_name)


class ReportLinksView(WagtailAdminTemplateMixin, TemplateView):
    """Each member's signed report link, for staff who send them by hand."""

    template_name = "wagtail_community_matching/admin/report_links.html"
    page_title = _("Report links")
    header_icon = "link"
    permission_policy = None

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = find_impact_page()
        period = due_period()
        members = members_to_report() if page else []
        context.update(
            {
                "impact_page": page,
                "period": period,
                "links": [
                    (member, report_url(member, page=page, request=self.request))
                    for member in members
                ],
            }
        )
        return context


class ReportsToValidatePanel(Component):
    """Dashboard panel: submitted impact reports waiting for validation.

    Shown only to users who may change (so validate) impact reports; see
    :meth:`for_request`.
    """

    name = "community_matching_impact_reports"
    template_name = "wagtail_community_matching/admin/impact_reports_panel.html"
    order = 160
    #: Reports listed on the panel.
    rows = 5

    def __init__(self, validate_url_name: str, list_url: str):
        self.validate_url_name = validate_url_name
        self.list_url = list_url

    @classmethod
    def for_request(cls, request, permission_policy, validate_url_name, list_url):
        """The panel, or ``None`` when the user may not validate reports."""
        if not permission_policy.user_has_permission(request.user, "change"):
            return None
        return cls(validate_url_name, list_url)

    def get_context_data(self, parent_context):
        waiting = (
            ImpactReport.objects.filter(status=ReportStatus.SUBMITTED)
            .select_related("member")
            .order_by("submitted_at", "pk")
        )
        rows = list(waiting[: self.rows])
        count = len(rows) if len(rows) < self.rows else waiting.count()
        return {
            "count": count,
            "rows": [
                {"report": report, "url": reverse(self.validate_url_name, args=[report.pk])}
                for report in rows
            ],
            "list_url": self.list_url,
        }
