"""``PlainFormPage``: Wagtail's own form page (``wagtail.contrib.forms``), nothing more.

The yardstick of the adhesion POST (``benchmarks/test_adhesion_post_bench.py``): the
same join form built with ``wagtail.contrib.forms`` alone, submissions stored as
Wagtail's ``FormSubmission``, no mails.
"""

from __future__ import annotations

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField


class PlainFormPage(AbstractForm):
    template = "bench_plainform/plain_form_page.html"
    landing_page_template = "bench_plainform/plain_form_page_landing.html"


class PlainFormField(AbstractFormField):
    page = ParentalKey(PlainFormPage, on_delete=models.CASCADE, related_name="form_fields")
