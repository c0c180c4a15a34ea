"""The admin of venues (snippets) and of event registrations (a model viewset)."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from wagtail_community_matching.events.registrations import Registration
from wagtail_community_matching.events.rule_widget import SUMMARY_URL_NAME, summary_view
from wagtail_community_matching.events.venues import Venue
from wagtail_community_matching.spreadsheets import neutralise_formula


class VenueViewSet(SnippetViewSet):
    """Places events are held at, under "Snippets" and chosen from event pages."""

    model = Venue
    #: Icon of the menu item and of the chooser.
    icon = "site"
    menu_label = _("Venues")
    #: Columns of the listing.
    list_display = ["name", "city", "region"]
    #: Filters beside the listing.
    list_filter = ["region"]
    #: Default order of the listing.
    ordering = ["city", "name"]


class RegistrationIndexView(generic.IndexView):
    """Registrations with their occurrence and page in one query; safe CSV export."""

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("occurrence__page")

    def write_csv_row(self, writer, row_dict):
        return super().write_csv_row(
            writer, {field: neutralise_formula(value) for field, value in row_dict.items()}
        )


class RegistrationViewSet(ModelViewSet):
    """Who signed up for which event date; XLSX and CSV export.

    Visible to users with the "view", "change" or "delete" permission on
    registrations (superusers and groups given them in Settings > Groups).
    """

    model = Registration
    icon = "user"
    menu_label = _("Event registrations")
    #: Fixed, not slugified from the translated label: construct_main_menu hooks find it.
    menu_name = "event_registrations"
    menu_order = 310
    add_to_admin_menu = True
    name = "event_registrations"
    index_view_class = RegistrationIndexView
    #: Columns of the listing.
    list_display = ["name", "email", "occurrence", "status", "held_until", "created_at"]
    #: Filters beside the listing.
    list_filter = ["status", "created_at"]
    #: Searched with the database's own text matching.
    search_fields = ["name", "email", "organisation", "occurrence__page__title"]
    search_backend_name = None
    ordering = ["-created_at"]
    #: Columns of the XLSX and CSV exports, and their headings.
    list_export = [
        "event_title",
        "occurrence",
        "name",
        "email",
        "organisation",
        "phone",
        "get_status_display",
        "held_until",
        "confirmed_at",
        "consent_text",
        "created_at",
    ]
    export_headings = {
        "event_title": _("Event"),
        "occurrence": _("Date"),
        "get_status_display": _("Status"),
    }
    export_filename = "event-registrations"
    #: Staff may correct details or change a status (no mail is sent for their changes).
    form_fields = ["status", "name", "email", "organisation", "phone"]
    inspect_view_enabled = True
    copy_view_enabled = False


def recurrence_admin_urls():
    """The admin URL of the recurrence widget's summary (``register_admin_urls`` hook)."""
    return [
        path(
            "community-matching/events/recurrence-summary/",
            summary_view,
            name=SUMMARY_URL_NAME,
        )
    ]
