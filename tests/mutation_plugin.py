"""pytest plugin of ``make mutation``: SQLite test databases kept between mutants.

mutmut runs the tests of each mutant in a process forked from its own, so every run would
create the test database and apply every migration again: most of a mutant's time. With
this plugin (``-p tests.mutation_plugin --reuse-db``, set in ``[tool.mutmut]``) each
process takes the first free slot (a lock file held while it lives) and its database file,
created and migrated by the slot's first run (or copied from slot 0's, mutmut's own
process, idle while mutants run), then reused; tests roll their transactions back, so it
stays as migrations left it. Two mutants running at once never share a file.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from pathlib import Path

_held: dict[str, object] = {}


def _slot_lock(folder: Path):
    for slot in range(16):
        handle = open(folder / f"slot-{slot}.lock", "w")  # noqa: SIM115 - held while we live
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            continue
        return slot, handle
    raise RuntimeError("no free test database slot")  # pragma: no cover


def pytest_sessionstart(session):
    from django.db import connections

    settings_dict = connections["default"].settings_dict
    if settings_dict["ENGINE"] != "django.db.backends.sqlite3":
        return
    if _held.get("pid") != os.getpid():  # a new process (mutmut forks one per mutant)
        folder = Path(os.environ.get("MUTATION_DB_DIR", ".mutation-db")).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        slot, handle = _slot_lock(folder)
        name = folder / f"test-{slot}.sqlite3"
        first = folder / "test-0.sqlite3"
        if slot and not name.exists() and first.exists():
            # Slot 0 is mutmut's own process, idle while it waits for the mutants: a
            # copy of its database saves migrating another one.
            shutil.copyfile(first, name)
        _held.update(pid=os.getpid(), handle=handle, name=str(name))
    settings_dict.setdefault("TEST", {})["NAME"] = _held["name"]
