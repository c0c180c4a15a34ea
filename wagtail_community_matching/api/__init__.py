"""Headless access to the package's content.

``api.v2`` holds endpoint classes for Wagtail's API v2 router. The JSON API
(django-ninja) lives beside it.
"""
