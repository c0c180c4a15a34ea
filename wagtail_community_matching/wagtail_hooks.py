"""Registration with Wagtail's admin; the classes live in ``viewsets.py``."""

from wagtail.snippets.models import register_snippet

from .viewsets import FAQViewSet, MemberViewSet

register_snippet(FAQViewSet)
register_snippet(MemberViewSet)
