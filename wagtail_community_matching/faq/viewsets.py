"""The FAQ snippets' admin."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from wagtail_community_matching.faq.models import FAQ


class FAQViewSet(SnippetViewSet):
    """Reusable questions and answers, under "Snippets" in the admin menu."""

    model = FAQ
    #: Icon of the menu item and of the chooser.
    icon = "help"
    menu_label = _("FAQs")
    #: Columns of the listing (Wagtail adds a locale filter on multilingual sites).
    list_display = ["question", "anchor"]
    #: Default order of the listing.
    ordering = ["question"]
