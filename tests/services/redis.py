"""A throwaway Redis server on loopback, from Debian's ``redis-server`` package.

    with redis_server() as url:   # "redis://127.0.0.1:PORT/0"
        ...

No persistence (``--save ''``, ``--appendonly no``), a free port on 127.0.0.1, a
temporary working folder; stopped by its process id and the folder removed on exit.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

from tests.pgcluster import free_port
from tests.services import serve

REDIS_SERVER = "/usr/bin/redis-server"


def find_binary() -> str | None:
    """The ``redis-server`` binary: Debian's path first, then the ``PATH``."""
    if Path(REDIS_SERVER).exists():
        return REDIS_SERVER
    return shutil.which("redis-server")


def ping(port: int, timeout: float = 0.5) -> bool:
    """Whether a Redis server answers ``PING`` on ``127.0.0.1:port``."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


@contextlib.contextmanager
def redis_server(timeout: float = 10.0) -> Iterator[str]:
    """Start ``redis-server``; yield its URL; stop it by its process id."""
    binary = find_binary()
    if binary is None:
        raise FileNotFoundError("redis-server (Debian package redis-server) not found")
    base = Path(tempfile.mkdtemp(prefix="cm-redis-"))
    port = free_port()
    argv = [
        binary,
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--dir",
        str(base),
        "--save",
        "",
        "--appendonly",
        "no",
        "--daemonize",
        "no",
        "--protected-mode",
        "yes",
    ]
    with serve("redis-server", argv, base, lambda: ping(port), timeout):
        yield f"redis://127.0.0.1:{port}/0"
