"""Rules about meaning, not spelling: keys compared after normalisation (a UUID in any form, a URN), a resource base
hosted by a school, a guide that moves between two stages, bounded keywords, readable council colours and a phone
number families can dial; and privacy in every field of a "you said, we did" item, with digits of every script.
Each case is refused by `validate` on its file and line, and `build` refuses it the same way."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from conftest import FIXTURES, make_project, write_record

from generator.commands.cli import main
from generator.records.schemas import inlined_schema

AUTISM = (FIXTURES / "services" / "send" / "autism-advice.yaml").read_text(encoding="utf-8")
NAMESPACE = "5b0f2c59-7d1e-4a8e-9a43-0c5e1f6d2b87"  # the fixture settings' extra.open_referral.namespace
UUID = "6f1c2a0e-8b3d-4f5a-9c7e-1d2b3a4c5e6f"


def _run(root: Path, *args: str) -> int:
    return main(["--config", str(root / "mkdocs.yml"), *args])


def _refused(root: Path, capsys: pytest.CaptureFixture[str], command: str = "validate") -> str:
    code = _run(root, command)
    err = capsys.readouterr().err
    assert code == 1, err
    assert "Traceback" not in err and "the generator failed" not in err, err
    return err


def _line(err: str, prefix: str) -> str:
    rows = [row for row in err.splitlines() if row.startswith(prefix)]
    assert rows, f"no line starts with {prefix!r}:\n{err}"
    return rows[0]


def _service(root: Path, stem: str, extra: str = "", keywords: str = "[autism, ASD, autistic]") -> Path:
    text = AUTISM.replace("id: autism-advice", f"id: {stem}").replace("name: Autism Advisory Team", f"name: {stem}")
    text = text.replace("keywords: [autism, ASD, autistic]", f"keywords: {keywords}")
    return write_record(root, "send", stem, text + extra)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, path)
    path.write_text(text.replace(old, new), encoding="utf-8")


# 1. The same key written two ways -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "other",
    [UUID.upper(), "{" + UUID + "}", "urn:uuid:" + UUID, UUID.replace("-", ""), " " + UUID.upper() + " "],
    ids=["case", "braces", "urn", "no-hyphens", "spaces"],
)
def test_one_uuid_written_two_ways_is_one_source_id(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], other: str
) -> None:
    root = make_project(tmp_path / "p")
    _service(root, "first", f'source_id: "{UUID}"\n')
    _service(root, "second", f'source_id: "{other}"\n')
    for command in ("validate", "build"):
        err = _refused(root, capsys, command)
        first = _line(err, "services/send/first.yaml:")
        second = _line(err, "services/send/second.yaml:")
        assert "source_id:" in first and "services/send/second.yaml" in first, first
        assert "source_id:" in second and "services/send/first.yaml" in second, second
    assert not (root / "site").exists()


def test_a_source_id_that_is_another_services_feed_id_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A service imported back from this council's own feed keeps the id the feed gave another service."""
    root = make_project(tmp_path / "p")
    taken = str(uuid.uuid5(uuid.UUID(NAMESPACE), "service/autism-advice"))  # as the feed makes it
    _service(root, "copy", f'source_id: "{taken.upper()}"\n')
    err = _refused(root, capsys, "build")
    line = _line(err, "services/send/copy.yaml:")
    assert "source_id:" in line and "id in the Open Referral feed" in line and "autism-advice.yaml" in line
    assert _line(err, "services/send/autism-advice.yaml:2:")  # told on the other's id line too


def test_different_source_ids_still_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _service(root, "first", f'source_id: "{UUID}"\n')
    _service(root, "second", f'source_id: "{uuid.uuid4()}"\n')
    _service(root, "third", "source_id: ABC-123\n")
    assert _run(root, "validate") == 0, capsys.readouterr().err


