"""Registration of the package's admin parts (classes live in ``viewsets.py``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .impact.reports import REMIND_ACTION, SUBMIT_ACTION, VALIDATE_ACTION
from .viewsets import ImpactViewSetGroup, MemberViewSet, log_report_status_change

register_snippet(MemberViewSet)


# -- Impact data ---------------------------------------------------------------------------
register_snippet(ImpactViewSetGroup)
hooks.register("after_create_snippet", log_report_status_change)
hooks.register("after_edit_snippet", log_report_status_change)


@hooks.register("register_log_actions")
def register_impact_log_actions(actions):
    actions.register_action(SUBMIT_ACTION, _("Submit impact report"), _("Submitted by the member"))
    actions.register_action(VALIDATE_ACTION, _("Validate impact report"), _("Validated"))
    actions.register_action(REMIND_ACTION, _("Remind member"), _("Reminder sent to the member"))


# -- end of impact data --------------------------------------------------------------------
