"""FAQ blocks: questions typed in place or chosen from FAQ snippets.

- :class:`FAQItemsBlock`: a list of questions, each an inline :class:`FAQQuestionBlock`
  or a chosen ``FAQ`` snippet (one answer shown on several pages);
- :class:`FAQSectionsBlock`: the sections of ``FAQPageMixin.sections``;
- :class:`FAQBlock`: an FAQ excerpt for any StreamField (``NetworkPage`` included).

Anchors (the ``id`` of each question) must be unique where they are shown. The
owners of a list of questions (:class:`FAQSectionsBlock`, :class:`FAQBlock`) fill
in blank anchors from the questions when the editor saves, and reject duplicates
with an error on the duplicate itself.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.faq.questions import collect_questions
from wagtail_community_matching.text.anchors import (
    ANCHOR_MAX_LENGTH,
    check_block_anchor,
    slug_anchor,
    unique_anchor,
)

TEMPLATE_DIR = "wagtail_community_matching/blocks"
FAQ_SNIPPET_MODEL = "wagtail_community_matching.FAQ"

ANCHOR_HELP = _(
    "The id used in links to this question, such as #is-it-free. Filled in from the question "
    "when left blank; keep it unchanged once published so that links keep working."
)


class FAQAnswerBlock(blocks.RichTextBlock):
    """Rich text limited to the features of ``FAQ_RICH_TEXT_FEATURES``."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("features", cm_settings.FAQ_RICH_TEXT_FEATURES)
        super().__init__(*args, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Answer")


class FAQQuestionBlock(blocks.StructBlock):
    """A question written in place: plain-text question, rich-text answer, anchor."""

    question = blocks.CharBlock(label=_("Question"), max_length=255)
    answer = FAQAnswerBlock()
    anchor = blocks.CharBlock(
        label=_("Anchor"), required=False, max_length=ANCHOR_MAX_LENGTH, help_text=ANCHOR_HELP
    )

    def clean(self, value):
        value = super().clean(value)
        check_block_anchor(value)
        return value

    class Meta:
        icon = "help"
        label = _("Question")


class FAQItemsBlock(blocks.StreamBlock):
    """Questions: written in place, or chosen among the reusable FAQ snippets."""

    question = FAQQuestionBlock()
    faq = SnippetChooserBlock(FAQ_SNIPPET_MODEL, label=_("Reusable question"), icon="snippet")

    class Meta:
        label = _("Questions")
        min_num = 1


class FAQSectionBlock(blocks.StructBlock):
    """A group of questions under an optional heading."""

    heading = blocks.CharBlock(
        label=_("Section heading"),
        required=False,
        max_length=255,
        help_text=_("Optional. A section with a heading gets an entry in the table of contents."),
    )
    anchor = blocks.CharBlock(
        label=_("Section anchor"),
        required=False,
        max_length=ANCHOR_MAX_LENGTH,
        help_text=_("The id used in links to this section. Filled in from the heading."),
    )
    questions = FAQItemsBlock()

    def clean(self, value):
        value = super().clean(value)
        check_block_anchor(value)
        return value

    class Meta:
        icon = "folder-open-inverse"
        label = _("Section")


# -- Anchors: filled in where blank, unique where shown -----------------------------------


@dataclass
class _AnchorSlot:
    """One id on the page: where it comes from, and how to report or fill it."""

    path: tuple  # block path of the error: stream indexes (int) and struct names (str)
    anchor: str
    text: str  # what a blank anchor is made from
    fill: Callable[[str], None] | None  # None when the anchor is not edited here (snippets)
    label: str


def _set(struct_value) -> Callable[[str], None]:
    def fill(anchor: str) -> None:
        struct_value["anchor"] = anchor

    return fill


def _item_slots(items, prefix: tuple) -> Iterator[_AnchorSlot]:
    for index, child in enumerate(items or []):
        value = child.value
        if child.block_type == "question":
            yield _AnchorSlot(
                (*prefix, index, "anchor"),
                value.get("anchor") or "",
                value.get("question") or "",
                _set(value),
                value.get("question") or "",
            )
        elif child.block_type == "faq" and value is not None:
            yield _AnchorSlot((*prefix, index), value.anchor or "", "", None, value.question)


def _section_slots(sections) -> Iterator[_AnchorSlot]:
    for index, child in enumerate(sections or []):
        if child.block_type != "section":
            continue
        value = child.value
        if value.get("heading") or value.get("anchor"):
            yield _AnchorSlot(
                (index, "anchor"),
                value.get("anchor") or "",
                value.get("heading") or "",
                _set(value),
                value.get("heading") or "",
            )
        yield from _item_slots(value.get("questions"), (index, "questions"))


def assign_anchors(slots, *, include_snippets: bool = True) -> dict[tuple, ValidationError]:
    """Fill blank anchors of ``slots`` and return the errors of duplicates, by block path.

    Anchors typed by editors (and those of chosen snippets) are kept; a repeated one
    is an error. Blank anchors are then made from the text, avoiding every anchor
    already taken, so they never clash.
    """
    slots = list(slots)
    taken: dict[str, str] = {}
    errors: dict[tuple, ValidationError] = {}
    for slot in slots:
        if not slot.anchor or (slot.fill is None and not include_snippets):
            continue
        if slot.anchor in taken:
            errors[slot.path] = ValidationError(
                _(
                    "The anchor “%(anchor)s” is already used on this page by “%(other)s”. "
                    "Give this question another anchor."
                ),
                params={"anchor": slot.anchor, "other": taken[slot.anchor]},
                code="duplicate_anchor",
            )
        else:
            taken[slot.anchor] = slot.label
    for slot in slots:
        if not slot.anchor and slot.fill is not None and slot.text:
            anchor = unique_anchor(slug_anchor(slot.text), taken)
            slot.fill(anchor)
            taken[anchor] = slot.label
    return errors


def nest_errors(errors: dict[tuple, ValidationError]) -> ValidationError:
    """Turn errors keyed by block path into the nested errors Wagtail's editor shows."""
    children: dict = {}
    deeper: dict = defaultdict(dict)
    for path, error in errors.items():
        if len(path) == 1:
            children[path[0]] = error
        else:
            deeper[path[0]][path[1:]] = error
    for key, sub_errors in deeper.items():
        children[key] = nest_errors(sub_errors)
    if all(isinstance(key, int) for key in children):
        return StreamBlockValidationError(block_errors=children)
    return StructBlockValidationError(block_errors=children)


class FAQSectionsBlock(blocks.StreamBlock):
    """The sections of an FAQ page. Anchors are unique across all of them."""

    section = FAQSectionBlock()

    def clean(self, value, **kwargs):
        # Wagtail 7 passes ``ignore_required_constraints`` here; Wagtail 8 does not.
        value = super().clean(value, **kwargs)
        errors = assign_anchors(_section_slots(value))
        if errors:
            raise nest_errors(errors)
        return value

    class Meta:
        label = _("Sections")


class FAQBlock(blocks.StructBlock):
    """A few questions, in any StreamField, with an optional link to the full FAQ."""

    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=255)
    questions = FAQItemsBlock()
    page = blocks.PageChooserBlock(
        label=_("Full FAQ page"),
        required=False,
        help_text=_("Optional. Adds a link to the page holding every question."),
    )
    link_text = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        max_length=120,
        help_text=_("Leave blank for “All questions”."),
    )

    def clean(self, value):
        value = super().clean(value)
        errors = assign_anchors(_item_slots(value.get("questions"), ("questions",)))
        if errors:
            raise nest_errors(errors)
        return value

    def get_questions(self, value, locale_id=None):
        """The questions of ``value`` ready to show (see ``collect_questions``)."""
        return collect_questions(
            value.get("questions"), locale_id=locale_id, section=value.get("heading") or ""
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        context["faq_questions"] = self.get_questions(value, getattr(page, "locale_id", None))
        return context

    def get_api_representation(self, value, context=None):
        page = value.get("page")
        return {
            "heading": value.get("heading") or "",
            "questions": [question.as_dict() for question in self.get_questions(value)],
            "page": page.pk if page else None,
            "link_text": value.get("link_text") or "",
        }

    class Meta:
        icon = "help"
        label = _("FAQ")
        template = f"{TEMPLATE_DIR}/faq.html"


def section_anchor_slots(sections):
    """Anchor slots of ``FAQPageMixin.sections`` (used by the page's ``clean``)."""
    return _section_slots(sections)


#: Migrations name the blocks by their public path in :mod:`wagtail_community_matching.blocks`,
#: so moving a block between modules never changes a migration.
DECONSTRUCT_ALIASES = {
    FAQAnswerBlock: "wagtail_community_matching.blocks.FAQAnswerBlock",
    FAQQuestionBlock: "wagtail_community_matching.blocks.FAQQuestionBlock",
    FAQItemsBlock: "wagtail_community_matching.blocks.FAQItemsBlock",
    FAQSectionBlock: "wagtail_community_matching.blocks.FAQSectionBlock",
    FAQSectionsBlock: "wagtail_community_matching.blocks.FAQSectionsBlock",
    FAQBlock: "wagtail_community_matching.blocks.FAQBlock",
}
