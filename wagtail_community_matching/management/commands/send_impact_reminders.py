"""Remind members whose impact report for the due period is missing."""

from __future__ import annotations

from functools import partial

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, Site

from wagtail_community_matching.impact.links import find_impact_page, report_url
from wagtail_community_matching.impact.pages import ImpactPageMixin
from wagtail_community_matching.impact.periods import Period, due_period
from wagtail_community_matching.impact.reminders import (
    missing_members,
    reminder_message,
    send_reminder,
)
from wagtail_community_matching.impact.reports import REMIND_ACTION, get_or_create_report
from wagtail_community_matching.network.settings import NetworkSettings


class Command(BaseCommand):
    help = (
        "List the members whose impact report for the due period is missing (dry run), "
        "or mail them their report link with --send. Mails go out after the database "
        "records the reminder."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--send", action="store_true", help="Send the mails (default: only list them)."
        )
        parser.add_argument(
            "--period",
            help="Period such as 2025 or 2025-H2 (default: the last complete one).",
        )
        parser.add_argument(
            "--interval-days",
            type=int,
            default=7,
            help="Skip members reminded less than this many days ago (default: 7; 0: never).",
        )
        parser.add_argument(
            "--page", type=int, help="Id of the impact page the links point to (default: first)."
        )

    def handle(self, *args, send=False, period=None, interval_days=7, page=None, **options):
        chosen = Period.parse(period) if period else due_period()
        if chosen is None:
            raise CommandError(f"--period {period!r} is not a period such as 2025 or 2025-H1.")
        impact_page = self.impact_page(page)
        members = missing_members(chosen, interval_days=max(interval_days, 0))
        mode = "Sending" if send else "Dry run, nothing is sent (use --send)"
        self.stdout.write(f"{mode}: {len(members)} member(s) to remind for {chosen.key}")
        network = NetworkSettings.for_site(
            Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        )
        sent = skipped = 0
        for number, member in enumerate(members, start=1):
            prefix = f"[{number}/{len(members)}] {member.name}"
            if not member.email:
                skipped += 1
                self.stdout.write(f"{prefix}: no public email, skipped")
                continue
            url = report_url(member, page=impact_page, period=chosen)
            if not send:
                self.stdout.write(f"{prefix}: would mail {member.email}")
                continue
            language = member.locale.language_code if member.locale_id else None
            network_name = network.in_language("network_name", language)
            subject, body = reminder_message(member, chosen, url, network_name)
            with transaction.atomic():
                report = get_or_create_report(member, chosen)
                report.reminded_at = timezone.now()
                report.save(update_fields=["reminded_at", "updated_at"])
                log(report, REMIND_ACTION)
                transaction.on_commit(partial(self.mail, prefix, member.email, subject, body))
            sent += 1
        summary = f"{sent} reminder(s) sent, {skipped} skipped" if send else "Nothing sent."
        self.stdout.write(self.style.SUCCESS(summary))

    def impact_page(self, page_id):
        if page_id is None:
            page = find_impact_page()
        else:
            page = Page.objects.live().filter(pk=page_id).first()
            page = page.specific if page else None
            if page is not None and not isinstance(page, ImpactPageMixin):
                raise CommandError(f"Page {page_id} is not an impact page.")
        if page is None:
            raise CommandError(
                "No live impact page: the links in the reminders need one. Create and "
                "publish an impact page first, or name one with --page."
            )
        return page

    def mail(self, prefix, address, subject, body) -> None:
        if send_reminder(address, subject, body):
            self.stdout.write(f"{prefix}: mailed {address}")
        else:
            self.stderr.write(f"{prefix}: the mail server refused the reminder to {address}")
