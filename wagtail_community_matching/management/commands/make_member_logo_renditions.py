"""Make the missing renditions of every live member's logo."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from wagtail_community_matching.members.tasks import make_missing_renditions


class Command(BaseCommand):
    help = (
        "Make every missing rendition of the logos of live members (the directory shows a "
        "logo only once its rendition exists). Publishing a member queues its own; run this "
        "after importing members, restoring media or replacing a logo's file."
    )

    def handle(self, *args, **options):
        count = make_missing_renditions()
        self.stdout.write(f"Renditions checked for {count} logo(s).")
