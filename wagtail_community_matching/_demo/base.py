"""Helpers shared by the demo builders: locales, collection, files and pages."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import models
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page

COLLECTION_NAME = "Community matching demo"


class DemoContext:
    """What the builders share: output, locales, the demo collection and the site root."""

    def __init__(self, write: Callable[[str], None]):
        self.write = write
        self.default_locale = Locale.objects.get_or_create(
            language_code=settings.LANGUAGE_CODE[:2]
        )[0]
        self.translation_locales = [
            Locale.objects.get_or_create(language_code=code)[0]
            for code, _name in getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", [])
            if code != self.default_locale.language_code
        ]
        self.collection = demo_collection()
        self.pages: dict[str, Page] = {}

    def locale(self, code: str) -> Locale | None:
        return next((loc for loc in self.translation_locales if loc.language_code == code), None)


def demo_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def upsert_image(ctx: DemoContext, title: str, filename: str, content: bytes):
    """Create the image titled ``title`` in the demo collection, or return the existing one."""
    Image = get_image_model()
    image = Image.objects.filter(collection=ctx.collection, title=title).first()
    if image is None:
        image = Image(
            title=title,
            collection=ctx.collection,
            file=ImageFile(io.BytesIO(content), name=filename),
            file_size=len(content),
        )
        image.save()
    return image


def upsert_document(ctx: DemoContext, title: str, filename: str, content: bytes):
    """Create the document titled ``title`` in the demo collection, or return the existing one."""
    Document = get_document_model()
    document = Document.objects.filter(collection=ctx.collection, title=title).first()
    if document is None:
        document = Document(
            title=title,
            collection=ctx.collection,
            file=ContentFile(content, name=filename),
            file_size=len(content),
        )
        document.save()
    return document


def stream(blocks: list[tuple[str, object]]) -> str:
    """Raw StreamField JSON from ``(block type, raw value)`` pairs."""
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def upsert_page(parent: Page, model: type[models.Model], slug: str, fields: dict) -> Page:
    """Create or update the child of ``parent`` with ``slug`` and publish it."""
    page = parent.get_children().filter(slug=slug).specific().first()
    if page is None:
        page = model(slug=slug, locale=parent.locale, **fields)
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def upsert_translation(page: Page, locale: Locale, fields: dict) -> Page:
    """Create or update ``page``'s translation into ``locale`` and publish it."""
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation
