"""Generated demo members in bulk (_demo/generated_members.py ``build_generated``) and the
progress line.

Issue 15: ``--members 5000`` took 18 minutes in one transaction, locking an SQLite
database for the whole run. Generated members are now created in batches, each in its
own transaction, with their revisions and index rows written in bulk.
"""

from __future__ import annotations

import io

import pytest
from django.core.management.base import OutputWrapper
from django.db import connection
from wagtail.models import Locale, ReferenceIndex
from wagtail.search.backends import get_search_backend

from wagtail_community_matching._demo import generated_members as demo
from wagtail_community_matching._demo.base import DemoContext
from wagtail_community_matching.management.commands.load_community_matching_demo import Progress
from wagtail_community_matching.models import Member

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctx():
    Locale.objects.get_or_create(language_code="it")
    return DemoContext(lambda text: None)


def generated():
    return Member.objects.filter(slug__startswith=demo.GENERATED_PREFIX).order_by("slug")


def test_generated_members_are_published_in_batches_outside_one_transaction(
    ctx, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(demo, "BATCH_SIZE", 10)
    depths, calls = [], []
    create = demo._create_generated

    def recording_create(*args):
        depths.append(len(connection.atomic_blocks))
        return create(*args)

    monkeypatch.setattr(demo, "_create_generated", recording_create)
    base_depth = len(connection.atomic_blocks)

    def progress(done, total):
        calls.append((done, total, len(connection.atomic_blocks)))

    with django_capture_on_commit_callbacks(execute=True):
        assert demo.build_generated(ctx, 25, progress=progress) == 25

    # Three batches, each in its own transaction, the progress reported between them.
    assert depths == [base_depth + 1] * 3
    assert calls == [(10, 25, base_depth), (20, 25, base_depth), (25, 25, base_depth)]
    members = list(generated())
    assert len(members) == 25
    assert Member.objects.public().in_locale(ctx.default_locale).count() == 25
    for member in members:
        assert member.live and not member.has_unpublished_changes
        assert member.latest_revision_id == member.live_revision_id is not None
        assert member.latest_revision.content["name"] == member.name
        assert member.latest_revision.object_id == str(member.pk)
        assert member.name_initial == member.name[0].upper()
        assert member.logo_id is not None
    # Logos are shared by initials, and each is in Wagtail's reference index.
    logos = {member.logo_id for member in members}
    assert len(logos) < len(members)
    for member in members[:3]:
        usage = ReferenceIndex.get_references_to(member.logo)
        assert member.pk in {int(ref.object_id) for ref in usage}
    # In the search index at once.
    found = get_search_backend().search(members[7].name, Member.objects.all())
    assert members[7] in list(found)


def test_rerun_keeps_members_as_they_are_and_remakes_changed_ones(ctx):
    demo.build_generated(ctx, 6)
    before = dict(generated().values_list("slug", "pk"))
    calls = []
    demo.build_generated(ctx, 6, progress=lambda done, total: calls.append(done))
    assert dict(generated().values_list("slug", "pk")) == before  # nothing made again
    assert calls == []

    changed = generated().first()
    Member.objects.filter(pk=changed.pk).update(city="Altrove")
    demo.build_generated(ctx, 6, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 1)]
    remade = generated().get(slug=changed.slug)
    assert remade.pk != changed.pk and remade.city == changed.city
    assert generated().count() == 6


def test_a_smaller_count_removes_the_extra_generated_members(ctx):
    demo.build_generated(ctx, 8)
    assert demo.build_generated(ctx, 3) == 3
    assert list(generated().values_list("slug", flat=True)) == [
        f"{demo.GENERATED_PREFIX}{n:04d}" for n in (1, 2, 3)
    ]
    assert demo.build_generated(ctx, 0) == 0
    assert not generated().exists()


def test_progress_is_one_line_per_batch_off_a_terminal():
    out = io.StringIO()
    progress = Progress(OutputWrapper(out), "  generated members")
    progress(500, 1000)
    progress(1000, 1000)
    lines = out.getvalue().splitlines()
    assert [line.split(" (")[0] for line in lines] == [
        "  generated members: 500/1000",
        "  generated members: 1000/1000",
    ]
    assert "\r" not in out.getvalue()


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_is_a_bar_redrawn_in_place_on_a_terminal():
    out = Terminal()
    progress = Progress(OutputWrapper(out), "members")
    progress(1, 4)
    progress(4, 4)
    text = out.getvalue()
    assert text.startswith("\r[" + "#" * 7 + "-" * 23 + "] members: 1/4")
    assert "\r[" + "#" * 30 + "] members: 4/4" in text
    assert text.endswith("\n") and text.count("\n") == 1  # one line, ended when done
