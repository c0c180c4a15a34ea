"""The impact page, its CSV and the key-figures block (the APIs: test_api.py)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from wagtail_community_matching.models import ImpactReport
from wagtail_community_matching.pages.models import NetworkPage

from ..factories import add_child
from .factories import (
    bulk_members,
    bulk_reports,
    indicators,
    make_member,
    make_report,
    populate,
    t,
    text,
)

pytestmark = pytest.mark.django_db


# -- The impact page -----------------------------------------------------------------------


def test_page_shows_key_figures_accessible_charts_and_tables(client, page):
    populate(8)
    html = text(client.get(page.url))
    assert t("Key figures, %(period)s", period="2025") in html
    assert '<span class="cm-figures__value">200</span>' in html  # 8 members x 25 in 2025
    # Each chart is one image for assistive technology, named by its title and its
    # description (every label and value), with the same figures as a table.
    charts = html.count('<div class="cm-chart__bars" role="img" aria-labelledby=')
    assert charts == 5  # four trends (one per reported indicator) and the outcomes
    assert html.count('<details class="cm-chart__data">') == charts
    # Eight members in two regions, all municipalities: no breakdown has two groups
    # of five, so none is drawn, and the page says why in one sentence each.
    assert html.count('<table class="cm-table"') == charts
    assert html.count('class="cm-impact__omitted"') == 2
    prefix = t("Bar chart. %(values)s.", values="")[:-1]  # in the page's language
    assert f"{prefix}2023: 200 " in html and "; 2024: 200 " in html and "; 2025: 200 " in html
    assert "<script" not in html


def test_page_numbers_follow_the_page_language(client, page):
    bulk_reports(bulk_members(6), [2025], {"matches-started": 300})
    italian = text(client.get(page.url))
    assert "1.800" in italian
    english_page = page.copy_for_translation(
        Locale.objects.get(language_code="en"), copy_parents=True
    )
    english_page.save_revision().publish()
    english = text(client.get(english_page.url))
    assert "1,800" in english
    assert "Matches started" in english


def test_small_groups_are_merged_never_shown_alone(client, page):
    populate(10, regions=("lombardia",))
    lonely = make_member("Comune di Palermo", region="sicilia", kind="association")
    make_report(lonely, 2025, {"matches-started": 41})
    html = text(client.get(page.url))
    assert not re.search(r"(?<![\d.,])41(?![\d.,])", html)  # Palermo's own figure
    assert "cm-impact-suppression" in html
    # Lombardy (10) and Sicily (1) cannot make two groups of five at any level.
    assert t("By area, %(period)s", period="2025") in html
    assert html.count('class="cm-impact__omitted"') == 2
    assert t("Sicily") not in html and t("Islands") not in html


def test_breakdowns_show_named_groups_and_other(client, page):
    members = bulk_members(12, regions=("lombardia", "lombardia", "lazio", "sicilia"))
    bulk_reports(members, [2025], {"matches-started": 25})
    html = text(client.get(page.url))
    # Lombardy has six members: named. Lazio and Sicily (three each) make "Other regions".
    table = html[html.index('id="cm-impact-table-region"') :]
    table = table[: table.index("</table>")]
    assert t("Lombardy") in table and t("Other regions") in table
    assert t("Lazio") not in table and t("Sicily") not in table
    assert "150" in table  # 6 x 25, in both groups
    assert t("suppressed") not in table
    assert 'id="cm-impact-table-area"' not in html  # one level: no subtraction across levels
    assert html.count('class="cm-impact__omitted"') == 1  # all municipalities: no types


def test_a_suppressed_figure_shows_a_placeholder_bar(client, page):
    populate(10)
    for number in range(2):  # two members only in 2022: that period is suppressed
        make_report(make_member(f"Pioniere {number}"), 2022, {"matches-started": 12})
    html = text(client.get(page.url))
    assert t("suppressed") in html and "cm-chart__placeholder" in html
    assert not re.search(r"(?<![\d.,])24(?![\d.,])", html)


def test_period_parameter_selects_the_breakdowns_and_bad_values_do_not_fail(client, page):
    populate(8)
    html = text(client.get(page.url, {"period": "2024"}))
    assert t("By area, %(period)s", period="2024") in html
    for bad in ["1999", "x" * 500, "<b>2025</b>", "2025-H9", ""]:
        response = client.get(page.url, {"period": bad})
        assert response.status_code == 200
        assert "<b>2025</b>" not in response.content.decode()


def test_page_without_reports_says_so(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    assert t("No figures have been published yet.") in text(response)


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_page_queries_do_not_grow_with_reports(client, page):
    members = bulk_members(400, regions=("lombardia", "lazio", "sicilia", "puglia"))
    values = {"matches-started": 25, "outcome-housing": 30, "matches-closed": 5}
    bulk_reports(members[:10], [2025], values)
    client.get(page.url)  # warms Wagtail's site and locale caches
    small = _page_queries(client, page.url)
    bulk_reports(members[10:], [2025], values)
    bulk_reports(members, [2021, 2022, 2023, 2024], values)
    assert ImpactReport.objects.count() == 2000
    assert _page_queries(client, page.url) == small


# -- CSV -----------------------------------------------------------------------------------


def read_csv(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_the_published_figures_and_hides_suppressed_ones(client, page):
    populate(10)
    lonely = make_member("Comune di Palermo", region="sicilia")
    make_report(lonely, 2025, {"matches-started": 41})
    response = client.get(page.url + "csv/")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    total = next(
        r
        for r in rows
        if r["period"] == "2025"
        and r["dimension"] == "total"
        and r["indicator"] == "matches-started"
    )
    assert total["value"] == "291" and total["members"] == "11"
    # Sicily is never a group of its own: it is counted in "other" with Lazio.
    groups = {(r["dimension"], r["group"]): r for r in rows if r["indicator"] == "matches-started"}
    assert ("region", "sicilia") not in groups
    assert groups["region", "lombardia"]["value"] == "125"
    assert (
        groups["region", "other"]["value"] == "166" and groups["region", "other"]["members"] == "6"
    )
    assert {dimension for dimension, _group in groups} == {"total", "region"}


def test_csv_neutralises_formulas_in_editor_text(client, page):
    catalogue = indicators()
    started = catalogue["matches-started"]
    started.name = '=HYPERLINK("http://evil.example")'
    started.save()
    populate(6)
    rows = read_csv(client.get(page.url + "csv/"))
    names = {row["indicator_name"] for row in rows if row["indicator"] == "matches-started"}
    assert names == {'\'=HYPERLINK("http://evil.example")'}


# -- Key-figures block ---------------------------------------------------------------------


def test_key_figures_block_on_a_network_page(client, page):
    populate(8)
    catalogue = indicators()
    network = add_child(
        page.get_parent().specific,
        NetworkPage,
        title="Chi siamo",
        body=json.dumps(
            [
                {
                    "type": "key_figures",
                    "value": {
                        "heading": "In cifre",
                        "indicators": [catalogue["matches-started"].pk],
                        "scope": "all",
                        "show_trend": True,
                        "page": page.pk,
                    },
                }
            ]
        ),
    )
    html = text(client.get(network.url))
    assert "In cifre" in html
    assert "600" in html  # 8 x 25 x 3 years
    assert "2023" in html and 'role="img"' in html
    assert page.url in html
