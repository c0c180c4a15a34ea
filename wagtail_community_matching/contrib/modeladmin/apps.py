from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityMatchingModelAdminConfig(AppConfig):
    """The ModelAdmin group; registered by this sub-app's ``wagtail_hooks.py``."""

    name = "wagtail_community_matching.contrib.modeladmin"
    label = "community_matching_modeladmin"
    verbose_name = _("Community matching (wagtail-modeladmin)")
