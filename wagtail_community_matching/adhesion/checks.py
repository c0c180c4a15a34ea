"""System checks of the adhesion settings (ids ``wagtail_community_matching.E050``-``E069``)."""

from __future__ import annotations

from pathlib import Path

import django_tasks
from django import forms
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.files.storage import FileSystemStorage, Storage
from django.utils.module_loading import import_string
from django_tasks.exceptions import InvalidTaskBackendError

from wagtail_community_matching.adhesion.storage import build_private_storage
from wagtail_community_matching.adhesion.uploads import KNOWN_TYPES
from wagtail_community_matching.checks import is_int, register_setting_check, setting_error
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.ratelimit import Rate


def _check_simple() -> list[Error]:
    errors = []
    value = cm_settings.ADHESION_VERIFICATION_REQUIRED
    if not isinstance(value, bool):
        errors.append(
            setting_error(
                "ADHESION_VERIFICATION_REQUIRED",
                f"must be True or False, got {value!r}.",
                "True: applications enter review once the applicant confirms the address.",
                50,
            )
        )
    for key in (
        "ADHESION_VERIFICATION_MAX_AGE_DAYS",
        "ADHESION_MAX_REQUEST_BYTES",
        "ADHESION_UPLOAD_MAX_BYTES",
        "ADHESION_UPLOAD_MAX_PIXELS",
    ):
        value = getattr(cm_settings, key)
        if not is_int(value) or value < 1:
            errors.append(
                setting_error(key, f"must be a positive whole number, got {value!r}.", "", 51)
            )
    for key in ("ADHESION_RATE_LIMIT", "ADHESION_EMAIL_RATE_LIMIT"):
        value = getattr(cm_settings, key)
        try:
            Rate.parse(value)
        except ValueError:
            errors.append(
                setting_error(
                    key,
                    f"must be a rate such as '5/h', got {value!r}.",
                    "Write '<count>/<unit>' with the unit s, m, h or d.",
                    52,
                )
            )
    value = cm_settings.TRUSTED_PROXY_COUNT
    if not is_int(value) or value < 0:
        errors.append(
            setting_error(
                "TRUSTED_PROXY_COUNT",
                f"must be 0 or a positive whole number, got {value!r}.",
                "Count the reverse proxies in front of the site that set X-Forwarded-For.",
                53,
            )
        )
    return errors


def _check_types() -> list[Error]:
    errors = []
    for key, images_only in (("ADHESION_IMAGE_TYPES", True), ("ADHESION_FILE_TYPES", False)):
        value = getattr(cm_settings, key)
        known = [t for t in KNOWN_TYPES if t.startswith("image/") or not images_only]
        if not isinstance(value, (list, tuple)) or not value or any(t not in known for t in value):
            errors.append(
                setting_error(
                    key,
                    f"must be a non-empty list of accepted types, got {value!r}.",
                    f"Choose among: {', '.join(known)}.",
                    54,
                )
            )
    return errors


def _check_captcha() -> list[Error]:
    path = cm_settings.ADHESION_CAPTCHA_FIELD
    if path is None:
        return []

    try:
        field_class = import_string(path) if isinstance(path, str) else None
    except ImportError:
        field_class = None
    if isinstance(field_class, type) and issubclass(field_class, forms.Field):
        return []
    return [
        setting_error(
            "ADHESION_CAPTCHA_FIELD",
            f"must be None or the dotted path of a form field class, got {path!r}.",
            "For example 'django_recaptcha.fields.ReCaptchaField'. Install its package.",
            55,
        )
    ]


def _check_retention() -> list[Error]:
    errors = []
    days = cm_settings.ADHESION_RETENTION_DAYS
    valid = isinstance(days, dict) and set(days) <= {"rejected", "withdrawn", "stale"}
    valid = valid and all(v is None or (is_int(v) and v > 0) for v in days.values())
    if not valid:
        errors.append(
            setting_error(
                "ADHESION_RETENTION_DAYS",
                f"must map 'rejected', 'withdrawn' and 'stale' to days or None, got {days!r}.",
                "For example {'rejected': 180, 'withdrawn': 180, 'stale': 90}.",
                56,
            )
        )
    action = cm_settings.ADHESION_RETENTION_ACTION
    if action not in ("anonymise", "delete"):
        errors.append(
            setting_error(
                "ADHESION_RETENTION_ACTION",
                f"must be 'anonymise' or 'delete', got {action!r}.",
                "",
                57,
            )
        )
    return errors


def _inside(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


def _check_storage() -> list[Error]:
    config = cm_settings.PRIVATE_STORAGE
    hint = (
        "Use {'CLASS': 'dotted.path.of.Storage', 'OPTIONS': {...}}, for example "
        "{'CLASS': 'django.core.files.storage.FileSystemStorage', 'OPTIONS': {}}."
    )
    if not isinstance(config, dict) or not isinstance(config.get("OPTIONS", {}), dict):
        return [setting_error("PRIVATE_STORAGE", f"must be a dict, got {config!r}.", hint, 58)]
    try:
        storage_class = import_string(config.get("CLASS", ""))
    except ImportError:
        storage_class = None
    if not (isinstance(storage_class, type) and issubclass(storage_class, Storage)):
        return [
            setting_error(
                "PRIVATE_STORAGE",
                f"names {config.get('CLASS')!r}, which is not an importable Storage class.",
                hint,
                59,
            )
        ]
    if not issubclass(storage_class, FileSystemStorage):
        return []

    location = Path(build_private_storage().location).resolve()
    public = [getattr(settings, "MEDIA_ROOT", ""), getattr(settings, "STATIC_ROOT", "")]
    for root in filter(None, public):
        if _inside(location, Path(root).resolve()):
            return [
                setting_error(
                    "PRIVATE_STORAGE",
                    f"stores files in {location}, inside the public folder {root}.",
                    "Application files hold personal data: give OPTIONS a 'location' "
                    "outside MEDIA_ROOT and STATIC_ROOT.",
                    60,
                )
            ]
    return []


def _check_task_backend() -> list[Error]:
    alias = cm_settings.TASK_BACKEND

    # django-tasks 0.7 (Wagtail 7.0) names the handler "tasks", later ones "task_backends".
    handler = getattr(django_tasks, "task_backends", None) or django_tasks.tasks
    try:
        handler[alias]
    except (InvalidTaskBackendError, KeyError, TypeError):
        return [
            setting_error(
                "TASK_BACKEND",
                f"names {alias!r}, which is not a backend of the TASKS setting.",
                "Use 'default' or an alias defined in TASKS.",
                61,
            )
        ]
    return []


@register_setting_check
def check_adhesion_settings() -> list[Error]:
    """Validate the adhesion keys of ``WAGTAIL_COMMUNITY_MATCHING``."""
    return [
        *_check_simple(),
        *_check_types(),
        *_check_captcha(),
        *_check_retention(),
        *_check_storage(),
        *_check_task_backend(),
    ]


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs=None, **kwargs) -> list[Warning]:
    """With ``--deploy``: rate limits need a cache that every process shares."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend.endswith(("LocMemCache", "DummyCache")):
        return [
            Warning(
                "The default cache is kept per process: the adhesion form's rate limits "
                "are not shared between app servers.",
                hint="Use Redis, Memcached or the database cache in production.",
                id="wagtail_community_matching.W050",
            )
        ]
    return []
