"""Registration with Wagtail's hooks (the classes live in views/ and audit.py)."""

from django.urls import include, path
from wagtail import hooks

from .audit import register_adhesion_log_actions
from .urls import admin_urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("community-matching/adhesion/", include(admin_urls))]


hooks.register("register_log_actions", register_adhesion_log_actions)
