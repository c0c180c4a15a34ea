"""Data steps of the load test, run inside the stack's Django settings.

    python -m tests.stack.fixtures prepare DATES   # JSON: form page, event ids
    python -m tests.stack.fixtures count RUN       # JSON: rows stored by run RUN

``prepare`` adds one event with built-in registration and ``DATES`` dates of five
places each under the demo's event index, and names the demo's adhesion form.
"""

from __future__ import annotations

import json
import sys
from datetime import timedelta

CAPACITY = 5


def prepare(dates: int) -> dict:
    from django.utils import timezone

    from wagtail_community_matching.models import Member, Occurrence, Venue
    from wagtail_community_matching.pages.models import (
        AdhesionFormPage,
        EventIndexPage,
        EventPage,
        MemberDirectoryPage,
        NetworkPage,
    )

    form = AdhesionFormPage.objects.live().public().first()
    index = EventIndexPage.objects.live().first()
    venue = Venue.objects.first()
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    events = []
    for number in range(dates):
        start = (timezone.now() + timedelta(days=30 + number)).replace(
            hour=9, minute=0, second=0, microsecond=0
        )
        page = EventPage(
            title=f"Carico {stamp} {number}",
            slug=f"carico-{stamp}-{number}",
            start=start,
            end=start + timedelta(hours=2),
            venue=venue,
            timezone="Europe/Rome",
            registration_mode="built_in",
            capacity=CAPACITY,
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        occurrence = Occurrence.objects.filter(page=page).values_list("pk", flat=True).get()
        events.append({"page": page.pk, "occurrence": occurrence})
    directory = MemberDirectoryPage.objects.live().first()
    home = NetworkPage.objects.live().first()
    slugs = (
        Member.objects.public()
        .filter(locale_id=directory.locale_id)
        .order_by("pk")
        .values_list("slug", flat=True)[:20]
    )
    reads = {
        "home": [home.url],
        "directory": [directory.url],
        "search": [f"{directory.url}?q=milano", f"{directory.url}?q=scuola"],
        "member": [f"{directory.url}{slug}/" for slug in slugs],
        "geojson": [f"{directory.url}_map/"],
        "events": [index.url],
        "calendar feed": [f"{index.url}ical/"],
        "JSON API": ["/api/community-matching/members/?limit=100"],
        "API v2": ["/api/v2/pages/?limit=20"],
    }
    return {
        "reads": reads,
        "form": form.pk,
        "form_url": form.url,
        "events": events,
        "capacity": CAPACITY,
    }


def count(run: str) -> dict:
    from django.db.models import Count

    from wagtail_community_matching.models import AdhesionSubmission, Registration

    submissions = AdhesionSubmission.objects.filter(
        applicant_email__endswith=f"-{run}@load.example.org"
    )
    emails = list(submissions.values_list("applicant_email", flat=True))
    by_occurrence = {}
    for row in (
        Registration.objects.filter(email__endswith=f"-{run}@load.example.org")
        .values("occurrence_id", "status")
        .annotate(n=Count("pk"))
    ):
        by_occurrence.setdefault(str(row["occurrence_id"]), {})[row["status"]] = row["n"]
    return {
        "applications": len(emails),
        "distinct_applications": len(set(emails)),
        "emails": emails,
        "registrations": by_occurrence,
    }


def main(argv: list[str]) -> int:
    import django

    django.setup()
    if argv[:1] == ["prepare"]:
        print(json.dumps(prepare(int(argv[1]))))
    elif argv[:1] == ["count"]:
        print(json.dumps(count(argv[1])))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
