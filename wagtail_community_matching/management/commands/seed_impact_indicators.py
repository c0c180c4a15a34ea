"""Add the starting impact indicators (matches, people, outcomes) that are missing."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from wagtail_community_matching.impact.catalogue import seed_indicators


class Command(BaseCommand):
    help = (
        "Create the default impact indicators that are missing, in the default language "
        "and as translations into the site's other languages. Safe to run again: "
        "indicators edited in the admin are left alone."
    )

    def handle(self, *args, **options):
        created, translated = seed_indicators()
        self.stdout.write(
            self.style.SUCCESS(
                f"Impact indicators: {created} created, {translated} translations added."
            )
        )
