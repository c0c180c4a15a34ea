"""Builders of test content: pages under the default site's root, images, documents."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site


def png_bytes(width: int = 64, height: int = 48, colour: str = "#0b5cad") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def make_image(title: str = "Test image", width: int = 64, height: int = 48):
    Image = get_image_model()
    return Image.objects.create(
        title=title, file=ImageFile(io.BytesIO(png_bytes(width, height)), name="test.png")
    )


def make_document(
    title: str = "Toolkit", content: bytes = b"%PDF-1.4\n%test\n", name="toolkit.pdf"
):
    Document = get_document_model()
    return Document.objects.create(
        title=title, file=ContentFile(content, name=name), file_size=len(content)
    )


def make_site_root(model, **fields):
    """Create a page of ``model`` under the tree root and make it the default site's root."""
    root = Page.get_first_root_node()
    fields.setdefault("title", "Home")
    fields.setdefault("slug", "home-test")
    page = model(**fields)
    root.add_child(instance=page)
    page.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = page
    site.save()
    return page


def add_child(parent, model, **fields):
    fields.setdefault("slug", fields.get("title", "child").lower().replace(" ", "-"))
    page = model(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
