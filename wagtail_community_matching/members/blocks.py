"""StreamField blocks showing members: featured members and a live member count.

Both are offered by ``network_body_blocks()`` and exported from ``blocks``. They
read only public members (live and listed) of the page's language, whatever the
editor chose.
"""

from __future__ import annotations

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from wagtail_community_matching.base import context_locale_id
from wagtail_community_matching.http.conditional import make_etag, render_cached
from wagtail_community_matching.members.choices import SECTORS, ProgrammeStatus, kinds_of_sector
from wagtail_community_matching.members.directory import (
    directory_page_for,
    members_version,
    with_logos,
)
from wagtail_community_matching.members.logos import CARD_LOGO_FILTER
from wagtail_community_matching.members.models import Member

TEMPLATE_DIR = "wagtail_community_matching/blocks"
#: Prefix and lifetime of the member counts kept in Django's default cache.
COUNT_CACHE_PREFIX = "wagtail_community_matching:member-count:"
COUNT_CACHE_TIMEOUT = 24 * 60 * 60
MEMBER_MODEL = "wagtail_community_matching.Member"


class FeaturedMembersBlock(blocks.StructBlock):
    """Cards of chosen members, or of the latest members to join."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=255)
    members = blocks.ListBlock(
        SnippetChooserBlock(MEMBER_MODEL, label=_("Member")),
        label=_("Chosen members"),
        default=[],
        help_text=_("Leave empty to show the latest members to join instead."),
    )
    latest = blocks.IntegerBlock(
        label=_("How many latest members"),
        min_value=1,
        max_value=24,
        default=6,
        help_text=_("Used when no member is chosen."),
    )
    link_label = blocks.CharBlock(
        label=_("Label of the link to the directory"),
        required=False,
        max_length=80,
        help_text=_("Leave blank for no link."),
    )

    def get_members(self, value, locale_id) -> list:
        """Public members of ``locale_id``: the chosen ones (in any language), else the latest."""
        members = with_logos(Member.objects.public().in_locale(locale_id), CARD_LOGO_FILTER)
        chosen = [m.translation_key for m in value.get("members") or [] if m is not None]
        if chosen:
            found = {m.translation_key: m for m in members.filter(translation_key__in=chosen)}
            return [found[key] for key in chosen if key in found]
        latest = members.order_by("-date_joined", "-first_published_at", "-pk")
        return list(latest[: value.get("latest") or 6])

    def render(self, value, context=None):
        """The cards, kept in the cache until a member changes (:func:`members_version`),
        per language, site, directory address and choice of members."""
        locale_id = context_locale_id(context)
        request = (context or {}).get("request")
        if not locale_id or getattr(request, "is_preview", False):
            return super().render(value, context)
        directory = directory_page_for(locale_id)
        directory_url = directory.get_url(request) if directory else None
        chosen = [m.translation_key for m in value.get("members") or [] if m is not None]
        key = make_etag(
            "featured_members",
            members_version(),
            locale_id,
            get_language(),
            request.get_host() if request is not None else "",
            directory_url,
            value.get("heading"),
            chosen,
            value.get("latest"),
            value.get("link_label"),
            self.get_template(value, context),
        ).strip('"')
        context = {**(context or {}), "_cm_directory": directory}
        return render_cached(key, lambda: super(FeaturedMembersBlock, self).render(value, context))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        locale_id = context_locale_id(parent_context)
        members = self.get_members(value, locale_id) if locale_id else []
        parent_context = parent_context or {}
        if "_cm_directory" in parent_context:  # already found by render()
            directory = parent_context["_cm_directory"] if members else None
        else:
            directory = directory_page_for(locale_id) if members else None
        request = parent_context.get("request")
        directory_url = directory.get_url(request) if directory else None
        for member in members:
            member.detail_url = directory.member_url(member, directory_url) if directory else ""
        context.update(members=members, directory_url=directory_url, logo_filter=CARD_LOGO_FILTER)
        return context

    class Meta:
        icon = "group"
        label = _("Featured members")
        template = f"{TEMPLATE_DIR}/featured_members.html"


class MemberCountBlock(blocks.StructBlock):
    """A key figure: how many organisations are members now, counted when the page renders."""

    label = blocks.CharBlock(
        label=_("Label"),
        max_length=120,
        default=_("member organisations"),
        help_text=_("Shown under the number."),
    )
    sector = blocks.ChoiceBlock(
        label=_("Only"), choices=SECTORS, required=False, help_text=_("Leave blank for all.")
    )
    status = blocks.ChoiceBlock(
        label=_("Programme status"),
        choices=ProgrammeStatus.choices,
        required=False,
        help_text=_("Leave blank for any status."),
    )

    def get_count(self, value, locale_id) -> int:
        """The count, kept in the cache until a member changes (:func:`members_version`)."""
        key = f"{COUNT_CACHE_PREFIX}{members_version()}:{locale_id}"
        key += f":{value.get('sector') or ''}:{value.get('status') or ''}"
        count = cache.get(key)
        if count is None:
            members = Member.objects.public().in_locale(locale_id)
            if value.get("sector"):
                members = members.filter(kind__in=kinds_of_sector(value["sector"]))
            if value.get("status"):
                members = members.filter(status=value["status"])
            count = members.count()
            cache.set(key, count, COUNT_CACHE_TIMEOUT)
        return count

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        locale_id = context_locale_id(parent_context)
        context["count"] = self.get_count(value, locale_id) if locale_id else 0
        return context

    class Meta:
        icon = "user"
        label = _("Member count")
        template = f"{TEMPLATE_DIR}/member_count.html"


#: Migrations name the blocks by their public path in :mod:`wagtail_community_matching.blocks`,
#: so moving a block between modules never changes a migration.
DECONSTRUCT_ALIASES = {
    FeaturedMembersBlock: "wagtail_community_matching.blocks.FeaturedMembersBlock",
    MemberCountBlock: "wagtail_community_matching.blocks.MemberCountBlock",
}
