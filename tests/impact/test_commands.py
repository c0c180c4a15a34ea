"""Management commands of impact data: indicator seed, reminders and the demo."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from wagtail.models import Locale, ModelLogEntry

from wagtail_community_matching._demo.impact import demo_reports
from wagtail_community_matching.impact.aggregation import impact_data
from wagtail_community_matching.impact.periods import due_period
from wagtail_community_matching.models import ImpactReport, Indicator, Member

from .factories import indicators, make_impact_page, make_member, make_report

pytestmark = pytest.mark.django_db

DUE = due_period()


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=out)
    return out.getvalue()


def test_seed_command_is_idempotent():
    assert "13 created, 13 translations added" in run("seed_impact_indicators")
    assert "0 created, 0 translations added" in run("seed_impact_indicators")
    assert Indicator.objects.count() == 26


# -- Reminders -----------------------------------------------------------------------------


@pytest.fixture
def network():
    indicators()
    page = make_impact_page()
    members = {
        "done": make_member("Comune di Bari", region="puglia"),
        "validated": make_member("Comune di Roma", region="lazio"),
        "missing": make_member("Cooperativa Ponti", kind="cooperative"),
        "starting": make_member("Università di Napoli", status="starting", kind="university"),
        "no_email": make_member("Associazione Senza Posta", email=""),
        "interested": make_member("Fondazione Curiosa", status="interested"),
        "unpublished": make_member("Comune in Bozza", live=False),
    }
    make_report(members["done"], DUE.year, {"matches-started": 3}, status="submitted")
    make_report(members["validated"], DUE.year, {"matches-started": 3})
    return page, members


def test_reminders_dry_run_lists_missing_members_and_sends_nothing(network):
    output = run("send_impact_reminders")
    assert f"3 member(s) to remind for {DUE.key}" in output
    assert "Cooperativa Ponti: would mail info@" in output
    assert "Università di Napoli: would mail" in output
    assert "Associazione Senza Posta: no public email, skipped" in output
    for name in ["Comune di Bari", "Comune di Roma", "Fondazione Curiosa", "Comune in Bozza"]:
        assert name not in output
    assert re.search(r"\[1/3\]", output) and "Nothing sent." in output
    assert not mail.outbox
    assert ImpactReport.objects.count() == 2


def test_reminders_send_after_commit(network, django_capture_on_commit_callbacks):
    _page, members = network
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        output = run("send_impact_reminders", "--send")
    # Recorded in the database first; nothing mailed before the commit.
    assert callbacks and not mail.outbox
    report = ImpactReport.objects.get(member=members["missing"])
    assert report.status == "draft" and report.reminded_at is not None
    assert (
        ModelLogEntry.objects.filter(
            action="wagtail_community_matching.impact_report.remind"
        ).count()
        == 2
    )
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [members["missing"].email, members["starting"].email]
    )
    message = next(m for m in mail.outbox if m.to == [members["missing"].email])
    assert "/report/" in message.body and f"?period={DUE.key}" in message.body
    assert DUE.label in message.subject
    assert "2 reminder(s) sent, 1 skipped" in output


def test_reminded_members_are_not_mailed_again_within_the_interval(
    network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run("send_impact_reminders", "--send")
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        output = run("send_impact_reminders", "--send")
    assert "1 member(s) to remind" in output and "0 reminder(s) sent" in output
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        run("send_impact_reminders", "--send", "--interval-days", "0")
    assert len(mail.outbox) == 4


def test_reminder_link_opens_the_form(client, network, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run("send_impact_reminders", "--send")
    url = re.search(r"http://\S+", mail.outbox[0].body).group(0)
    response = client.get(url)
    assert response.status_code == 200


def test_reminders_bad_arguments_are_clear(network):
    with pytest.raises(CommandError, match="not a period"):
        run("send_impact_reminders", "--period", "last year")
    page, _members = network
    with pytest.raises(CommandError, match="is not an impact page"):
        run("send_impact_reminders", "--page", str(page.get_parent().pk))
    page.unpublish()
    with pytest.raises(CommandError, match="No live impact page"):
        run("send_impact_reminders")


def test_reminder_is_written_in_the_members_language(network, django_capture_on_commit_callbacks):
    _page, members = network
    english = Locale.objects.get(language_code="en")
    Member.objects.exclude(pk=members["missing"].pk).update(status="interested")
    Member.objects.filter(pk=members["missing"].pk).update(locale=english)
    with django_capture_on_commit_callbacks(execute=True):
        run("send_impact_reminders", "--send", "--period", "2024")
    assert mail.outbox[0].subject == "Impact report for 2024: please send your figures"


# -- Demo ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_demo_builds_four_years_of_reports_idempotently(client):
    output = run("load_community_matching_demo", "--no-superuser")
    assert "report link of Cooperativa Il Faro" in output
    expected = len(demo_reports())
    assert ImpactReport.objects.filter(status="validated").count() == expected
    run("load_community_matching_demo", "--no-superuser")
    assert ImpactReport.objects.filter(status="validated").count() == expected
    # One more report was sent and waits for validation (the dashboard panel shows it).
    assert ImpactReport.objects.filter(status="submitted").count() == 1

    data = impact_data()
    assert [p.key for p in data.periods] == ["2022", "2023", "2024", "2025"]
    started = data.all_time["matches-started"].value
    assert 1500 <= started <= 1650  # about 1,500 matches
    assert 90 <= data.totals["matches-started"]["2022"].value <= 120  # about 100 in the pilot
    assert 2800 <= data.all_time["people-matched"].value <= 3200  # about 3,000 people
    assert data.all_time["people-reached"].value >= 8000
    assert data.all_time["cities"].value == 10
    assert 84 <= data.totals["outcome-orientation"]["2025"].value <= 87
    assert (
        20
        <= data.totals["outcome-work"]["2023"].value
        < data.totals["outcome-work"]["2025"].value
        <= 62
    )
    # The latest year's figures by area: the North and the other areas, nothing hidden.
    assert data.levels["geography"] == "area"
    areas = {g.key: g.cells["matches-started"] for g in data.breakdowns["area"]}
    assert list(areas) == ["north", "other"]
    assert not any(cell.suppressed for cell in areas.values())
    assert (
        sum(cell.value for cell in areas.values()) == data.totals["matches-started"]["2025"].value
    )

    path = re.search(r"http://\S+?(/it/\S+)", output).group(1)
    assert client.get(path).status_code == 200
    assert client.get("/it/impatto/").status_code == 200
    assert client.get("/en/impact/").status_code == 200
    home = client.get("/it/").content.decode()
    assert "cm-figures" in home and format(int(started), ",").replace(",", ".") in home

    run("load_community_matching_demo", "--no-superuser", "--flush")
    assert ImpactReport.objects.count() == expected + 1
