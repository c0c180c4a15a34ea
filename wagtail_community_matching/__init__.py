"""Wagtail pages, snippets and APIs for community matching networks."""

__version__ = "0.1.0"
