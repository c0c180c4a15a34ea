"""Demo members, the member directory page and the member blocks of the home page."""

from __future__ import annotations

import datetime
import json
import uuid
from decimal import Decimal

import phonenumbers
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import CharField, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends

from wagtail_community_matching._demo.base import (
    DemoContext,
    upsert_image,
    upsert_page,
    upsert_translation,
)
from wagtail_community_matching._demo.files import logo_png
from wagtail_community_matching._demo.members_content import (
    CITIES,
    DIRECTORY,
    DRAFT,
    DRAFT_CHANGE,
    GENERATED_KINDS,
    GENERATED_WORDS,
    HOME_BLOCKS,
    MEMBERS,
    UNLISTED,
    WITH_DRAFT_CHANGES,
)
from wagtail_community_matching.background import enqueue_on_commit
from wagtail_community_matching.members.choices import PUBLIC_KINDS
from wagtail_community_matching.members.geojson import member_changed
from wagtail_community_matching.members.models import Member, initial_of
from wagtail_community_matching.members.tasks import make_logo_renditions

#: Demo members get stable translation keys derived from their slugs.
NAMESPACE = uuid.UUID("6f1c3c8e-6c57-4a8e-9a62-2b1f5f0d6c11")
GENERATED_PREFIX = "demo-ente-"
FEATURED = [
    "comune-di-bari",
    "associazione-vicini-di-casa",
    "fondazione-terra-comune",
    "roma-capitale-dipartimento-politiche-sociali",
]
SMALL_WORDS = {"di", "del", "della", "per", "il", "la", "l", "e", "–"}


def member_key(slug: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, slug)


def demo_members():
    """Every member the demo made, in every language."""
    keys = [member_key(spec[0]) for spec in [*MEMBERS, UNLISTED, DRAFT]]
    return Member.objects.filter(Q(translation_key__in=keys) | Q(slug__startswith=GENERATED_PREFIX))


def initials(name: str) -> str:
    words = [w for w in name.replace("'", " ").split() if w.lower() not in SMALL_WORDS]
    return "".join(word[0] for word in words[:3]).upper()


def spec_fields(spec: tuple) -> dict:
    """The field values of a member's ``spec`` (a line of ``MEMBERS``, or
    :func:`generated_spec`'s), without the logo, the flags and the English description."""
    slug, name, kind, status, city, province, region, lat, lng, year, services, description, _ = (
        spec
    )
    return {
        "name": name,
        "slug": slug,
        "kind": kind,
        "status": status,
        "city": city,
        "province": province,
        "region": region,
        "country": "IT",
        "latitude": Decimal(str(lat)),
        "longitude": Decimal(str(lng)),
        "date_joined": datetime.date(year, 3, 1),
        "services": services,
        "description": description,
        "website": f"https://{slug}.example/",
        "email": f"info@{slug}.example",
        "phone": example_phone() if kind in PUBLIC_KINDS else "",
    }


def upsert_member(ctx: DemoContext, spec: tuple, *, publish=True, listed=True, logo_size=400):
    """Create or update the Italian member of ``spec`` and publish it unless told not to."""
    fields = spec_fields(spec)
    slug, name = fields["slug"], fields["name"]
    key = member_key(slug)
    member = Member.objects.filter(translation_key=key, locale=ctx.default_locale).first()
    if member is None:
        member = Member(translation_key=key, locale=ctx.default_locale, live=False)
    # Only public members have a logo in the image library: the library is public (media,
    # images APIs), so a draft or unlisted member's logo would be seen before its time.
    logo = None
    if publish and listed:
        logo = upsert_image(
            ctx, f"Logo {name}", f"logo-{slug}.png", logo_png(initials(name), size=logo_size)
        )
    else:  # made by an earlier version of the demo
        get_image_model().objects.filter(collection=ctx.collection, title=f"Logo {name}").delete()
    fields.update(listed=listed, logo=logo)
    for name_, value in fields.items():
        setattr(member, name_, value)
    member.save()
    revision = member.save_revision()
    if publish:
        revision.publish()
        member.refresh_from_db()
    return member


