"""Signal receivers, connected in ``apps.py``."""

from __future__ import annotations

from functools import partial

from django.db import transaction


def delete_upload_file(sender, instance, **kwargs) -> None:
    """Remove a deleted upload's file from the private storage once the deletion commits."""
    if instance.file and instance.file.name:
        transaction.on_commit(partial(instance.file.storage.delete, instance.file.name))
