"""No input reaches a coordinator as a traceback: random bytes, huge numbers and deep nesting in any record file,
through the real command line, give `file:line:col:` problems and exit 1."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import make_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.commands.cli import main

LOCATED = re.compile(r"^[^:\s]+:\d+:\d+: ")
PLACES = ["services/send/x.yaml", "content/transitions/x.yaml", "content/you-said-we-did/x.yaml"]
HOSTILE = [
    b"age_range: {min: " + b"9" * 5000 + b", max: 3}\n",
    b"id: x\nneeds: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    b"id: x\nsteps: " + b"{a: " * 2000 + b"}" * 2000 + b"\n",
    b"id: x\nname: \xff\xfe\x00\n",
    b"\xef\xbb\xbfid: x\n",
    b"id: x\n" + b"- " * 3000 + b"\n",
    b"id: 1e999999\n",
    b"id: -.inf\nage_range: {min: .nan, max: 0x1F}\n",
]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("no-traceback"))


def _validate(project: Path, place: str, data: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    path = project / place
    path.write_bytes(data)
    try:
        code = main(["--config", str(project / "mkdocs.yml"), "validate", str(path)])
    finally:
        path.unlink()
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert code in (0, 1), err
    assert "Traceback" not in err
    problems = [line for line in lines[:-1]]
    assert all(LOCATED.match(line) for line in problems), err


@pytest.mark.parametrize("data", HOSTILE, ids=range(len(HOSTILE)))
@pytest.mark.parametrize("place", PLACES)
def test_hostile_files_give_located_problems(
    project: Path, place: str, data: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    _validate(project, place, data, capsys)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), place=st.sampled_from(PLACES))
def test_random_bytes_give_located_problems(
    project: Path, place: str, data: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    _validate(project, place, data, capsys)
