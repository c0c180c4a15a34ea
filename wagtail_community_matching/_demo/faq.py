"""The demo FAQ: reusable FAQ snippets, the FAQ page, an FAQ excerpt, a large benchmark FAQ."""

from __future__ import annotations

import json
import uuid

from django.apps import apps
from django.core.management.base import CommandError
from wagtail.documents import get_document_model
from wagtail.models import Page

from wagtail_community_matching._demo.base import (
    DemoContext,
    stream,
    upsert_page,
    upsert_translation,
)
from wagtail_community_matching._demo.faq_content import (
    BENCHMARK,
    EXCERPT,
    FAQ_PAGE,
    SECTIONS,
    SNIPPETS,
)
from wagtail_community_matching._demo.network_content import RESOURCES
from wagtail_community_matching.models import FAQ

#: Namespace of the translation keys of the demo's FAQ snippets (stable across runs).
SNIPPET_NAMESPACE = uuid.UUID("6c1f7a52-3b0e-4a53-9d59-2f0f0c6f6a01")


def faq_page_model():
    """The concrete ``FAQPage`` of ``wagtail_community_matching.pages``."""
    try:
        return apps.get_model("wagtail_community_matching_pages", "FAQPage")
    except LookupError as error:
        raise CommandError(
            "The demo needs 'wagtail_community_matching.pages' in INSTALLED_APPS."
        ) from error


def demo_snippet_keys() -> list[uuid.UUID]:
    """Translation keys of the demo's FAQ snippets (``--flush`` deletes them)."""
    return [uuid.uuid5(SNIPPET_NAMESPACE, key) for key, *_rest in SNIPPETS]


def _upsert_snippet(key: uuid.UUID, locale, question: str, answer: str, anchor: str) -> FAQ:
    faq = FAQ.objects.filter(translation_key=key, locale=locale).first()
    created = faq is None
    if created:
        faq = FAQ(translation_key=key, locale=locale)
    faq.question, faq.answer, faq.anchor = question, answer, anchor
    faq.save()
    if created:
        faq.save_revision()
    return faq


def _snippets(ctx: DemoContext, links: dict) -> dict[str, dict[str, FAQ]]:
    """The demo snippets by language code and key, with their English translations."""
    result: dict[str, dict[str, FAQ]] = {"it": {}, "en": {}}
    english = ctx.locale("en")
    for (key, anchor_it, anchor_en, words), translation_key in zip(
        SNIPPETS, demo_snippet_keys(), strict=True
    ):
        question, answer = words["it"]
        result["it"][key] = _upsert_snippet(
            translation_key, ctx.default_locale, question, answer.format(**links["it"]), anchor_it
        )
        if english is not None:
            question, answer = words["en"]
            result["en"][key] = _upsert_snippet(
                translation_key, english, question, answer.format(**links["en"]), anchor_en
            )
    return result


def _sections(language: str, snippets: dict[str, FAQ], links: dict) -> str:
    sections = []
    for heading, items in SECTIONS[language]:
        questions = []
        for item in items:
            if isinstance(item, str):
                questions.append(("faq", snippets[item].pk))
            else:
                anchor, question, answer = item
                questions.append(
                    (
                        "question",
                        {"question": question, "answer": answer.format(**links), "anchor": anchor},
                    )
                )
        sections.append(
            (
                "section",
                {"heading": heading, "anchor": "", "questions": json.loads(stream(questions))},
            )
        )
    return stream(sections)


def _add_excerpt(page: Page, language: str, snippets: dict[str, FAQ], faq_page: Page) -> None:
    """Put an FAQ block with the joining questions at the end of ``page``'s body."""
    page = page.specific
    body = [block for block in page.body.raw_data if block["type"] != "faq"]
    excerpt = {
        "heading": EXCERPT[language]["heading"],
        "questions": json.loads(
            stream([("faq", snippets[key].pk) for key in ("is-it-free", "how-to-join")])
        ),
        "page": faq_page.pk,
        "link_text": EXCERPT[language]["link_text"],
    }
    page.body = json.dumps([*body, {"type": "faq", "value": excerpt}])
    page.save_revision().publish()


