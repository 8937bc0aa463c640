"""`local-offer init`: another council's own repository, which builds with its own records and names no other
council; its placeholders are warnings on their lines; its workflow meets GitHub's schema."""

from __future__ import annotations

import gzip
import re
from importlib import metadata
from pathlib import Path

import markdown
import pytest
import yaml
from conftest import build
from workflow_lint import actionlint_problems, schema_problems

from generator.commands.cli import main
from generator.commands.init import Answers, InitError, init, yaml_scalar
from generator.commands.scaffold import create
from generator.inputs.problems import errors
from generator.inputs.settings import load_settings, today
from generator.pipeline import check

SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)

# Two services of the test's own, written here (never copied from the sample's services/).
PARKS = """\
id: inclusive-play-in-the-park
name: Inclusive Play in the Park
organisation: Test Borough Play Partnership
category: early-years
summary: Free play sessions in the park for disabled children under 5 and their families.
description: Play leaders set up sensory play, music and messy play. Brothers and sisters are welcome too.
age_range: {min: 0, max: 5}
needs: [all-needs]
eligibility: Families with a disabled child under 5 who live in Test Borough.
how_to_access: Come along on the day. You do not need to book.
referral: none
cost: free
contact:
  email: play@testborough.example.org
last_reviewed: 2026-10-01
"""
TRAVEL = """\
id: travel-buddies
name: Travel Buddies
organisation: Test Borough Youth Service
category: careers
summary: A trained buddy helps young people learn to travel to college on their own.
description: Your buddy plans the route with you and travels with you until you feel ready to go alone.
age_range: {min: 14, max: 25}
needs: [cognition-and-learning, communication-and-interaction]
eligibility: Young people aged 14 to 25 with an EHC plan who want to travel on their own.
how_to_access: Ask your school or college to refer you, or email us.
referral: self-or-professional
cost: free
contact:
  phone: "020 7946 0123"
  email: travel@testborough.example.org
last_reviewed: 2026-09-15
"""
LOGO = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40" role="img">
  <title>Test Borough</title>
  <circle cx="20" cy="20" r="18" fill="#00506e"/>
</svg>
"""


def make_starter(folder: Path, *options: str) -> Path:
    code = main(["init", str(folder), "--council", "Test Borough", *options])
    assert code == 0
    return folder


def every_text(folder: Path) -> dict[Path, str]:
    """Every file under `folder` as text: compressed copies and Pagefind's gzip files opened."""
    found = {}
    for path in folder.rglob("*"):
        if not path.is_file() or path.suffix in (".br", ".gz"):  # copies of files that are read as they are
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        found[path] = data.decode("utf-8", "replace")
    return found


def test_a_starter_for_another_council_builds_with_its_own_records_and_never_names_lambeth(tmp_path: Path) -> None:
    folder = make_starter(tmp_path / "test-borough", "--email", "localoffer@testborough.example.org")
    for category, text in (("early-years", PARKS), ("careers", TRAVEL)):
        stem = yaml.safe_load(text)["id"]
        (folder / "services" / category).mkdir(parents=True, exist_ok=True)
        (folder / "services" / category / f"{stem}.yaml").write_text(text, encoding="utf-8")
    (folder / "content" / "assets").mkdir()
    (folder / "content" / "assets" / "logo.svg").write_text(LOGO, encoding="utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("# logo: assets/logo.svg", "logo: assets/logo.svg"), "utf-8")

    result = build(folder)

    assert result.built, result.log
    assert errors(result.generated.problems) == []
    others = [p.text() for p in result.generated.problems if not p.message.startswith("placeholder still to fill in")]
    assert others == []  # every warning is a placeholder the council has to fill in
    site = every_text(folder / "site")
    assert len(site) > 100
    assert [p for p, text in site.items() if "lambeth" in text.lower()] == []
    assert [p for p, text in every_text(folder).items() if "lambeth" in text.lower()] == []  # nor anything init wrote
    home = site[folder / "site" / "index.html"]
    assert "Test Borough SEND Local Offer" in home and "published by Test Borough Council" in home
    assert "localoffer@testborough.example.org" in home
    assert '<img src="assets/logo.svg" alt="">' in home
    assert "Specialist provision outside Test Borough" in home
    assert (folder / "site" / "services" / "travel-buddies" / "index.html").is_file()


def test_every_record_init_writes_has_a_schema_line_that_resolves_in_the_folder(tmp_path: Path) -> None:
    folder = make_starter(tmp_path / "council")
    new = create(folder / "services", {"name": "Speech Therapy Drop-in", "category": "send"}, today(), None, folder)
    records = [p for p in folder.rglob("*.yaml")]
    assert new in records and len(records) >= 6  # examples, glossary, synonyms, statement facts, the new record
    for record in records:
        found = SCHEMA_LINE.search(record.read_text(encoding="utf-8"))
        assert found, f"{record} has no $schema line"
        assert (record.parent / found.group(1)).resolve().is_file(), f"{record}: {found.group(1)} does not resolve"
        assert (record.parent / found.group(1)).resolve().is_relative_to(folder.resolve())


def test_new_writes_a_schema_line_relative_to_wherever_the_records_are_kept(tmp_path: Path) -> None:
    path = create(tmp_path / "data" / "records", {"name": "Sleep Clinic", "category": "send"}, today(), None, tmp_path)
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../../schema/service.schema.json\n"
    )


