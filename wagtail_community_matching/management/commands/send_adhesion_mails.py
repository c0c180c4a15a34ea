"""Queue again the adhesion mails that could not be sent (mail server down)."""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from wagtail_community_matching.adhesion.models import AdhesionSubmission
from wagtail_community_matching.adhesion.tasks import notify_staff, send_confirmation, send_decision
from wagtail_community_matching.background import enqueue


class Command(BaseCommand):
    help = (
        "Queue the confirmation, staff and decision mails of adhesion applications that "
        "are still pending, for example after the mail server was down."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=14,
            help="Only applications sent or decided in the last DAYS days (default 14).",
        )

    def handle(self, *args, days=14, **options):
        since = timezone.now() - timedelta(days=days)
        live = AdhesionSubmission.objects.filter(anonymised_at__isnull=True)
        confirmations = live.filter(
            submit_time__gte=since, confirmation_sent_at__isnull=True, email_verified_at=None
        ).exclude(applicant_email="")
        staff = live.filter(submit_time__gte=since, staff_notified_at__isnull=True)
        decisions = live.filter(
            Q(status="approved") | Q(status="rejected"),
            status_changed_at__gte=since,
            decision_sent_at__isnull=True,
        ).exclude(applicant_email="")
        counts = {}
        for name, queryset, task in (
            ("confirmation", confirmations, send_confirmation),
            ("staff notification", staff, notify_staff),
            ("decision", decisions, send_decision),
        ):
            ids = list(queryset.values_list("pk", flat=True))
            for submission_id in ids:
                enqueue(task, submission_id)
            counts[name] = len(ids)
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} queued")
