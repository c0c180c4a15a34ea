"""Concrete default page types built from the package's page mixins.

Add ``wagtail_community_matching.pages`` to ``INSTALLED_APPS`` unless your site
uses a custom base page model (Wagtail 8 ``WAGTAIL_PAGE_MODEL``); such a site
leaves this app out and subclasses the mixins in ``wagtail_community_matching.models``.
"""
