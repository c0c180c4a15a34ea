"""The renditions of member logos, named once for pages, blocks, templates and APIs.

A site changes the size of the directory's logos through the page's
``card_logo_filter`` and ``detail_logo_filter``; these are their defaults.
"""

from __future__ import annotations

#: A member card: directory, featured members block, Wagtail API v2 items.
CARD_LOGO_FILTER = "max-240x240"
#: A member's own page and its JSON-LD.
DETAIL_LOGO_FILTER = "max-480x480"
#: The JSON API's ``srcset``: 160, 320 and 640 pixels wide at most.
RESPONSIVE_LOGO_FILTERS = ("max-160x160", "max-320x320", "max-640x640")
