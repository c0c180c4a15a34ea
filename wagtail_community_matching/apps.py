from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WagtailCommunityMatchingConfig(AppConfig):
    name = "wagtail_community_matching"
    label = "wagtail_community_matching"
    verbose_name = _("Community matching")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the system checks)
        from .signal_handlers import register_signal_handlers

        register_signal_handlers()
