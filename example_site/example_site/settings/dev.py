"""Local development: debug on, console email. Never use these settings in production."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "example-site-insecure-development-key"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
