"""Lighthouse (npm, pinned by package-lock.json) scores the sample site's accessibility 100 on the pages families
use most: home, a service, search with results and a shortlist. A score is a behaviour, not a timing."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from browser import CHROMIUM, CHROMIUM_ARGS
from conftest import REPO

LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"
PAGES = {
    "home": "",
    "service": "services/lambeth-autism-advisory-service/",
    "search with results": "search/?q=autism",
    "shortlist": "shortlist/?ids=lambeth-autism-advisory-service,camhs-lambeth,early-years-speech-drop-in",
}


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_lighthouse_accessibility_score_is_100(sample_url: str, tmp_path: Path, url: str) -> None:
    if not LIGHTHOUSE.is_file():
        pytest.fail("Lighthouse is missing: run `make node` (npm ci), which `make test` does")
    out = tmp_path / "lighthouse.json"
    flags = " ".join(["--headless=new", *(a for a in CHROMIUM_ARGS if a != "--headless")])
    done = subprocess.run(
        [
            str(LIGHTHOUSE), sample_url + url, "--only-categories=accessibility", "--output=json",
            f"--output-path={out}", "--quiet", f"--chrome-flags={flags}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.is_file(), done.stderr[-2000:]
    result = json.loads(out.read_text())
    failing = [
        f"{key}: {audit['title']}"
        for key, audit in result["audits"].items()
        if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0
    ]
    assert result["categories"]["accessibility"]["score"] == 1, failing
    assert failing == []