def test_answers_are_written_as_yaml_and_markdown_text_never_pasted_in(tmp_path: Path) -> None:
    name = 'St. Mary\'s: "North" # & [Borough]*'
    init(tmp_path / "council", Answers(name, "team@st-marys.example.org", "01632 960 000", "1 High St: #2"), today())
    settings = load_settings(tmp_path / "council" / "mkdocs.yml")
    assert settings.council.name == name
    assert settings.council.address == "1 High St: #2"
    assert settings.council.site_name == "St. Mary\u2019s: \u201cNorth\u201d # and [Borough]* SEND Local Offer"
    assert settings.mkdocs["nav"][2]["Schools and colleges"][3] == {
        f"Specialist provision outside {name}": "schools/area/outside.md"
    }
    generated = check(settings, today())
    assert errors(generated.problems) == []
    about = (tmp_path / "council" / "content" / "about.md").read_text(encoding="utf-8")
    assert 'available in St. Mary\'s: "North" \\# & \\[Borough\\]\\* for children' in about
    shown = markdown.markdown(about)  # the page as Markdown makes it: the name as it was typed, nothing marked up
    assert 'available in St. Mary\'s: "North" # &amp; [Borough]* for children' in shown
    for value in (name, "a\\b", "'", '"', "x: y", "- [a]", "#", "\u00e9\u2019", "\u2028"):
        assert yaml.safe_load(yaml_scalar(value)) == value


@pytest.mark.parametrize(
    ("council", "said"),
    [
        ("", "the council's name is empty"),
        ("   ", "the council's name is empty"),
        ("Tab\tBorough", "has a control character"),
        ("Line\nBorough", "has a control character"),
        ("<b>Borough</b>", "plain text on one line, without < or >"),
    ],
)
def test_an_unusable_name_is_refused_in_plain_words_and_nothing_is_written(
    tmp_path: Path, council: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path / "council"), "--council", council]) == 2
    err = capsys.readouterr().err
    assert said in err and "Nothing was written." in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_init_refuses_a_folder_that_is_not_empty_and_writes_nothing_outside_the_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("keep me", encoding="utf-8")
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    before = sorted(tmp_path.rglob("*"))
    assert main(["init", str(tmp_path / "full"), "--council", "Test Borough"]) == 2
    assert "is not empty" in capsys.readouterr().err
    assert main(["init", str(tmp_path / "a-file"), "--council", "Test Borough"]) == 2
    assert "is a file" in capsys.readouterr().err
    assert main(["init", str(tmp_path / "no" / "such" / "parent"), "--council", "Test Borough"]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["init", str(tmp_path / "ok"), "--council", "Test Borough", "--email", "not an address"]) == 2
    assert "--email" in capsys.readouterr().err
    assert sorted(tmp_path.rglob("*")) == before
    assert (tmp_path / "full" / "notes.txt").read_text(encoding="utf-8") == "keep me"

    (tmp_path / "empty").mkdir()
    make_starter(tmp_path / "empty")
    written = set(tmp_path.rglob("*")) - set(before)
    assert all(p.is_relative_to(tmp_path / "empty") for p in written)
    assert not [p for p in (tmp_path / "empty").iterdir() if p.name.startswith(".local-offer-init")]


