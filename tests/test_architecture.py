"""The record model, the settings and the build process: one table of kinds, schema-driven records, settings
checked like records, publishing that is everything or nothing and never leaves a moment without a site."""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import build, make_project, write_record
from jsonschema import Draft202012Validator

from generator.commands.cli import main
from generator.inputs.kinds import KINDS
from generator.publish.build import run_pagefind
from generator.records.schemas import load_schema
from generator.resources import SCHEMA_DIR

MESSAGE = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<rest>.+)$")


def _enums(node: Any, at: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        if "enum" in node:
            yield at, node
        for key, value in node.items():
            yield from _enums(value, f"{at}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _enums(value, f"{at}/{i}")


SCHEMAS = sorted(p.name for p in SCHEMA_DIR.glob("*.schema.json"))


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_schema_is_valid_and_every_allowed_value_has_words_for_families(name: str) -> None:
    schema = load_schema(name)
    Draft202012Validator.check_schema(schema)
    for at, node in _enums(schema):
        labels = node.get("x-labels", {})
        assert set(labels) == {str(v) for v in node["enum"]}, f"{name}{at}: every value needs an x-labels entry"
        assert all(isinstance(text, str) and text.strip() for text in labels.values()), f"{name}{at}"


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_model_field_names_are_the_schemas(kind: Any) -> None:
    properties = set(load_schema(kind.schema)["properties"])
    declared = {name for cls in kind.model.__mro__ for name in getattr(cls, "__annotations__", {})}
    fields = {name for name in declared if not name.startswith("_")}  # _data, _spec, _file: the record's own state
    assert fields - {"SCHEMA", "PAGE"} <= properties, "model annotations must name schema fields"


def _run(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["--config", str(root / "mkdocs.yml"), *args])
    out = capsys.readouterr()
    return code, [line for line in (out.err + out.out).splitlines() if line.strip()]


ODD_FILES = {
    "guide with a bad phase": ("content/transitions/x.yaml", "id: x\nfrom_phase: nursery\n"),
    "feedback item that is a list": ("content/you-said-we-did/2025-x.yaml", "- a\n- b\n"),
    "synonyms that are a mapping": ("content/synonyms.yaml", "autism: [asd]\n"),
    "accessibility facts with a bad value": ("content/accessibility.yaml", "compliance: mostly\n"),
    "page with a script": ("content/about.md", "# About\n\n<script>alert(1)</script>\n"),
    "a text file elsewhere": ("notes.txt", "hello\n"),
    "a record outside any folder": ("other/x.yaml", "id: x\n"),
    "a service in the wrong place": ("services/x.yaml", "id: x\n"),
    "a setting with an unknown type": ("schools/x.yaml", "id: x\ntype: school\n"),
    "a setting in a sub-folder": ("schools/special/x.yaml", "id: x\n"),
    "a folder": ("services/send", None),
    "a missing file": ("services/send/missing.yaml", None),
    "Latin-1 bytes": ("content/transitions/latin.yaml", b"id: caf\xe9\n"),
}


@pytest.mark.parametrize("case", sorted(ODD_FILES))
def test_any_file_passed_to_validate_gets_located_messages_never_a_traceback(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path / "project")
    rel, text = ODD_FILES[case]
    path = root / rel
    if isinstance(text, bytes | str):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    code, lines = _run(root, capsys, "validate", str(path))
    assert code == 1, lines
    problems = [m for line in lines if (m := MESSAGE.match(line))]
    assert problems, lines
    assert all(m["file"] == rel for m in problems), lines


@pytest.mark.parametrize(
    ("setting", "value", "field", "words"),
    [
        ("review_warning_months", "twelve", "review_warning_months", "should be a whole number"),
        ("review_limit_months", "6", "review_limit_months", "is not more than review_warning_months"),
        ("coordinator_email", "'team@x.org?bcc=a@b.org'", "coordinator_email", "is not written the way we need"),
        ("focus_colour", "red", "focus_colour", "is not a field we know"),
        ("edit_url", "javascript:alert(1)", "edit_url", "is not written the way we need"),
        ("colours", "{primary: red}", "colours › primary", "is not written the way we need"),
    ],
)
def test_wrong_council_settings_are_reported_on_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], setting: str, value: str, field: str, words: str
) -> None:
    root = make_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    lines = config.read_text().splitlines()
    start = lines.index("  council:")
    lines.insert(start + 1, f"    {setting}: {value}")
    replaced = [i for i, line in enumerate(lines) if i > start + 1 and line.startswith(f"    {setting}:")]
    for i in replaced:  # the setting's old line, and any lines indented under it
        lines[i] = ""
        j = i + 1
        while j < len(lines) and lines[j].startswith("      "):
            lines[j] = ""
            j += 1
    config.write_text("\n".join(lines) + "\n")
    line_number = lines.index(f"    {setting}: {value}") + 1
    code, output = _run(root, capsys, "build")
    assert code == 1
    expected = f"mkdocs.yml:{line_number}:"
    matching = [line for line in output if line.startswith(expected) and f"extra › council › {field}:" in line]
    assert matching and words in matching[0], output
    assert not (root / "site").exists()


