"""Headless access to the package's content.

- :mod:`.v2`: endpoint classes for Wagtail's API v2 router.
"""
