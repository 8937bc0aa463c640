"""Debian's nginx (`make test` installs it) serving a built folder on this machine with the generated nginx.conf
included in its server block, as the publishing guide (generator/starter/PUBLISHING.md) tells IT to: in the
foreground, on a free port above 1024, every file it writes (pid, logs, temporary files) in a folder of its own."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def server_config(work: Path, root: Path, rules: Path, port: int) -> str:
    """The configuration a council's IT writes: a server whose root is the published folder, including its rules."""
    temp = " ".join(f"{kind}_temp_path {work / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""  # as root, workers would otherwise run as nobody
    return f"""{user}worker_processes 1;
error_log {work / "error.log"};
pid {work / "nginx.pid"};
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {work / "access.log"};
    {temp}
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {root};
        include {rules};
    }}
}}
"""


@contextmanager
def nginx(root: Path, work: Path, rules: Path | None = None) -> Iterator[str]:
    """nginx serving `root` (whose nginx.conf, or `rules`, is included); yields its address, no slash at the end."""
    if not Path(NGINX).exists():
        pytest.fail(f"{NGINX} is missing: run `make test`, which installs Debian's nginx package")
    work.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    config = work / "nginx.conf"
    config.write_text(server_config(work, root, rules or root / "nginx.conf", port), encoding="utf-8")
    checked = subprocess.run([NGINX, "-t", "-p", str(work), "-c", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen([NGINX, "-p", str(work), "-c", str(config), "-g", "daemon off;"])
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = (work / "error.log").read_text() if (work / "error.log").exists() else ""
                    pytest.fail(f"nginx did not start: {log}")
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
