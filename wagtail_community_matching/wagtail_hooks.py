"""Registration of the package's admin parts (classes live in ``viewsets.py``)."""

from wagtail.snippets.models import register_snippet

from .viewsets import MemberViewSet

register_snippet(MemberViewSet)
