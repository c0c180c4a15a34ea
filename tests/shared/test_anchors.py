"""One anchor rule (``anchors.anchor_error``) for headings and FAQ questions and sections.

Before, the network page's heading block checked only the characters: it took
``main`` and ``cm-*``, ids the package's templates use, and an anchor starting
with a hyphen, which the FAQ blocks refuse.
"""

from __future__ import annotations

import pytest
from wagtail.blocks.struct_block import StructBlockValidationError

from wagtail_community_matching.faq.blocks import FAQQuestionBlock, FAQSectionBlock
from wagtail_community_matching.network.blocks import HeadingBlock
from wagtail_community_matching.text.anchors import anchor_error

QUESTION = {"question": "È gratuito?", "answer": "<p>Sì.</p>", "anchor": "gratuito"}
BLOCKS = {
    "heading": (HeadingBlock, {"text": "Formazione", "level": "h2"}),
    "faq question": (FAQQuestionBlock, QUESTION),
    "faq section": (
        FAQSectionBlock,
        {"heading": "Adesione", "questions": [{"type": "question", "value": QUESTION}]},
    ),
}

REFUSED = ["main", "MAIN", "top", "content", "cm-filter", "CM-list", "-start", "_x", "a b", "a#b"]
ACCEPTED = ["formazione", "Fase_2", "2025-risultati", "x" * 80]


def clean(name: str, anchor: str):
    block_class, fields = BLOCKS[name]
    block = block_class()
    return block.clean(block.to_python({**fields, "anchor": anchor}))


@pytest.mark.parametrize("name", BLOCKS)
@pytest.mark.parametrize("anchor", REFUSED)
def test_every_anchor_block_refuses_what_the_anchor_rule_refuses(name, anchor):
    with pytest.raises(StructBlockValidationError) as raised:
        clean(name, anchor)
    [error] = raised.value.block_errors["anchor"].error_list
    assert error.messages == [anchor_error(anchor)]


@pytest.mark.parametrize("name", BLOCKS)
@pytest.mark.parametrize("anchor", [*ACCEPTED, ""])
def test_every_anchor_block_accepts_what_the_anchor_rule_accepts(name, anchor):
    assert anchor == "" or anchor_error(anchor) is None
    assert clean(name, anchor)["anchor"] == anchor
