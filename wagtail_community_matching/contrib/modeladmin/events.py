"""The group's ModelAdmin classes of events: venues and event registrations."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail_community_matching.contrib.modeladmin.base import CommunityMatchingModelAdmin
from wagtail_community_matching.contrib.modeladmin.helpers import ReadOnlyPermissionHelper
from wagtail_community_matching.events.registrations import Registration
from wagtail_community_matching.events.venues import Venue
from wagtail_community_matching.events.viewsets import RegistrationViewSet


class VenueAdmin(CommunityMatchingModelAdmin):
    model = Venue
    menu_label = _("Venues")
    menu_icon = "site"
    base_url_path = "community-matching/venues"
    list_display = ("name", "address", "city", "region")
    list_filter = ("region", "country")
    search_fields = ("name", "address", "city")
    ordering = ("city", "name")
    inspect_view_fields = [
        "name",
        "address",
        "postal_code",
        "city",
        "region",
        "country",
        "latitude",
        "longitude",
    ]
    list_export = inspect_view_fields
    export_filename = "venues"


class RegistrationAdmin(CommunityMatchingModelAdmin):
    model = Registration
    menu_label = _("Event registrations")
    menu_icon = "user"
    base_url_path = "community-matching/event-registrations"
    permission_helper_class = ReadOnlyPermissionHelper
    list_display = ("name", "email", "occurrence", "status", "held_until", "created_at")
    list_filter = ("status", "created_at")
    list_select_related = ("occurrence__page",)
    search_fields = ("name", "email", "organisation", "occurrence__page__title")
    ordering = ("-created_at",)
    inspect_view_fields = [
        "event_title",
        "occurrence",
        "name",
        "email",
        "organisation",
        "phone",
        "status",
        "held_until",
        "confirmed_at",
        "consent_text",
        "language",
        "created_at",
    ]
    list_export = list(RegistrationViewSet.list_export)
    export_headings = dict(RegistrationViewSet.export_headings)
    export_filename = "event-registrations"

    def package_url(self, action, instance=None, request=None):
        name = f"{RegistrationViewSet.name}:{action}"
        return reverse(name, args=(instance.pk,)) if instance is not None else reverse(name)
