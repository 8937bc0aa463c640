"""Every hint that proposes a value proposes a valid one: a mistake is made in a good record, the hint's proposal is
applied as a coordinator would, and the record then passes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, make_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.commands.check_files import check_files
from generator.inputs.problems import Problem
from generator.inputs.settings import load_settings, today

GOOD = (FIXTURES / "services" / "send" / "autism-advice.yaml").read_text()
DID_YOU_MEAN = re.compile(r"Did you mean '([^']+)'\?")
QUOTED = re.compile(r'put it in quotes[^"]*"([^"]+)"')
LEADING_ZERO = re.compile(r"write (\d+), without the leading zero")
CHANGE_ID = re.compile(r"Change the id to '([^']+)'")


@pytest.fixture(scope="module")
def record(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("hints"))
    return root / "services" / "send" / "autism-advice.yaml"


def _errors(path: Path, text: str) -> list[Problem]:
    path.write_text(text)
    settings_ = load_settings(path.parents[2] / "mkdocs.yml")
    return [p for p in check_files(settings_, [path], today()) if p.severity == "error"]


def _typo(word: str, data: st.DataObject) -> str:
    i = data.draw(st.integers(0, len(word) - 1))
    how = data.draw(st.sampled_from(["drop", "swap", "double"]))
    if how == "drop":
        return word[:i] + word[i + 1 :]
    if how == "swap" and i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i] + word[i:]


VALUES = ["referral: self-or-professional", "needs: [communication-and-interaction]", "phases: [primary, secondary"]
KEYS = ["eligibility", "how_to_access", "opening_times", "organisation", "keywords", "languages"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), kind=st.sampled_from(["value", "key", "quotes", "zero", "id", "time"]))
def test_applying_the_proposed_value_makes_the_record_pass(record: Path, data: st.DataObject, kind: str) -> None:
    if kind == "value":
        line = data.draw(st.sampled_from(VALUES))
        field, _, rest = line.partition(": ")
        word = rest.strip("[]").split(",")[0]
        wrong = _typo(word, data)
        broken = GOOD.replace(line, line.replace(word, wrong, 1))
        repair = lambda right: broken.replace(line.replace(word, wrong, 1), line.replace(word, right, 1))  # noqa: E731
        pattern = DID_YOU_MEAN
    elif kind == "key":
        key = data.draw(st.sampled_from(KEYS))
        wrong = _typo(key, data)
        broken = GOOD.replace(f"\n{key}:", f"\n{wrong}:", 1)
        repair = lambda right: broken.replace(f"\n{wrong}:", f"\n{right}:", 1)  # noqa: E731
        pattern = DID_YOU_MEAN
    elif kind == "quotes":
        number = data.draw(st.integers(1, 10**6))
        broken = GOOD.replace("cost: free", f"cost: {number}")
        repair = lambda right: broken.replace(f"cost: {number}", f'cost: "{right}"')  # noqa: E731
        pattern = QUOTED
    elif kind == "zero":
        age = data.draw(st.integers(1, 9))
        broken = GOOD.replace("{min: 4, max: 19}", f"{{min: 0{age}, max: 19}}")
        repair = lambda right: broken.replace(f"min: 0{age}", f"min: {right}")  # noqa: E731
        pattern = LEADING_ZERO
    elif kind == "time":  # an unquoted 9:30 is a number to YAML (570); the fixture closes at 17:00
        typed = f"{data.draw(st.integers(1, 16))}:{data.draw(st.integers(0, 59)):02d}"
        broken = GOOD.replace('opens: "09:00"', f"opens: {typed}")
        repair = lambda right: broken.replace(f"opens: {typed}", f'opens: "{right}"')  # noqa: E731
        pattern = QUOTED
    else:
        wrong = _typo("autism-advice", data)
        broken = GOOD.replace("id: autism-advice", f"id: {wrong}")
        repair = lambda right: broken.replace(f"id: {wrong}", f"id: {right}")  # noqa: E731
        pattern = CHANGE_ID
    if broken == GOOD:
        return
    problems = _errors(record, broken)
    if not problems:
        return  # the typo happened to be another valid value
    proposals = [m.group(1) for p in problems if (m := pattern.search(p.hint) or pattern.search(p.message))]
    if kind in ("quotes", "zero", "id", "time"):
        assert proposals, [p.text() for p in problems]  # these mistakes always come with a value to write
    for right in proposals:
        still = _errors(record, repair(right))
        assert still == [], f"hint proposed {right!r} for {kind}, then: {[p.text() for p in still]}"
