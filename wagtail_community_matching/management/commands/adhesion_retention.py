"""Delete or anonymise old applications, as the retention settings say.

Dry run unless ``--apply`` is given: it lists what would happen. Categories and
their ages come from ``ADHESION_RETENTION_DAYS``:

- ``rejected`` and ``withdrawn``: days since the status was set;
- ``stale``: applications still "new" whose address was never confirmed, days since
  sent (only while ``ADHESION_VERIFICATION_REQUIRED`` is on).

``ADHESION_RETENTION_ACTION`` (or ``--action``) chooses between ``anonymise``
(answers, files and notes removed; status, dates and consent records kept) and
``delete``.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from wagtail_community_matching.adhesion.models import AdhesionSubmission, ReviewStatus
from wagtail_community_matching.adhesion.reviewing import anonymise_submission, erase_submission
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.ratelimit import purge_expired


def retention_querysets(now=None) -> dict:
    """``{category: queryset}`` of the applications past their retention period."""
    now = now or timezone.now()
    days = cm_settings.ADHESION_RETENTION_DAYS
    querysets = {}
    for category, status, date_field in (
        ("rejected", ReviewStatus.REJECTED, "status_changed_at"),
        ("withdrawn", ReviewStatus.WITHDRAWN, "status_changed_at"),
        ("stale", ReviewStatus.NEW, "submit_time"),
    ):
        if days.get(category) is None:
            continue
        if category == "stale" and not cm_settings.ADHESION_VERIFICATION_REQUIRED:
            continue  # without verification a "new" application is simply waiting for review
        cutoff = now - timedelta(days=days[category])
        queryset = AdhesionSubmission.objects.filter(status=status, **{f"{date_field}__lt": cutoff})
        if category == "stale":
            queryset = queryset.filter(email_verified_at__isnull=True)
        querysets[category] = queryset.order_by("pk")
    return querysets


class Command(BaseCommand):
    help = (
        "Delete or anonymise rejected, withdrawn and stale adhesion applications older "
        "than ADHESION_RETENTION_DAYS. Dry run unless --apply is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply", action="store_true", help="Really change the data (default: dry run)."
        )
        parser.add_argument(
            "--action",
            choices=["anonymise", "delete"],
            help="Override ADHESION_RETENTION_ACTION for this run.",
        )

    def handle(self, *args, apply=False, action=None, **options):
        action = action or cm_settings.ADHESION_RETENTION_ACTION
        if action not in ("anonymise", "delete"):
            raise CommandError(f"Unknown retention action {action!r}.")
        if not apply:
            self.stdout.write("Dry run: nothing is changed. Add --apply to do it.")
        total = 0
        for category, queryset in retention_querysets().items():
            if action == "anonymise":
                queryset = queryset.filter(anonymised_at__isnull=True)
            ids = list(queryset.values_list("pk", flat=True))
            self.stdout.write(f"{category}: {len(ids)} application(s) to {action}")
            for index, submission in enumerate(queryset.iterator(), start=1):
                self.stdout.write(f"  [{index}/{len(ids)}] application #{submission.pk}")
                if apply:
                    if action == "anonymise":
                        anonymise_submission(submission)
                    else:
                        erase_submission(submission, user=None)
            total += len(ids)
        done = "done" if apply else "would be done"
        self.stdout.write(self.style.SUCCESS(f"{total} application(s): {action} {done}."))
        if apply:  # counters of the ended windows hold hashed client addresses: drop them
            self.stdout.write(f"{purge_expired()} expired rate limit counter(s) deleted.")
