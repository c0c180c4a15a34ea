"""The private storage of uploaded application files.

Files uploaded through adhesion forms hold personal data: they never go to the
public media storage. They live in the storage named by the ``PRIVATE_STORAGE``
setting, a ``{"CLASS": ..., "OPTIONS": ...}`` dict::

    WAGTAIL_COMMUNITY_MATCHING = {
        "PRIVATE_STORAGE": {
            "CLASS": "storages.backends.s3.S3Storage",
            "OPTIONS": {"bucket_name": "applications", "default_acl": "private"},
        },
    }

The default is a :class:`PrivateFileSystemStorage` in ``private_media`` beside
``MEDIA_ROOT``, which has no URL: the files are reachable only through the
permission-checked download view of the admin.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty
from django.utils.module_loading import import_string

from wagtail_community_matching.conf import SETTINGS_NAME, cm_settings

PRIVATE_DIRECTORY_NAME = "private_media"


def default_private_location() -> Path:
    """``private_media`` beside ``MEDIA_ROOT`` (the working directory's when it is unset)."""
    media_root = Path(settings.MEDIA_ROOT or ".").resolve()
    return media_root.parent / PRIVATE_DIRECTORY_NAME


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on disk without any public URL: ``url()`` refuses to build one."""

    def url(self, name):
        raise ValueError(
            "Files in the private storage have no public URL; serve them through a "
            "permission-checked view."
        )


def build_private_storage() -> Storage:
    """A new storage instance built from the ``PRIVATE_STORAGE`` setting."""
    config = cm_settings.PRIVATE_STORAGE
    storage_class = import_string(config["CLASS"])
    options = dict(config.get("OPTIONS") or {})
    if issubclass(storage_class, FileSystemStorage):
        options.setdefault("location", str(default_private_location()))
    return storage_class(**options)


class PrivateStorage(LazyObject):
    """The configured private storage, built on first use and rebuilt when settings change."""

    def _setup(self):
        self._wrapped = build_private_storage()


private_storage = PrivateStorage()


def get_private_storage() -> Storage:
    """The storage of application uploads (a callable, so migrations stay stable)."""
    return private_storage


@receiver(setting_changed)
def _reset_private_storage(*, setting: str, **kwargs) -> None:
    if setting in (SETTINGS_NAME, "MEDIA_ROOT"):
        private_storage._wrapped = empty
