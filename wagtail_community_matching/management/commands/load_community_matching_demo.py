"""Build the demo network: pages, translations, settings and a demo superuser."""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from wagtail_community_matching._demo.adhesion import build_adhesion
from wagtail_community_matching._demo.base import DemoContext, demo_collection
from wagtail_community_matching._demo.events import build_events, flush_events
from wagtail_community_matching._demo.faq import build_faq, demo_snippet_keys
from wagtail_community_matching._demo.impact import build_impact
from wagtail_community_matching._demo.members import build_members, demo_members
from wagtail_community_matching._demo.network import (
    HOME_SLUG,
    build_network,
    link_join_page,
    network_page_model,
)
from wagtail_community_matching.models import FAQ

DEMO_USERNAME = "admin"
DEMO_PASSWORD = "changeme"  # noqa: S105 - documented demo-only login


class Progress:
    """A progress line on ``stream`` (the command's stderr): redrawn in place as a bar on a
    terminal, one line per step otherwise (logs, CI)."""

    WIDTH = 30

    def __init__(self, stream, label: str):
        self.stream = stream
        self.label = label
        isatty = getattr(getattr(stream, "_out", stream), "isatty", None)
        self.tty = bool(isatty and isatty())
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        seconds = time.monotonic() - self.started
        text = f"{self.label}: {done}/{total} ({seconds:.0f} s)"
        if not self.tty:
            self.stream.write(text, style_func=str)
            return
        filled = self.WIDTH * done // total if total else self.WIDTH
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        ending = "\n" if done >= total else ""
        self.stream.write(f"\r[{bar}] {text}", style_func=str, ending=ending)
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Load the community matching demo content (idempotent): pages, members and more. "
        f"Creates a demo superuser '{DEMO_USERNAME}' with password '{DEMO_PASSWORD}': "
        "for local demos only."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--flush",
            action="store_true",
            help="Delete the demo pages, images and documents first, then build them again.",
        )
        parser.add_argument(
            "--faq",
            type=int,
            metavar="N",
            help="Also build a benchmark FAQ page of N questions (slug 'faq-benchmark').",
        )
        parser.add_argument(
            "--members",
            type=int,
            metavar="N",
            help="Generate members until the Italian directory lists N of them (benchmarks).",
        )
        parser.add_argument(
            "--events",
            type=int,
            default=0,
            metavar="N",
            help="Also create N one-off events (for benchmarks of the events index).",
        )
        parser.add_argument(
            "--no-superuser",
            action="store_true",
            help=f"Do not create the demo superuser '{DEMO_USERNAME}'.",
        )

    def handle(
        self,
        *args,
        flush=False,
        no_superuser=False,
        faq=None,
        members=None,
        events=0,
        **options,
    ):
        if faq is not None and faq < 1:
            raise CommandError("--faq needs a positive number of questions, such as --faq 300.")
        if members is not None and members < 0:
            raise CommandError("--members must be 0 or more.")
        if events < 0:
            raise CommandError("--events must be zero or a positive number.")
        # Fails with a clear message when the default pages app is not installed
        # (a site with a custom base page), before anything is deleted.
        network_page_model()
        verbosity = options.get("verbosity", 1)
        # One transaction per step (and per batch of generated members), never one for
        # the whole run: a large directory does not lock an SQLite database for minutes,
        # and a run that stops half-way is completed by the next (each step is idempotent).
        if flush:
            with transaction.atomic():
                self.flush()
        ctx = DemoContext(self.stdout.write)
        with transaction.atomic():
            self.stdout.write("Network pages")
            build_network(ctx)
            # The adhesion demo approves one application into a member: build it
            # first, so that --members N counts that member too. The home, the joining
            # page and the FAQ then link to the form.
            self.stdout.write("Adhesion form")
            build_adhesion(ctx)
            link_join_page(ctx)
            self.stdout.write("FAQ")
            build_faq(ctx, count=faq)
        self.stdout.write("Members")
        progress = Progress(self.stderr, "  generated members") if verbosity >= 1 else None
        build_members(ctx, count=members, progress=progress)
        with transaction.atomic():
            self.stdout.write("Events")
            build_events(ctx, count=events)
            self.stdout.write("Impact data")
            build_impact(ctx)
            if not no_superuser:
                self.create_superuser()
        self.refresh_statistics()
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))

    def refresh_statistics(self) -> None:
        """Refresh the planner's table statistics after the bulk writes.

        Without statistics SQLite's planner probes the full-text index once per indexed
        object: a directory search at 5,000 members takes 2 s instead of 25 ms.
        PostgreSQL's autovacuum would get there later; ``ANALYZE`` makes it now.
        """
        if connection.vendor in ("sqlite", "postgresql"):
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def flush(self) -> None:
        self.stdout.write("Deleting the previous demo content")
        demo_members().delete()
        root = Page.get_first_root_node()
        for home in Page.objects.filter(depth=2, slug=HOME_SLUG):
            homes = list(home.get_translations(inclusive=True))
            # Deleting a site's root page would delete the site: park it on the tree root.
            Site.objects.filter(root_page__in=homes).update(root_page=root)
            for page in homes:
                page.delete()
        collection = demo_collection()
        get_image_model().objects.filter(collection=collection).delete()
        flush_events()
        get_document_model().objects.filter(collection=collection).delete()
        FAQ.objects.filter(translation_key__in=demo_snippet_keys()).delete()

    def create_superuser(self) -> None:
        User = get_user_model()
        if User.objects.filter(**{User.USERNAME_FIELD: DEMO_USERNAME}).exists():
            return
        User.objects.create_superuser(
            DEMO_USERNAME, "admin@community-matching.example", DEMO_PASSWORD
        )
        self.stdout.write(f"  demo superuser '{DEMO_USERNAME}' / '{DEMO_PASSWORD}' (demo only)")
