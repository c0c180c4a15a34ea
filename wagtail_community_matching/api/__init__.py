"""Headless access to the package's content.

- :data:`router`: the JSON API (django-ninja) with members, events, FAQ, impact and
  adhesion forms, to mount on a ``NinjaAPI``; :func:`build_api` makes one serving
  it alone, with its OpenAPI document (``docs/headless.md``).
- :mod:`.v2`: endpoint classes for Wagtail's API v2 router, and
  :func:`.v2.register_endpoints`.

The API reads every feature through its services; no feature imports the API.
"""

from __future__ import annotations

from wagtail_community_matching.api.endpoints import build_api, router

__all__ = ["build_api", "router"]