def test_two_schools_cannot_share_a_urn(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _edit(root / "schools" / "little-acorns-nursery.yaml", 'urn: "100003"', 'urn: "100002"')
    err = _refused(root, capsys)
    for name, other in (("little-acorns-nursery", "hillside-primary"), ("hillside-primary", "little-acorns-nursery")):
        line = _line(err, f"schools/{name}.yaml:")
        assert "urn:" in line and "URN" in line and f"schools/{other}.yaml" in line, line


# 2. Hosting ------------------------------------------------------------------------------------------------------


def _second_base(root: Path, host: str) -> None:
    text = (root / "schools" / "hillside-autism-base.yaml").read_text(encoding="utf-8")
    text = text.replace("id: hillside-autism-base", "id: second-base").replace(
        "host: hillside-primary", f"host: {host}"
    )
    (root / "schools" / "second-base.yaml").write_text(text, encoding="utf-8")


def test_resource_bases_cannot_host_each_other(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _second_base(root, "hillside-autism-base")
    _edit(root / "schools" / "hillside-autism-base.yaml", "host: hillside-primary", "host: second-base")
    for command in ("validate", "build"):
        err = _refused(root, capsys, command)
        for name, host in (("hillside-autism-base", "second-base"), ("second-base", "hillside-autism-base")):
            line = _line(err, f"schools/{name}.yaml:5:7: host:")
            assert f"'{host}' is a resource base" in line and "mainstream school" in line, line


def test_a_host_must_be_a_school(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _second_base(root, "hillside-autism-base")  # hosted by a resource base that has a school of its own
    err = _refused(root, capsys)
    line = _line(err, "schools/second-base.yaml:5:7: host:")
    assert "its own host is 'hillside-primary'" in line, line
    _second_base(root, "northfield-college")
    line = _line(_refused(root, capsys), "schools/second-base.yaml:5:7: host:")
    assert "specialist post-16 college" in line, line


# 3. A guide moves between two stages ------------------------------------------------------------------------------


def test_a_guide_moves_between_two_stages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _edit(root / "content" / "transitions" / "primary-to-secondary.yaml", "to_phase: secondary", "to_phase: primary")
    err = _refused(root, capsys, "build")
    line = _line(err, "content/transitions/primary-to-secondary.yaml:5:11: to_phase:")
    assert "also the stage it moves from" in line, line


# 4. Keywords are bounded ------------------------------------------------------------------------------------------


def test_keywords_are_bounded_in_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    words = ", ".join(f"word{i}" for i in range(13))
    _service(root, "stuffed", keywords=f"[{words}]")
    line = _line(_refused(root, capsys), "services/send/stuffed.yaml:")
    assert "keywords: has 13 items; the limit is 12." in line, line


def test_keywords_are_bounded_in_length(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _service(root, "stuffed", keywords="[autism, " + "short breaks autism " * 3 + "]")
    line = _line(_refused(root, capsys), "services/send/stuffed.yaml:")
    assert "keywords › item 2:" in line and "the limit is 40" in line, line


# 5. Council settings ----------------------------------------------------------------------------------------------

COLOURS = '      primary: "#00506e"\n      primary_text: "#ffffff"\n      link: "#005a82"\n      focus: "#ffdd00"\n'


@pytest.mark.parametrize(
    ("colours", "field", "ratio"),
    [
        (COLOURS.replace('primary_text: "#ffffff"', 'primary_text: "#00607e"'), "primary_text", "1.25"),
        ('      primary: "#ffdd00"\n', "primary", "1.34"),  # the default text (white) on a yellow header
        (COLOURS.replace('link: "#005a82"', 'link: "#8c8c8c"'), "link", "3.36"),
        (COLOURS.replace('focus: "#ffdd00"', 'focus: "#1d1d1d"'), "focus", "1.16"),
    ],
)
def test_council_colours_must_be_readable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], colours: str, field: str, ratio: str
) -> None:
    root = make_project(tmp_path / "p")
    _edit(root / "mkdocs.yml", COLOURS, colours)
    err = _refused(root, capsys, "build")
    line = _line(err, "mkdocs.yml:")
    assert f"extra › council › colours › {field}:" in line, line
    assert f"contrast of {ratio} to 1" in line and "4.5 to 1" in line, line
    assert not (root / "site").exists()


@pytest.mark.parametrize("phone", ["-------", "() - ()", "12345", "999 999 999 999 9", "0"])
def test_the_council_phone_must_be_a_number_to_dial(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], phone: str
) -> None:
    root = make_project(tmp_path / "p")
    _edit(root / "mkdocs.yml", 'phone: "020 7926 1000"', f'phone: "{phone}"')
    line = _line(_refused(root, capsys), "mkdocs.yml:")
    assert "extra › council › phone:" in line and "UK number families can dial" in line, line


@pytest.mark.parametrize("phone", ["020 7926 1000", "+44 (0)20 7926 1000", "(020) 7926-1000", "0800 123 4567"])
def test_dialable_council_phones_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str], phone: str) -> None:
    root = make_project(tmp_path / "p")
    _edit(root / "mkdocs.yml", 'phone: "020 7926 1000"', f'phone: "{phone}"')
    assert _run(root, "validate") == 0, capsys.readouterr().err


# 6. Privacy in every field of a "you said, we did" item -----------------------------------------------------------

FEEDBACK = "content/you-said-we-did/2025-local-offer-phone.yaml"


