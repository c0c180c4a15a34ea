"""Release the places held by sign-ups not confirmed in time; offer them to the waiting list."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from wagtail_community_matching.events.confirmation import release_all


class Command(BaseCommand):
    help = (
        "Mark sign-ups whose hold ran out as expired and offer the freed places to the "
        "first people on each waiting list, by mail. Run it every few minutes (cron, a "
        "systemd timer); without it a freed place is offered at the date's next sign-up, "
        "confirmation or cancellation."
    )

    def handle(self, *args, **options):
        offered = release_all()
        self.stdout.write(f"{offered} waiting-list offer(s) sent.")
