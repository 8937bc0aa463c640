"""Markdown that Python-Markdown would take minutes over (it is quadratic in brackets and marks) is refused before
it is converted: a page or record of 240 KB of any adversarial pattern is checked in under 2 seconds of processor
time (processor time, not the clock, so other work on the machine does not change the answer; a quadratic pattern
takes minutes)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from conftest import make_project

from generator.commands.cli import main

PATTERNS = ["<a ", "![", "[", "- [", "*_", "`", "[a](#x) ", "<b>x</b> ", "&#", "]("]
# and what the plain-language checks read: addresses, bracketed abbreviations, words before brackets
PATTERNS += ["(http://", "a@(", "(AB) ", "Alpha Beta Charlie (ABC) "]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("costly"))


@pytest.mark.parametrize("pattern", PATTERNS)
@pytest.mark.parametrize("shape", ["one paragraph", "many paragraphs"])
def test_adversarial_pages_are_checked_quickly(
    project: Path, pattern: str, shape: str, capsys: pytest.CaptureFixture[str]
) -> None:
    page = project / "content" / "costly.md"
    unit = pattern * (59 // max(1, pattern.count("[") + pattern.count("<")) or 1)
    body = (
        pattern * (240_000 // len(pattern))
        if shape == "one paragraph"
        else "\n\n".join([unit] * (240_000 // len(unit)))
    )
    page.write_text("# Costly\n\n" + body[:240_000] + "\n")
    start = time.process_time()
    code = main(["--config", str(project / "mkdocs.yml"), "validate", str(page)])
    took = time.process_time() - start
    err = capsys.readouterr().err
    page.unlink()
    assert took < 2.0, f"{took:.1f} s"
    assert code in (0, 1) and "Traceback" not in err


def test_a_record_description_full_of_brackets_is_refused_on_its_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = project / "services" / "send" / "autism-advice.yaml"
    good = record.read_text()
    record.write_text(good.replace("  - Advice for families\n", "  - " + "[" * 5000 + "\n"))
    try:
        start = time.process_time()
        code = main(["--config", str(project / "mkdocs.yml"), "validate", str(record)])
        assert time.process_time() - start < 2.0
    finally:
        record.write_text(good)
    err = capsys.readouterr().err
    assert code == 1 and "services/send/autism-advice.yaml:7:" in err and "'['" in err, err
