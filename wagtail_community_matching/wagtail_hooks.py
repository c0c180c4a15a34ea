"""Registration with Wagtail's hooks (classes live in viewsets.py, urls.py and audit.py)."""

from django.urls import include, path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .audit import register_adhesion_log_actions
from .urls import admin_urls
from .viewsets import FAQViewSet, MemberViewSet, RegistrationViewSet, VenueViewSet

register_snippet(FAQViewSet)
register_snippet(MemberViewSet)
register_snippet(VenueViewSet)


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("community-matching/adhesion/", include(admin_urls))]


hooks.register("register_log_actions", register_adhesion_log_actions)
