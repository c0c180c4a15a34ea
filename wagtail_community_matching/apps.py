from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class WagtailCommunityMatchingConfig(AppConfig):
    name = "wagtail_community_matching"
    label = "wagtail_community_matching"
    verbose_name = _("Community matching")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Imported in ready(): these modules use the models, loaded only after this class.
        from wagtail.images import get_image_model
        from wagtail.signals import published

        # The checks modules, shared and each feature's, register their checks on import.
        from wagtail_community_matching import checks, frontend_cache  # noqa: F401
        from wagtail_community_matching.adhesion import checks as adhesion_checks  # noqa: F401
        from wagtail_community_matching.adhesion.logos import on_member_published
        from wagtail_community_matching.adhesion.models import AdhesionUpload
        from wagtail_community_matching.adhesion.signals import delete_upload_file
        from wagtail_community_matching.events import checks as events_checks  # noqa: F401
        from wagtail_community_matching.events.signals import register_signal_handlers
        from wagtail_community_matching.impact import checks as impact_checks  # noqa: F401
        from wagtail_community_matching.members import checks as members_checks  # noqa: F401
        from wagtail_community_matching.members.geojson import member_changed
        from wagtail_community_matching.members.models import Member
        from wagtail_community_matching.members.tasks import (
            queue_deleted_logo_rendition,
            queue_member_logo,
        )

        register_signal_handlers()
        # The member map's data is cached until a member changes.
        post_save.connect(member_changed, sender=Member, dispatch_uid="cm_member_map_saved")
        post_delete.connect(member_changed, sender=Member, dispatch_uid="cm_member_map_deleted")
        # Purge the pages, feeds and lists that show a changed member, date, FAQ or figure
        # (only with wagtail.contrib.frontend_cache installed).
        frontend_cache.connect()
        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="cm_cache_tables")
        post_delete.connect(
            delete_upload_file, sender=AdhesionUpload, dispatch_uid="cm_delete_upload_file"
        )
        # An applicant's logo reaches the image library once the member is public.
        published.connect(on_member_published, sender=Member, dispatch_uid="cm_member_logo")
        # Then the logo's renditions are made by a task, never in a visitor's request.
        published.connect(
            queue_member_logo, sender=Member, dispatch_uid="cm_member_logo_renditions"
        )
        # A replaced logo file: Wagtail deletes the renditions, which are queued again.
        post_delete.connect(
            queue_deleted_logo_rendition,
            sender=get_image_model().get_rendition_model(),
            dispatch_uid="cm_member_logo_rendition_deleted",
        )


def create_cache_tables(sender, using="default", verbosity=1, **kwargs) -> None:
    """After ``migrate``: create the tables of the database caches in ``CACHES``.

    A site whose cache is Django's database cache answers 500 on every page until
    ``createcachetable`` has run; ``migrate`` is run anyway, so it runs there too.
    Nothing happens for other backends, or when the tables exist.
    """
    from django.conf import settings
    from django.core.management import call_command

    if any(
        config.get("BACKEND", "").endswith("DatabaseCache") for config in settings.CACHES.values()
    ):
        call_command("createcachetable", database=using, verbosity=max(verbosity - 1, 0))
