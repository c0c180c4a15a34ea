"""Generated demo members, made in bulk to fill a large directory (for benchmarks)."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends

from wagtail_community_matching._demo.base import DemoContext, upsert_image
from wagtail_community_matching._demo.files import logo_png
from wagtail_community_matching._demo.member_specs import (
    GENERATED_PREFIX,
    initials,
    member_key,
    spec_fields,
)
from wagtail_community_matching._demo.members_content import (
    CITIES,
    GENERATED_KINDS,
    GENERATED_WORDS,
)
from wagtail_community_matching.background import enqueue_on_commit
from wagtail_community_matching.members.geojson import member_changed
from wagtail_community_matching.members.models import Member, initial_of
from wagtail_community_matching.members.tasks import make_logo_renditions


def generated_spec(number: int) -> tuple:
    kind, kind_word = GENERATED_KINDS[number % len(GENERATED_KINDS)]
    word = GENERATED_WORDS[(number * 7) % len(GENERATED_WORDS)]
    city, province, region, lat, lng = CITIES[number % len(CITIES)]
    statuses = ["active", "starting", "interested"]
    return (
        f"{GENERATED_PREFIX}{number:04d}",
        f"{word} {kind_word} {city} {number}",
        kind,
        statuses[number % 3],
        city,
        province,
        region,
        round(lat + (number % 9 - 4) / 100, 6),
        round(lng + (number % 7 - 3) / 100, 6),
        2022 + number % 4,
        ["training"],
        "Un ente generato per provare la directory con molti membri.",
        "",
    )


#: Generated members created per transaction (each batch commits on its own, so a
#: large directory never holds the database, SQLite's lock included, for long).
BATCH_SIZE = 500

#: The fields a generated member is compared on, to leave it as it is on a re-run.
GENERATED_FIELDS = (
    "name",
    "kind",
    "status",
    "city",
    "province",
    "region",
    "latitude",
    "longitude",
    "date_joined",
    "services",
    "description",
    "website",
    "email",
    "phone",
    "listed",
    "live",
)


def generated_fields(number: int) -> dict:
    """The field values of generated member ``number``."""
    return {**spec_fields(generated_spec(number)), "listed": True, "live": True}


def _generated_logo(ctx: DemoContext, logos: dict, name: str):
    """The logo of a generated member: one image per set of initials, shared."""
    letters = initials(name)
    if letters not in logos:
        logos[letters] = upsert_image(
            ctx,
            f"Logo {letters} (generated members)",
            f"logo-generated-{letters.lower()}.png",
            logo_png(letters, size=160),
        )
    return logos[letters]


def _create_generated(ctx: DemoContext, numbers: list[int], logos: dict) -> list[Member]:
    """Create and publish the generated members ``numbers`` in bulk, in the current
    transaction: rows, one published revision each, reference and search indexes."""
    now = timezone.now()
    members = []
    for number in numbers:
        fields = generated_fields(number)
        member = Member(
            translation_key=member_key(fields["slug"]),
            locale=ctx.default_locale,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            logo=_generated_logo(ctx, logos, fields["name"]),
            **fields,
        )
        member.name_initial = initial_of(member.name)  # what Member.save() sets
        members.append(member)
    Member.objects.bulk_create(members)
    content_type = ContentType.objects.get_for_model(Member)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type=member.get_base_content_type(),
                object_id=str(member.pk),
                created_at=now,
                content=member.serializable_data(),
                object_str=str(member),
            )
            for member in members
        ]
    )
    for member, revision in zip(members, revisions, strict=True):
        member.latest_revision = member.live_revision = revision
    # One UPDATE for the batch (bulk_update writes a CASE of every row, several times slower).
    revision_of_row = Subquery(
        Revision.objects.filter(
            base_content_type=members[0].get_base_content_type(),
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
        .order_by("-pk")
        .values("pk")[:1]
    )
    Member.objects.filter(pk__in=[member.pk for member in members]).update(
        latest_revision=revision_of_row, live_revision=revision_of_row
    )
    _index_references(members)
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(Member, members)
    return members


def _index_references(members: list[Member]) -> None:
    """Wagtail's reference index rows of new ``members`` (their logos), in one INSERT.

    What ``ReferenceIndex.create_or_update_for_object`` writes for an object without
    rows yet, without its two queries per object (half the time of a batch).
    """
    if not ReferenceIndex.is_indexed(Member):
        return
    content_type = ContentType.objects.get_for_model(Member, for_concrete_model=False)
    base_content_type = members[0].get_base_content_type()
    ReferenceIndex.objects.bulk_create(
        [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=member.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for member in members
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(member)
            )
        ]
    )


def build_generated(ctx: DemoContext, count: int, progress=None) -> int:
    """Generate members up to ``count`` listed Italian members; remove extra generated ones.

    Members are created in bulk, ``BATCH_SIZE`` per transaction; a re-run leaves those
    already as generated alone and makes again only the missing or changed ones.
    ``progress(done, total)`` is called after each batch. Returns the number wanted.
    """
    listed = Member.objects.public().in_locale(ctx.default_locale)
    curated = listed.exclude(slug__startswith=GENERATED_PREFIX).count()
    wanted = max(0, count - curated)
    keep = {member_key(f"{GENERATED_PREFIX}{n:04d}"): n for n in range(1, wanted + 1)}
    generated = Member.objects.filter(slug__startswith=GENERATED_PREFIX)
    with transaction.atomic():
        generated.exclude(translation_key__in=list(keep)).delete()
        current = {
            row["translation_key"]: row
            for row in generated.filter(locale=ctx.default_locale).values(
                "translation_key", "logo_id", *GENERATED_FIELDS
            )
        }
        stale = [
            key
            for key, row in current.items()
            if row["logo_id"] is None
            or any(row[name] != value for name, value in _compared(keep[key]).items())
        ]
        if stale:  # made by an earlier version of the demo: made again below
            generated.filter(translation_key__in=stale).delete()
    todo = [n for key, n in keep.items() if key not in current or key in stale]
    logos: dict = {}
    made = []
    for start in range(0, len(todo), BATCH_SIZE):
        with transaction.atomic():
            made += _create_generated(ctx, todo[start : start + BATCH_SIZE], logos)
        if progress is not None:
            progress(start + len(todo[start : start + BATCH_SIZE]), len(todo))
    if made:
        member_changed(Member, made[-1])  # the member map's data changed
        for image in {member.logo_id for member in made}:
            enqueue_on_commit(make_logo_renditions, image)
    return wanted


def _compared(number: int) -> dict:
    fields = generated_fields(number)
    return {name: fields[name] for name in GENERATED_FIELDS}