@pytest.mark.parametrize(
    "source",
    ["Jo Bloggs, 07700 900123", "jo.bloggs@example.com", "Parent living at SW9 8QE", "A call from my son Tom"],
)
def test_the_source_of_feedback_names_no_one(tmp_path: Path, capsys: pytest.CaptureFixture[str], source: str) -> None:
    root = make_project(tmp_path / "p")
    _edit(root / FEEDBACK, "source: SEND Young Inspectors", f"source: {source}")
    line = _line(_refused(root, capsys, "build"), f"{FEEDBACK}:4:9: source:")
    assert "could identify someone" in line, line


def test_the_link_of_feedback_names_no_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _edit(root / FEEDBACK, "status: in-progress", "status: in-progress\nlink: https://forms.example.org/?from=jo@example.com")
    line = _line(_refused(root, capsys), f"{FEEDBACK}:9:7: link:")
    assert "an email address" in line, line


def test_every_text_field_of_feedback_is_checked_for_personal_details() -> None:
    """A field added to the feedback schema later is held to the same check: every one that can hold text does."""
    schema = inlined_schema("feedback.schema.json")

    def formats(spec: dict) -> set[str]:  # a field's own format and those of every schema it must also meet
        return {f for part in [spec, *spec.get("allOf", [])] if (f := part.get("format"))}

    unchecked = [
        name
        for name, spec in schema["properties"].items()
        if spec.get("type") == "string"
        and "enum" not in spec
        and not formats(spec) & {"anonymous-markdown", "anonymous-text", "past-date"}
        and spec.get("pattern") not in ("^[a-z0-9]+(-[a-z0-9]+)*$", "^20[0-9]{2}-(0[1-9]|1[0-2])$")
    ]
    assert unchecked == [], json.dumps(unchecked)


@pytest.mark.parametrize(
    "personal",
    [
        "０２０ ７９４６ ０１２３",  # full-width
        "٠٧٧٠٠ ٩٠٠١٢٣",  # Arabic-Indic
        "۰۷۷۰۰ ۹۰۰۱۲۳",  # Extended Arabic-Indic (Persian, Urdu)
        "०७७०० ९००१२३",  # Devanagari
        "SW９ ８QE",  # a postcode with full-width digits
        "ＳＷ９ ８ＱＥ",  # and full-width letters
        "020–7946–0123",  # en dashes
        "020/7946/0123",
        "07700\u2011900123",  # a non-breaking hyphen
        "my son Tom",
        "My daughter, Amy,",
        "our grandson (Leo)",
        "my name is Jo",
    ],
)
def test_digits_of_every_script_and_names_are_caught(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], personal: str
) -> None:
    root = make_project(tmp_path / "p")
    _edit(root / FEEDBACK, "hard to use on a phone.", f"hard to use on a phone, said {personal} for more.")
    line = _line(_refused(root, capsys), f"{FEEDBACK}:6:11: you_said:")
    assert "could identify someone" in line and personal.strip(",)") in line, line


def test_ordinary_feedback_words_are_not_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    text = "My son's school was helpful, and my daughter and I used it in Year ٦ (2025)."
    _edit(root / FEEDBACK, "The Local Offer was hard to use on a phone.", text)
    _edit(root / FEEDBACK, "source: SEND Young Inspectors", "source: Annual SEND Family Survey 2025")
    assert _run(root, "validate") == 0, capsys.readouterr().err


def test_a_source_id_that_is_a_settings_feed_id_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The places a school offers are a service in the feed too: a service may not take that id."""
    root = make_project(tmp_path / "p")
    taken = uuid.uuid5(uuid.UUID(NAMESPACE), "setting/riverside-school/service")
    _service(root, "copy", f'source_id: "urn:uuid:{taken}"\n')
    err = _refused(root, capsys, "build")
    line = _line(err, "services/send/copy.yaml:")
    assert "source_id:" in line and "schools/riverside-school.yaml" in line, line


@pytest.mark.parametrize(("link", "passes"), [("#767676", True), ("#777777", False)])
def test_the_contrast_limit_is_wcags_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], link: str, passes: bool
) -> None:
    """#767676 on white is 4.54 to 1, the palest grey WCAG AA allows for text; #777777 is 4.47 (shown rounded down)."""
    root = make_project(tmp_path / "p")
    _edit(root / "mkdocs.yml", 'link: "#005a82"', f'link: "{link}"')
    code = _run(root, "validate")
    err = capsys.readouterr().err
    assert (code == 0) == passes, err
    assert passes or "contrast of 4.47 to 1" in err, err
