"""Registration with Wagtail's hooks: nothing is defined here, each feature owns its admin."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from wagtail_community_matching.adhesion.audit import register_adhesion_log_actions
from wagtail_community_matching.adhesion.urls import admin_urls
from wagtail_community_matching.adhesion.views.dashboard import (
    ApplicationsPanel,
    applications_menu_item,
    hide_generic_forms_item,
)
from wagtail_community_matching.base import refuse_unreadable_query
from wagtail_community_matching.events.viewsets import (
    RegistrationViewSet,
    VenueViewSet,
    recurrence_admin_urls,
)
from wagtail_community_matching.faq.viewsets import FAQViewSet
from wagtail_community_matching.impact.reports import REMIND_ACTION, SUBMIT_ACTION, VALIDATE_ACTION
from wagtail_community_matching.impact.viewsets import (
    ImpactViewSetGroup,
    impact_dashboard_panel,
    log_report_status_change,
)
from wagtail_community_matching.members.viewsets import MemberViewSet

hooks.register("before_serve_page", refuse_unreadable_query)

register_snippet(FAQViewSet)
register_snippet(MemberViewSet)
register_snippet(VenueViewSet)


hooks.register("register_admin_urls", recurrence_admin_urls)


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("community-matching/adhesion/", include(admin_urls))]


hooks.register("register_log_actions", register_adhesion_log_actions)

# Impact data
register_snippet(ImpactViewSetGroup)
hooks.register("after_create_snippet", log_report_status_change)
hooks.register("after_edit_snippet", log_report_status_change)


@hooks.register("register_log_actions")
def register_impact_log_actions(actions):
    actions.register_action(SUBMIT_ACTION, _("Submit impact report"), _("Submitted by the member"))
    actions.register_action(VALIDATE_ACTION, _("Validate impact report"), _("Validated"))
    actions.register_action(REMIND_ACTION, _("Remind member"), _("Reminder sent to the member"))


# Where reviewers work: "Applications" in the menu, and dashboard panels of the
# applications and impact reports waiting for them (only for those allowed).
hooks.register("register_admin_menu_item", applications_menu_item)
hooks.register("construct_main_menu", hide_generic_forms_item)


@hooks.register("construct_homepage_panels")
def add_review_panels(request, panels):
    for panel in (ApplicationsPanel.for_request(request), impact_dashboard_panel(request)):
        if panel is not None:
            panels.append(panel)
