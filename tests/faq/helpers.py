"""Builders and readers shared by the FAQ tests."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup
from wagtail.models import Locale

from wagtail_community_matching.models import FAQ


def question(text: str, answer: str = "<p>An answer.</p>", anchor: str = "") -> dict:
    return {"type": "question", "value": {"question": text, "answer": answer, "anchor": anchor}}


def chosen(faq: FAQ) -> dict:
    return {"type": "faq", "value": faq.pk}


def section(heading: str, *items: dict, anchor: str = "") -> dict:
    return {
        "type": "section",
        "value": {"heading": heading, "anchor": anchor, "questions": list(items)},
    }


def sections(*items: dict) -> str:
    return json.dumps(list(items))


def make_faq(question_text: str, answer: str = "<p>Snippet answer.</p>", locale=None, **fields):
    return FAQ.objects.create(
        question=question_text, answer=answer, locale=locale or Locale.get_default(), **fields
    )


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def summaries(document: BeautifulSoup) -> list[str]:
    return [s.get_text() for s in document.select("details > summary")]


def details_ids(document: BeautifulSoup) -> list[str]:
    return [d["id"] for d in document.select("details")]


def jsonld(document: BeautifulSoup) -> dict:
    scripts = document.find_all("script", type="application/ld+json")
    assert len(scripts) == 1, scripts
    return json.loads(scripts[0].string)