def test_settings_come_from_mkdocs_itself_so_env_and_inherit_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "project")
    base = (root / "mkdocs.yml").read_text().replace("    name: Lambeth\n", "    name: !ENV [COUNCIL_NAME, Nowhere]\n")
    (root / "base.yml").write_text(base)
    (root / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_name: Testshire SEND Local Offer\n")
    monkeypatch.setenv("COUNCIL_NAME", "Testshire")
    assert build(root).built
    footer = (root / "site" / "index.html").read_text()
    assert "Testshire SEND Local Offer" in footer and "Testshire" in footer.replace("Testshire SEND", "")


def _published_never_missing(live: Path) -> Iterator[list[str]]:
    """Watch every rename and removal Python makes (audit events fire before the act) and note any moment at which
    the published site is missing."""
    gaps: list[str] = []
    watching = [True]

    def hook(event: str, args: tuple[Any, ...]) -> None:
        acts = ("os.rename", "os.remove", "os.rmdir", "shutil.rmtree", "shutil.move")
        if watching[0] and event in acts and not (live / "index.html").exists():
            gaps.append(f"{event}{args}")

    sys.addaudithook(hook)
    try:
        yield gaps
    finally:
        watching[0] = False


def test_publishing_never_leaves_a_moment_without_a_site(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    assert build(root).built
    before = (root / "site" / "services" / "autism-advice" / "index.html").read_text()
    (root / "services" / "send" / "autism-advice.yaml").write_text(
        (root / "services" / "send" / "autism-advice.yaml").read_text().replace("Autism", "Autism and ADHD", 1)
    )
    watcher = _published_never_missing(root / "site")
    gaps = next(watcher)
    try:
        assert build(root).built
    finally:
        watcher.close()
    assert gaps == []
    assert (root / "site" / "services" / "autism-advice" / "index.html").read_text() != before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith((".site", "site"))) == ["site"]


def test_a_failed_search_index_publishes_nothing(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    assert build(root).built
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    write_record(
        root,
        "send",
        "new-one",
        (root / "services/send/autism-advice.yaml").read_text().replace("id: autism-advice", "id: new-one"),
    )
    result = build(root, index=lambda site: run_pagefind(site / "no-such-folder"))
    assert not result.built and "search indexing failed" in "\n".join(result.log)
    assert {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in root.iterdir() if p.name.startswith((".site", "site"))) == ["site"]


@pytest.mark.parametrize("postcode", ["SW2 1EG", "sw2 1eg", "Sw21eg"])
def test_a_postcode_in_any_case_in_feedback_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], postcode: str
) -> None:
    root = make_project(tmp_path / "project")
    item = root / "content" / "you-said-we-did" / "2025-local-offer-phone.yaml"
    item.write_text(item.read_text().replace("we_did: ", f"we_did: Families near {postcode} asked us. ", 1))
    code, lines = _run(root, capsys, "validate", str(item))
    assert code == 1
    assert any("we_did:" in line and "a postcode" in line for line in lines), lines


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        ("  name: material\n", "  name: no-such-theme\n", "theme", "Unrecognised theme name"),
        (
            "extra:\n",
            "extra:\n  folders: {service: records}\n",
            "extra › folders › service",
            "'records' is not a folder",
        ),
        ("extra:\n", "extra:\n  folders: {guide: ../../etc}\n", "extra › folders › guide", "not written the way"),
        ("site_name:", "site_name: [unclosed\nx:", "", "YAML syntax error"),
    ],
)
def test_mkdocs_settings_problems_are_placed_on_their_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, field: str, words: str
) -> None:
    root = make_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    text = config.read_text()
    assert old in text
    config.write_text(text.replace(old, new, 1))
    code, output = _run(root, capsys, "validate")
    assert code == 1
    located = [m for line in output if (m := MESSAGE.match(line)) and m["file"] == "mkdocs.yml"]
    assert located and int(located[0]["line"]) > 1, output
    assert located[0]["rest"].startswith(f"{field}: " if field else "") and words in located[0]["rest"], output


