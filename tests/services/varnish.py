"""A throwaway Varnish cache on loopback, from Debian's ``varnish`` package.

    with varnish([("127.0.0.1", 8001), ("127.0.0.1", 8002)]) as (host, port):
        ...  # http://host:port/ reaches the backends, round robin

``varnishd -F`` runs in the foreground in a subprocess, with its working folder
(``-n``) in a temporary folder, listening on a free port of 127.0.0.1, 32 MB of
memory storage and the VCL of :func:`build_vcl`: it caches what the application marks
as shareable (``Cache-Control: public`` or ``s-maxage``) for as long as that header
says, passes everything else, and honours ``PURGE`` from the loopback interface (the
request Wagtail's ``frontend_cache`` HTTP backend sends). It is stopped by its process
id and the folder removed on exit.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from tests.pgcluster import free_port
from tests.services import serve

VARNISHD = "/usr/sbin/varnishd"


def find_binary() -> str | None:
    """The ``varnishd`` binary: Debian's path first, then the ``PATH``."""
    if Path(VARNISHD).exists():
        return VARNISHD
    return shutil.which("varnishd")


def build_vcl(backends: Sequence[tuple[str, int]], vcl_extra: str = "") -> str:
    """The VCL: round robin over ``backends``, PURGE from loopback, cache per Cache-Control.

    ``vcl_extra`` is appended; Varnish concatenates a subroutine defined twice, so it
    may add to ``vcl_recv`` or ``vcl_deliver``.
    """
    if not backends:
        raise ValueError("Varnish needs at least one backend")
    lines = ["vcl 4.1;", "", "import directors;", ""]
    for index, (host, port) in enumerate(backends):
        lines.append(
            f'backend app{index} {{ .host = "{host}"; .port = "{int(port)}"; '
            ".connect_timeout = 2s; .first_byte_timeout = 30s; }"
        )
    adds = "\n".join(f"    app.add_backend(app{index});" for index in range(len(backends)))
    lines.append(
        f"""
# Only this machine may purge (Wagtail's frontend_cache HTTP backend sends PURGE).
acl purgers {{
    "127.0.0.1";
    "::1";
}}

sub vcl_init {{
    new app = directors.round_robin();
{adds}
}}

sub vcl_recv {{
    set req.backend_hint = app.backend();
    if (req.method == "PURGE") {{
        if (client.ip !~ purgers) {{
            return (synth(405, "Purging not allowed"));
        }}
        # Wagtail purges a page or a list by its own address: the variants of that address
        # with a query string (page 7, filters, searches, API offsets) go with it. A ban on
        # the stored objects' host and URL (copied below), which Varnish's ban lurker
        # applies in the background.
        if (req.url !~ "\\?") {{
            ban("obj.http.x-cm-host == " + req.http.host + " && obj.http.x-cm-url ~ ^"
                + regsuball(req.url, "[^A-Za-z0-9/_~%-]", "[\\0]") + "\\?");
        }}
        return (purge);
    }}
    # Varnish's built-in VCL then passes requests with a Cookie or Authorization header.
}}

sub vcl_backend_response {{
    # Cache only what the application marks as shareable; without that mark a response
    # may be personal and is never stored. A "hit-for-miss" object remembers that for 2
    # minutes so that concurrent requests for the URL go to the app servers side by side
    # instead of waiting for each other (a ttl of 0 queued them); a later answer that is
    # shareable is stored as usual.
    if (!beresp.http.Cache-Control || beresp.http.Cache-Control !~ "(public|s-maxage)") {{
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }}
    # The built-in VCL then refuses to store responses that set a cookie or say private.
    set beresp.http.x-cm-host = bereq.http.host;
    set beresp.http.x-cm-url = bereq.url;
}}

sub vcl_deliver {{
    unset resp.http.x-cm-host;
    unset resp.http.x-cm-url;
    if (obj.hits > 0) {{
        set resp.http.X-Cache = "HIT";
    }} else {{
        set resp.http.X-Cache = "MISS";
    }}
}}
"""
    )
    if vcl_extra:
        lines.append(vcl_extra)
    return "\n".join(lines) + "\n"


def _accepts(port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout):
            return True
    except OSError:
        return False


@contextlib.contextmanager
def varnish(
    backends: Sequence[tuple[str, int]], vcl_extra: str = "", timeout: float = 20.0
) -> Iterator[tuple[str, int]]:
    """Start ``varnishd`` in front of ``backends``; yield ``(host, port)``; stop it by its pid."""
    binary = find_binary()
    if binary is None:
        raise FileNotFoundError("varnishd (Debian package varnish) not found")
    base = Path(tempfile.mkdtemp(prefix="cm-varnish-"))
    vcl = base / "default.vcl"
    vcl.write_text(build_vcl(backends, vcl_extra))
    port = free_port()
    argv = [
        binary,
        "-F",
        "-n",
        str(base / "work"),
        "-a",
        f"127.0.0.1:{port}",
        "-f",
        str(vcl),
        "-s",
        "malloc,32m",
        # No privilege separation: the temporary folder belongs to whoever runs the
        # tests, and the process listens on loopback only.
        "-j",
        "none",
        # No management port: only the process id stops it.
        "-T",
        "none",
    ]
    with serve("varnishd", argv, base, lambda: _accepts(port), timeout):
        yield "127.0.0.1", port
