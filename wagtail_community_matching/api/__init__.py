"""Headless access to the package's content.

- :data:`router`: the JSON API (django-ninja) with members, events, FAQ, impact and
  adhesion forms, to mount on a ``NinjaAPI``; :func:`build_api` makes one serving
  it alone, with its OpenAPI document (``docs/headless.md``).
- :mod:`.v2`: endpoint classes for Wagtail's API v2 router, and
  :func:`.v2.register_endpoints`.

``router`` and ``build_api`` are imported on first use, so that models can import
:mod:`.fields` while the app registry is loading.
"""

from __future__ import annotations

__all__ = ["build_api", "router"]


def __getattr__(name: str):
    if name in __all__:
        from wagtail_community_matching.api import endpoints

        return getattr(endpoints, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