def test_site_name_shown_on_every_page_must_be_plain_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_name: Lambeth SEND Local Offer", 'site_name: "x<img src=x>"'))
    code, output = _run(root, capsys, "build")
    assert code == 1 and any(line.startswith("mkdocs.yml:2:") and "site_name:" in line for line in output), output
    assert not (root / "site").exists()


# ------------------------------------------------------------------------------------------------------------------
# Each folder one job: imports go down the layers only, so no folder needs one above it and no two folders loop

GENERATOR = Path(__file__).resolve().parents[1] / "generator"
# Lowest first. A folder (or top-level module) may import its own modules and those of lower layers only.
LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(names)
    for names in (
        {"__init__", "resources", "mkdocs_log", "parallel"},  # paths and helpers with no knowledge of records
        {"records"},  # the record model and the schemas as data
        {"inputs"},  # reading and checking every input
        {"pages"},  # rendering pages from checked records
        {"opendata"},  # the CSV, Atom and Open Referral files from the same records
        {"pipeline"},  # check, then render everything in memory
        {"publish"},  # MkDocs, Pagefind, the host's files, the folder swapped into place
        {"audit", "importing"},  # reading a built site; reading other directories' exports
        {"commands"},  # the command line
        {"__main__"},
    )
)


def upward_imports(root: Path) -> list[str]:
    """Every import in the package at `root` that reaches a folder in the same or a higher layer."""
    import ast

    layer = {name: n for n, names in enumerate(LAYERS) for name in names}
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        mine = rel.parts[0].removesuffix(".py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            for module in modules:
                parts = module.split(".")
                if parts[0] != "generator" or len(parts) < 2 or parts[1] == mine:
                    continue
                if mine not in layer or parts[1] not in layer:
                    found.append(f"{rel.as_posix()}: {mine} or {parts[1]} is in no layer (add it to LAYERS)")
                elif layer[parts[1]] >= layer[mine]:
                    found.append(f"{rel.as_posix()} imports {module}: {parts[1]} is not below {mine}")
    return found


def test_every_import_goes_down_the_layers() -> None:
    assert upward_imports(GENERATOR) == []


def test_the_layer_check_finds_an_upward_import_and_a_loop(tmp_path: Path) -> None:
    """The check above can fail: a copy of the package with a record-reading module that imports rendering (the
    loop there was before the record model moved below both), and two folders of one layer importing each other."""
    import shutil

    copy = tmp_path / "generator"
    shutil.copytree(GENERATOR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "inputs" / "planted.py").write_text("from generator.pages.render import page\n", encoding="utf-8")
    (copy / "audit" / "planted.py").write_text("from generator.importing.read import ImportFailed\n", encoding="utf-8")
    found = upward_imports(copy)
    assert "inputs/planted.py imports generator.pages.render: pages is not below inputs" in found
    assert "audit/planted.py imports generator.importing.read: importing is not below audit" in found
    assert len(found) == 2


def test_mypy_finds_a_misspelt_record_field(tmp_path: Path) -> None:
    from mypy import api

    code = tmp_path / "uses_a_record.py"
    code.write_text(
        "from generator.records.model import Service\n\n\n"
        "def reviewed(s: Service) -> str:\n"
        "    return s.last_reviewd.isoformat()\n",
        encoding="utf-8",
    )
    # the project's own mypy cache (`make test` runs mypy first), so only the new file is checked afresh
    cache = Path(__file__).resolve().parents[1] / ".mypy_cache"
    out, _, status = api.run([str(code), "--cache-dir", str(cache), "--no-error-summary"])
    assert status == 1 and '"Service" has no attribute "last_reviewd"' in out, out


# ------------------------------------------------------------------------------------------------------------------
# Windows reads and writes text in its code page (cp1252) unless told otherwise: a record with "é" or "’" would fail

_TEXT_RUNNERS = frozenset({"run", "Popen", "check_output", "check_call", "call"})
_BINARY_BY_DEFAULT = frozenset({"gzip", "bz2", "lzma"})  # their open() is binary unless the mode says text


def _text(node: Any) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def unspecified_encodings(root: Path) -> list[str]:
    """Every open(), read_text(), write_text() in text mode, and subprocess run in text mode, with no encoding."""
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            keywords = {k.arg: k.value for k in node.keywords}
            if "encoding" in keywords or None in keywords:  # given, or passed on with **options
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
            what = ""
            if name == "open" and owner not in ("os", "webbrowser"):
                at = 1 if isinstance(func, ast.Name) or owner in ("io", "codecs", *_BINARY_BY_DEFAULT) else 0
                mode = keywords.get("mode", node.args[at] if len(node.args) > at else None)
                given = _text(mode) if mode is not None else "rb" if owner in _BINARY_BY_DEFAULT else "r"
                what = "" if given is not None and "b" in given else f"{name}() in text mode"
            elif name in ("read_text", "write_text") and isinstance(func, ast.Attribute):
                what = f"{name}()" if len(node.args) <= (0 if name == "read_text" else 1) else ""
            elif name in ("NamedTemporaryFile", "TemporaryFile", "SpooledTemporaryFile"):
                mode = keywords.get("mode", node.args[0] if node.args else None)
                given = _text(mode) if mode is not None else "w+b"
                what = "" if given is not None and "b" in given else f"{name}() in text mode"
            elif name in _TEXT_RUNNERS and owner == "subprocess":
                flags = [keywords.get(flag) for flag in ("text", "universal_newlines")]
                off = [f is None or (isinstance(f, ast.Constant) and not f.value) for f in flags]
                what = "" if all(off) else f"subprocess.{name}() in text mode"
            if what:
                found.append(f"{rel}:{node.lineno}: {what} with no encoding")
    return found


def test_every_text_file_is_read_and_written_as_utf8() -> None:
    assert unspecified_encodings(GENERATOR) == []


def test_the_encoding_check_finds_each_kind_of_text_opened_without_one(tmp_path: Path) -> None:
    planted = tmp_path / "generator" / "planted.py"
    planted.parent.mkdir()
    planted.write_text(
        "import gzip, subprocess, tempfile\n"
        "open(p)\n"  # 2
        "open(p, 'rb'); open(p, 'w', encoding='utf-8'); open(p, mode='wb')\n"
        "path.open('a')\n"  # 4
        "path.read_text(); path.write_text(t)\n"  # 5, 5
        "path.read_text('utf-8'); path.write_text(t, 'utf-8'); path.read_bytes()\n"
        "gzip.open(p); gzip.open(p, 'rt')\n"  # 7
        "subprocess.run(c, text=True); subprocess.run(c, capture_output=True)\n"  # 8
        "tempfile.NamedTemporaryFile('w'); tempfile.NamedTemporaryFile()\n"  # 9
        "os.open(p, os.O_RDONLY); open(p, mode)\n",  # 10 (a mode not written out must be checked by hand)
        encoding="utf-8",
    )
    found = unspecified_encodings(planted.parent)
    assert [line.split(":")[1] for line in found] == ["2", "4", "5", "5", "7", "8", "9", "10"], found
