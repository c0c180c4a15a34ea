"""The demo command's members, directory page and home blocks (_demo/members.py)."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from wagtail_community_matching.models import Member

pytestmark = pytest.mark.django_db


def load(*args):
    call_command("load_community_matching_demo", "--no-superuser", *args, verbosity=0, stdout=None)


#: The adhesion demo approves one application, which becomes a listed Italian member.
APPROVED = 1


def test_demo_members_directory_and_home_blocks(client, django_capture_on_commit_callbacks):
    # Wagtail 7 updates the search index when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        load()
    italian = Member.objects.filter(locale__language_code="it")
    assert italian.public().count() == 15 + APPROVED
    cities = set(italian.public().values_list("city", flat=True))
    assert {
        "Bari",
        "Bergamo",
        "Bologna",
        "Milano",
        "Napoli",
        "Padova",
        "Palermo",
        "Parma",
        "Roma",
        "Torino",
    } <= cities
    assert (
        italian.public()
        .filter(kind__in=["municipality", "regional_authority", "other_public"])
        .exists()
    )
    assert italian.filter(listed=False, live=True).count() == 1
    assert italian.filter(live=False).count() == 1
    # Logos in the (public) image library for public members only.
    assert all(m.logo_id for m in italian.public())
    assert not any(m.logo_id for m in italian.exclude(pk__in=italian.public()))
    assert Member.objects.filter(locale__language_code="en").public().count() == 15

    html = client.get("/it/membri/").content.decode()
    assert html.count('class="cm-member-card"') == 15 + APPROVED
    assert "Comunità San Martino" not in html and "Cooperativa In Attesa" not in html
    assert "modifica non pubblicata" not in html and "Comune di Bologna" in html
    assert client.get("/it/membri/?q=Palermo").context["members"][0].name == "Comune di Palermo"
    assert client.get("/en/members/comune-di-bari/").status_code == 200
    # One organisation in every language: the English directory lists the approved member
    # (created in Italian only) too, and says so in its count and on the home page.
    english = client.get("/en/members/").content.decode()
    assert english.count('class="cm-member-card"') == 15 + APPROVED
    assert f'cm-key-figure__number">{15 + APPROVED}<' in client.get("/en/").content.decode()
    assert client.get("/it/membri/cooperativa-in-attesa/").status_code == 404
    home = client.get("/it/").content.decode()
    assert f'cm-key-figure__number">{15 + APPROVED}<' in home
    assert "Alcuni membri della rete" in home and 'href="/it/membri/comune-di-bari/"' in home
    # The network's logo in the header and its browser icon.
    assert 'class="cm-brand__logo"' in home and 'rel="icon"' in home
    assert 'rel="apple-touch-icon"' in home
    assert 'href="/en/members/comune-di-bari/"' in client.get("/en/").content.decode()

    load()  # idempotent
    assert Member.objects.count() == 15 + 1 + 1 + 15 + APPROVED


@pytest.mark.slow
def test_demo_builds_large_directories_and_flushes_them():
    load("--members", "40")
    # The planner's statistics of the bulk writes (slow tests run on SQLite): without
    # them SQLite probes the search index once per member in a directory search.
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl LIKE %s", ["%member%"])
        assert cursor.fetchone()[0] > 0
    italian = Member.objects.filter(locale__language_code="it").public()
    assert italian.count() == 40
    load("--members", "20")
    assert Member.objects.filter(locale__language_code="it").public().count() == 20
    load("--flush")
    assert Member.objects.filter(slug__startswith="demo-ente-").count() == 0
    assert Member.objects.filter(locale__language_code="it").public().count() == 15 + APPROVED
    with pytest.raises(CommandError):
        load("--members", "-1")
