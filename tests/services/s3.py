"""A throwaway S3-compatible object store on loopback: moto's server mode (PyPI ``moto[server]``).

    with s3_server() as endpoint_url:   # "http://127.0.0.1:PORT"
        boto3.client("s3", endpoint_url=endpoint_url, ...)

``moto_server -H 127.0.0.1 -p PORT`` (the one next to the running interpreter, or
``python -m moto.server``) runs in a subprocess with a temporary working folder; the
store lives in its memory only. It is stopped by its process id and the folder removed
on exit. Credentials are not checked by moto: any key works.
"""

from __future__ import annotations

import contextlib
import importlib.util
import shutil
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tests.pgcluster import free_port
from tests.services import serve

#: Credentials and region for clients of the local store (moto accepts any).
ACCESS_KEY = "cm-test-access-key"
SECRET_KEY = "cm-test-secret-key"  # noqa: S105 (a fake key for a local fake server)
REGION = "eu-south-1"


def find_command() -> list[str] | None:
    """How to start moto's server: ``moto_server`` beside this interpreter, or the module."""
    beside = Path(sys.executable).parent / "moto_server"
    if beside.exists():
        return [str(beside)]
    if importlib.util.find_spec("moto") and importlib.util.find_spec("flask"):
        return [sys.executable, "-m", "moto.server"]
    found = shutil.which("moto_server")
    return [found] if found else None


def _ready(endpoint: str, timeout: float = 0.5) -> bool:
    try:
        with urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=timeout):  # noqa: S310 (loopback)
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


@contextlib.contextmanager
def s3_server(timeout: float = 30.0) -> Iterator[str]:
    """Start moto's S3-compatible server; yield its endpoint URL; stop it by its pid."""
    command = find_command()
    if command is None:
        raise FileNotFoundError("moto_server (PyPI package moto[server]) not found")
    base = Path(tempfile.mkdtemp(prefix="cm-s3-"))
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    argv = [*command, "-H", "127.0.0.1", "-p", str(port)]
    with serve("moto_server", argv, base, lambda: _ready(endpoint), timeout):
        yield endpoint
