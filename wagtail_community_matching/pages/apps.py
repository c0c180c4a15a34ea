from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityMatchingPagesConfig(AppConfig):
    name = "wagtail_community_matching.pages"
    label = "wagtail_community_matching_pages"
    verbose_name = _("Community matching pages")
    default_auto_field = "django.db.models.BigAutoField"