def translate_member(member: Member, locale, description: str) -> Member:
    """Create or update ``member``'s published translation into ``locale``."""
    translation = member.get_translation_or_none(locale)
    if translation is None:
        translation = member.copy_for_translation(locale)
    translation.description = description
    translation.save()
    translation.save_revision().publish()
    return translation


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


def directory_page_model():
    try:
        return apps.get_model("wagtail_community_matching_pages", "MemberDirectoryPage")
    except LookupError as error:
        raise CommandError(
            "The demo needs 'wagtail_community_matching.pages' in INSTALLED_APPS."
        ) from error


def add_home_blocks(home, words: dict, featured: list[int]) -> None:
    """Put a member count and featured members on ``home`` before its call to action."""
    blocks = [
        b for b in home.body.raw_data if b["type"] not in {"member_count", "featured_members"}
    ]
    new = [
        {
            "type": "member_count",
            "value": {"label": words["count_label"], "sector": "", "status": ""},
        },
        {
            "type": "featured_members",
            "value": {
                "heading": words["featured_heading"],
                "members": featured,
                "latest": 6,
                "link_label": words["featured_link"],
            },
        },
    ]
    types = [b["type"] for b in blocks]
    at = types.index("call_to_action") if "call_to_action" in types else len(blocks)
    blocks[at:at] = new
    home.body = json.dumps([{"type": b["type"], "value": b["value"]} for b in blocks])
    home.save_revision().publish()


def build_members(ctx: DemoContext, count: int | None = None, progress=None):
    """Members (public, unlisted, draft), their translations, the directory and home blocks.

    ``count`` makes the Italian directory hold that many listed members by adding
    generated ones (for benchmarks); ``None`` keeps the curated members only. Three
    steps, each in its own transactions: the curated members, the generated ones (in
    batches, see :func:`build_generated`; ``progress`` follows them), the pages.
    """
    with transaction.atomic():
        members = _build_curated(ctx)
    if count is not None:
        made = build_generated(ctx, count, progress=progress)
        ctx.write(f"  {made} generated members (directory of {count} listed members)")
    with transaction.atomic():
        return _build_directory(ctx, members)


def _build_curated(ctx: DemoContext) -> dict[str, Member]:
    english = ctx.locale("en")
    members = {spec[0]: upsert_member(ctx, spec) for spec in MEMBERS}
    upsert_member(ctx, UNLISTED, listed=False)
    upsert_member(ctx, DRAFT, publish=False)
    ctx.write(
        f"  {len(members)} listed members with generated logos, 1 unlisted and 1 draft without"
    )
    if english is not None:
        for spec in MEMBERS:
            translate_member(members[spec[0]], english, spec[-1])
        ctx.write("  English translations of the members")
    changed = members[WITH_DRAFT_CHANGES]
    for name, value in DRAFT_CHANGE.items():
        setattr(changed, name, value)
    changed.save_revision()  # a draft change that the directory never shows
    changed.refresh_from_db()
    return members


def _build_directory(ctx: DemoContext, members: dict[str, Member]):
    english = ctx.locale("en")
    home = ctx.pages["home"]
    Page = directory_page_model()
    words = DIRECTORY["it"]
    directory = upsert_page(
        home,
        Page,
        words["slug"],
        {"title": words["title"], "intro": words["intro"], "show_in_menus": True},
    )
    home.refresh_from_db()
    featured = [members[slug].pk for slug in FEATURED]
    add_home_blocks(home.specific, HOME_BLOCKS["it"], featured)
    if english is not None:
        words = DIRECTORY["en"]
        upsert_translation(
            directory,
            english,
            {
                "title": words["title"],
                "intro": words["intro"],
                "slug": words["slug"],
                "show_in_menus": True,
            },
        )
        home_en = home.get_translation(english).specific
        add_home_blocks(home_en, HOME_BLOCKS["en"], featured)
    ctx.write(f"  member directory page: {directory.title}")
    ctx.pages["directory"] = directory
    return directory


def example_phone() -> str:
    """An example Italian number from libphonenumber's metadata, never a real line."""
    return phonenumbers.format_number(
        phonenumbers.example_number("IT"), phonenumbers.PhoneNumberFormat.E164
    )
