"""Merging small groups before publication (``suppression.merge_small``), at its boundaries."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wagtail_community_matching.impact.suppression import merge_small

# -- Merging small groups -------------------------------------------------------------------


@pytest.mark.parametrize("threshold", [2, 5, 10])
def test_groups_at_the_threshold_are_named_and_below_it_merged(threshold):
    t = threshold
    assert merge_small({"a": t, "b": t}, t) == {"a": "a", "b": "b"}
    # b alone below the threshold: it joins other, which is still too small, so the
    # smallest named group joins too, leaving one group: nothing to show.
    assert merge_small({"a": t, "b": t - 1}, t) is None
    assert merge_small({"a": t + 1, "b": t, "c": t - 1}, t) == {
        "a": "a",
        "b": "other",
        "c": "other",
    }
    # Small groups that add up to the threshold make "other" on their own.
    assert merge_small({"a": t, "b": t - 1, "c": 1}, t) == {"a": "a", "b": "other", "c": "other"}


def test_merging_ties_go_by_key_and_always_other_groups_are_never_named():
    assert merge_small({"b": 5, "a": 5, "c": 1}, 5) == {"a": "other", "b": "b", "c": "other"}
    assert merge_small({"a": 5, "other": 7}, 5, frozenset({"other"})) == {
        "a": "a",
        "other": "other",
    }
    assert merge_small({"x": 9}, 5) is None
    assert merge_small({}, 5) is None


@given(st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 12), max_size=8))
def test_every_published_group_has_at_least_threshold_members(members):
    mapping = merge_small(members, 5)
    if mapping is None:
        return
    sizes: dict[str, int] = {}
    for key, group in mapping.items():
        sizes[group] = sizes.get(group, 0) + members[key]
    assert len(sizes) >= 2
    assert all(size >= 5 for size in sizes.values())
