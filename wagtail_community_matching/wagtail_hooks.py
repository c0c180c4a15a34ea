"""Registration with Wagtail's admin; the classes live in ``viewsets.py``."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .viewsets import FAQViewSet, MemberViewSet, RegistrationViewSet, VenueViewSet

register_snippet(FAQViewSet)
register_snippet(MemberViewSet)
register_snippet(VenueViewSet)


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet()
