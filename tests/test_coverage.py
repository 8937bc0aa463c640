"""The coverage report shows statutory areas with nothing published, and the need × age gap matrix."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_project

from generator.commands.cli import main


def test_coverage_report_on_the_fixture_records(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    assert main(["--config", str(root / "mkdocs.yml"), "coverage"]) == 0
    out = capsys.readouterr().out
    assert "GAP Travel arrangements, including post-16: nothing published yet" in out
    assert "GAP Complaints, mediation and the SEND Tribunal: nothing published yet" in out
    assert "    Education: early years providers: 1 service or page (for example stay-and-play)" in out
    assert (
        "    Moving between phases and preparing for adulthood: 4 services or pages (for example autism-advice, "
        "supported-internships, transitions/early-years-to-primary)"
    ) in out
    rows = {line[:40].strip(): line[40:].split() for line in out.splitlines() if line.startswith(("Sensory", "Cog"))}
    assert rows["Sensory and physical"] == ["2", "1", "1", "1", "1"]
    assert rows["Cognition and learning"] == ["1", "0", "0", "1", "1"]