def test_each_placeholder_is_a_warning_on_its_line_until_the_council_fills_it_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_starter(tmp_path / "council")
    capsys.readouterr()
    code = main(["--config", str(folder / "mkdocs.yml"), "validate", "--format", "github"])
    out = capsys.readouterr().out
    assert code == 0  # warnings only: the site builds while they are filled in
    warnings = [line for line in out.splitlines() if line.startswith("::warning") and "placeholder" in line]
    expected = sum(
        text.count("[[TODO:")
        for path, text in every_text(folder).items()
        if path.suffix in (".md", ".yaml", ".yml") and path.name != "README.md"  # the README explains them
    )
    assert len(warnings) == expected >= 15
    contact = folder / "content" / "contact.md"
    lines = contact.read_text(encoding="utf-8").splitlines()
    forum = next(n for n, line in enumerate(lines, 1) if "parent carer forum" in line)
    where = f"::warning file=content/contact.md,line={forum},col=1::"
    assert f"{where}: placeholder still to fill in: name your parent carer forum" in out

    lines[forum - 1] = "Northfield Parent Carer Forum meets every month: email forum@testborough.example.org."
    contact.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(["--config", str(folder / "mkdocs.yml"), "validate", str(contact)])
    captured = capsys.readouterr()
    assert code == 0 and "parent carer forum" not in captured.err + captured.out
    assert "placeholder still to fill in: the SEND team's email address" in captured.err

    code = main(["--config", str(folder / "mkdocs.yml"), "validate", "--format", "github", "--ready"])
    out = capsys.readouterr().out
    assert code == 1  # before publishing, a placeholder left anywhere stops the site going out
    ready = [line for line in out.splitlines() if "placeholder still to fill in" in line]
    assert len(ready) == expected - 1 and all(line.startswith("::error") for line in ready)
    assert "The site is not published while one is left." in ready[0]


def test_the_workflow_meets_githubs_schema_and_does_what_the_council_needs(tmp_path: Path) -> None:
    folder = make_starter(tmp_path / "council")
    workflow = folder / ".github" / "workflows" / "local-offer.yml"
    assert schema_problems(workflow) == ""
    assert actionlint_problems(workflow) == ""

    flow = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    jobs = flow["jobs"]
    runs = {name: " ; ".join(step.get("run", "") for step in job.get("steps", [])) for name, job in jobs.items()}
    on = flow[True]  # YAML 1.1 reads the key `on` as true
    assert set(on) == {"pull_request", "push", "schedule", "workflow_dispatch"}
    assert "local-offer validate --format github" in runs["check"]
    assert "local-offer build" in runs["check"] and "local-offer audit" in runs["check"]
    gates = {step["run"]: step.get("if") for step in jobs["check"]["steps"] if "validate" in step.get("run", "")}
    assert gates == {
        "local-offer validate --format github": "github.event_name == 'pull_request'",
        "local-offer validate --format github --ready": "github.event_name != 'pull_request'",  # what publishes
    }
    assert "npm ci" in runs["check"]  # the audit's axe-core and html-validate, from package-lock.json
    assert not any(word in " ".join(runs.values()) for word in ("pytest", "make test", "ruff", "mypy"))
    assert (
        jobs["validate-windows"]["runs-on"] == "windows-latest" and "local-offer validate" in runs["validate-windows"]
    )
    assert jobs["publish"]["needs"] == "check" and "pull_request" in jobs["publish"]["if"]
    assert jobs["review"]["permissions"]["issues"] == "write"
    assert "local-offer report --markdown review.md" in runs["review"] and "gh issue" in runs["review"]
    assert all("pip install -r requirements.txt" in runs[name] for name in ("check", "validate-windows", "review"))
    version = metadata.version("local-offer-generator")
    assert f"local-offer-generator[audit]=={version}\n" in (folder / "requirements.txt").read_text(encoding="utf-8")
    lock = (folder / "package-lock.json").read_text(encoding="utf-8")
    assert '"axe-core"' in lock and '"html-validate"' in lock


def test_update_schemas_refreshes_a_council_folder_and_refuses_any_other(tmp_path: Path) -> None:
    folder = make_starter(tmp_path / "council")
    (folder / "schema" / "service.schema.json").write_text("{}", encoding="utf-8")
    assert main(["init", str(folder), "--update-schemas"]) == 0
    assert len((folder / "schema" / "service.schema.json").read_text(encoding="utf-8")) > 1000
    assert main(["init", str(tmp_path), "--update-schemas"]) == 2
    with pytest.raises(InitError):
        init(folder, Answers("Test Borough"), today())