def _links(ctx: DemoContext, joining: Page) -> dict[str, dict]:
    title = next(title for key, title, *_rest in RESOURCES if key == "toolkit")
    toolkit = get_document_model().objects.filter(collection=ctx.collection, title=title).first()
    form = ctx.pages["adhesion"]
    links = {
        "it": {"joining": joining.pk, "form": form.pk, "toolkit": toolkit.pk if toolkit else ""}
    }
    english = ctx.locale("en")
    joining_en = joining.get_translation_or_none(english) if english else None
    form_en = form.get_translation_or_none(english) if english else None
    links["en"] = {
        **links["it"],
        "joining": (joining_en or joining).pk,
        "form": (form_en or form).pk,
    }
    return links


def build_faq(ctx: DemoContext, count: int | None = None) -> Page:
    """Create or update the FAQ snippets, the FAQ page (with translation) and the excerpt.

    With ``count``, also build ``faq-benchmark``: a page of ``count`` questions.
    """
    home, joining = ctx.pages["home"], ctx.pages["joining"]
    FAQPage = faq_page_model()
    links = _links(ctx, joining)
    snippets = _snippets(ctx, links)
    ctx.write(f"  {sum(len(s) for s in snippets.values())} reusable FAQ snippets")

    words = FAQ_PAGE["it"]
    faq_page = upsert_page(
        home,
        FAQPage,
        words["slug"],
        {
            "title": words["title"],
            "intro": words["intro"],
            "show_in_menus": True,
            "sections": _sections("it", snippets["it"], links["it"]),
        },
    )
    _add_excerpt(joining, "it", snippets["it"], faq_page)
    ctx.write(f"  FAQ page: {faq_page.title} ({len(faq_page.get_faq_questions())} questions)")

    english = ctx.locale("en")
    if english is not None:
        words = FAQ_PAGE["en"]
        faq_en = upsert_translation(
            faq_page,
            english,
            {
                "title": words["title"],
                "intro": words["intro"],
                "slug": words["slug"],
                "sections": _sections("en", snippets["en"], links["en"]),
            },
        )
        joining_en = joining.get_translation_or_none(english)
        if joining_en is not None:
            _add_excerpt(joining_en, "en", snippets["en"], faq_en)
        ctx.write("  English translation of the FAQ page")

    if count is not None:
        build_benchmark_faq(ctx, home, count, links["it"]["joining"])
    ctx.pages["faq"] = faq_page
    return faq_page


def build_benchmark_faq(ctx: DemoContext, home: Page, count: int, joining_id: int) -> Page:
    """A page of ``count`` generated questions in sections, for benchmarks."""
    if count < 1:
        raise CommandError("--faq needs a positive number of questions, such as --faq 300.")
    size = BENCHMARK["section_size"]
    sections = []
    for start in range(0, count, size):
        questions = [
            (
                "question",
                {
                    "question": BENCHMARK["question"].format(number=number),
                    "answer": BENCHMARK["answer"].format(number=number, joining=joining_id),
                    "anchor": f"domanda-{number}",
                },
            )
            for number in range(start + 1, min(start + size, count) + 1)
        ]
        sections.append(
            (
                "section",
                {
                    "heading": BENCHMARK["section"].format(number=start // size + 1),
                    "anchor": "",
                    "questions": json.loads(stream(questions)),
                },
            )
        )
    page = upsert_page(
        home,
        faq_page_model(),
        BENCHMARK["slug"],
        {
            "title": BENCHMARK["title"].format(count=count),
            "intro": BENCHMARK["intro"],
            "sections": stream(sections),
            "show_in_menus": False,
        },
    )
    ctx.write(f"  benchmark FAQ: {page.get_url()} ({count} questions)")
    return page
