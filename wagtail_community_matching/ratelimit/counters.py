"""The database table of rate limit counters, for caches whose increment is not atomic.

Used by :mod:`.ratelimit` when ``RATE_LIMIT_STORE`` says so (by default, when the
default cache is Django's database or file cache, whose ``incr`` reads and writes in
two steps: under concurrent requests, counts are lost and limits do not hold).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RateCounter(models.Model):
    """Events counted for one scope and identity (hashed) in the current window."""

    key = models.CharField(verbose_name=_("key"), max_length=120, unique=True)
    count = models.PositiveIntegerField(verbose_name=_("count"), default=0)
    window_end = models.DateTimeField(verbose_name=_("end of the window"), db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"

    class Meta:
        verbose_name = _("rate limit counter")
        verbose_name_plural = _("rate limit counters")
