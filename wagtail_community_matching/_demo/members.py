"""Demo members, the member directory page and the member blocks of the home page."""

from __future__ import annotations

import json

from django.apps import apps
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Q
from wagtail.images import get_image_model

from wagtail_community_matching._demo.base import (
    DemoContext,
    upsert_image,
    upsert_page,
    upsert_translation,
)
from wagtail_community_matching._demo.files import logo_png
from wagtail_community_matching._demo.generated_members import build_generated
from wagtail_community_matching._demo.member_specs import (
    GENERATED_PREFIX,
    initials,
    member_key,
    spec_fields,
)
from wagtail_community_matching._demo.members_content import (
    DIRECTORY,
    DRAFT,
    DRAFT_CHANGE,
    HOME_BLOCKS,
    MEMBERS,
    UNLISTED,
    WITH_DRAFT_CHANGES,
)
from wagtail_community_matching.members.models import Member

#: The members the home page features.
FEATURED = [
    "comune-di-bari",
    "associazione-vicini-di-casa",
    "fondazione-terra-comune",
    "roma-capitale-dipartimento-politiche-sociali",
]


def demo_members():
    """Every member the demo made, in every language."""
    keys = [member_key(spec[0]) for spec in [*MEMBERS, UNLISTED, DRAFT]]
    return Member.objects.filter(Q(translation_key__in=keys) | Q(slug__startswith=GENERATED_PREFIX))


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
