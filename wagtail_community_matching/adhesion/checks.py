"""System checks of the adhesion settings (ids ``wagtail_community_matching.E050``-``E069``)."""

from __future__ import annotations

from pathlib import Path

import django_tasks
from django import forms
from django.apps import apps as django_apps
from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.files.storage import FileSystemStorage, Storage
from django.db import DatabaseError
from django.utils.module_loading import import_string
from django_tasks.exceptions import InvalidTaskBackendError
from wagtail.models import Page, ReferenceIndex

from wagtail_community_matching.adhesion.storage import build_private_storage
from wagtail_community_matching.adhesion.uploads import KNOWN_TYPES
from wagtail_community_matching.base import feature_page_models
from wagtail_community_matching.checks import is_int, register_setting_check, setting_error
from wagtail_community_matching.conf import cm_settings
from wagtail_community_matching.network.settings import NetworkLocaleSettings
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
        return _check_object_storage(storage_class, config.get("OPTIONS") or {})

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


#: Canned ACLs that let someone other than the bucket's owner read an object.
_PUBLIC_ACLS = ("public-read", "public-read-write", "authenticated-read")


def _check_object_storage(storage_class, options: dict) -> list[Error]:
    """An S3 private storage (django-storages) must not make application files public."""
    try:
        from storages.backends.s3 import S3Storage
    except ImportError:  # django-storages is not installed: no S3 storage to check
        return []
    if not issubclass(storage_class, S3Storage):
        return []
    problems = []
    if options.get("default_acl") in _PUBLIC_ACLS:
        problems.append(f"gives every file the public ACL {options['default_acl']!r}")
    if options.get("querystring_auth") is False:
        problems.append("builds unsigned URLs (querystring_auth False)")
    if options.get("custom_domain"):
        problems.append(f"serves files from the custom domain {options['custom_domain']!r}")
    media = (getattr(settings, "STORAGES", {}) or {}).get("default", {})
    bucket = options.get("bucket_name")
    if bucket and bucket == (media.get("OPTIONS") or {}).get("bucket_name"):
        problems.append(f"uses the public media bucket {bucket!r}")
    if not problems:
        return []
    return [
        setting_error(
            "PRIVATE_STORAGE",
            "would make application files public: it " + "; ".join(problems) + ".",
            "Use a bucket of its own with 'default_acl': 'private' and signed URLs "
            "('querystring_auth': True); reviewers download through the package's view.",
            67,
        )
    ]


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


def _check_forms_app() -> list[Error]:
    """Applications are Wagtail form submissions: without ``wagtail.contrib.forms`` the
    site passes ``check`` but reviewers have nowhere to see them."""
    if not feature_page_models("adhesion") or django_apps.is_installed("wagtail.contrib.forms"):
        return []
    return [
        Error(
            "The site has adhesion form pages but 'wagtail.contrib.forms' is not in "
            "INSTALLED_APPS: applications could not be reviewed.",
            hint="Add 'wagtail.contrib.forms' to INSTALLED_APPS (see docs/install.md).",
            id="wagtail_community_matching.E062",
        )
    ]


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
        *_check_forms_app(),
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


@register(Tags.database)
def check_join_links(app_configs=None, databases=None, **kwargs) -> list[Warning]:
    """A live adhesion form that nothing links to cannot be found by visitors.

    Runs with the database checks (``manage.py check --database default``, and before
    ``migrate``): warns for each live adhesion form page that is neither a join page of
    the network settings nor linked from a live page (Wagtail's reference index: rich
    text links, page choosers, calls to action).
    """
    if not databases:
        return []
    page_models = feature_page_models("adhesion")
    if not page_models:
        return []
    try:
        forms_ = list(Page.objects.live().type(*page_models).only("id", "title", "url_path"))
        joined = set(
            NetworkLocaleSettings.objects.filter(join_page__in=forms_).values_list(
                "join_page_id", flat=True
            )
        )
        unlinked = [form for form in forms_ if form.pk not in joined]
        page_type = ReferenceIndex._get_base_content_type(Page)
        # One query for every form (``get_references_to_in_bulk`` is Wagtail 8 only).
        references = ReferenceIndex.objects.filter(
            to_content_type=page_type,
            to_object_id__in=[str(form.pk) for form in unlinked],
            base_content_type=page_type,
        )
        sources = {}
        for to_id, from_id in references.values_list("to_object_id", "object_id"):
            sources.setdefault(str(to_id), set()).add(int(from_id))
        live = set(
            Page.objects.live()
            .filter(pk__in={pk for pks in sources.values() for pk in pks})
            .values_list("pk", flat=True)
        )
    except DatabaseError:  # tables not migrated yet: nothing to say
        return []
    return [
        Warning(
            f"The adhesion form page '{form.title}' ({form.url_path}) is live, but no live "
            "page and no network setting links to it: visitors cannot find it.",
            hint="Choose it as the join page of its language in Settings > Network settings "
            '(the header\'s "Join the network" link), or link it from a live page.',
            obj=form,
            id="wagtail_community_matching.W051",
        )
        for form in unlinked
        if not (sources.get(str(form.pk), set()) - {form.pk}) & live
    ]
