"""Live preview: the real build, search included, rebuilt when a record changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from conftest import make_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch_until(url: str, needle: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if needle in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} did not appear at {url} within {seconds} s")


@contextmanager
def _preview(root: Path) -> Iterator[str]:
    """`local-offer serve` running on a free port; yields its base URL."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "generator",
        "--config",
        str(root / "mkdocs.yml"),
        "serve",
        "--dev-addr",
        f"127.0.0.1:{port}",
    ]
    server = subprocess.Popen(command, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_rebuilds_when_a_record_changes(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    with _preview(root) as base:
        url = base + "services/hearing-support/"
        _fetch_until(url, "Hearing and Vision Support", 60)
        record = root / "services" / "send" / "hearing-support.yaml"
        text = record.read_text().replace("name: Hearing and Vision Support", "name: Sensory Support Service")
        record.write_text(text)
        _fetch_until(url, "Sensory Support Service", 60)


def test_preview_has_a_working_search_index(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    with _preview(root) as base:
        _fetch_until(base + "pagefind/pagefind-entry.json", '"page_count"', 60)
