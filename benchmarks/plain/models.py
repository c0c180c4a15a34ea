"""``PlainPage``: a title and rich text, nothing of the package but its base template.

Each hot path is timed against it, in the same run, so the ratios say what the package
adds to what any Wagtail page on the same site costs (routing, site, settings, menu).
"""

from __future__ import annotations

from wagtail.fields import RichTextField
from wagtail.models import Page


class PlainPage(Page):
    body = RichTextField(blank=True)

    template = "bench_plain/plain_page.html"
