"""A site's own base page model (Wagtail 8 ``WAGTAIL_PAGE_MODEL``) using the package's mixins."""
