"""What the developer guide (docs/developer-guide.md) promises: a new optional field shown on service pages, in the
CSV and in its place in the Open Referral feed needs three edits (schema, template, open-data mapping); and the
generator installs with a plain `pip install .` and builds a council's folder that holds nothing but its own data."""

from __future__ import annotations

import csv
import filecmp
import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

from conftest import DEMO, REPO, make_project
from sitepages import page

CODE = ("generator", "schema", "site_overrides")
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should appear once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _changed(left: Path, right: Path) -> list[str]:
    """Files that differ between two trees (relative paths)."""
    compared = filecmp.dircmp(left, right, ignore=["__pycache__"])
    found = [*compared.diff_files, *compared.left_only, *compared.right_only]
    for name, sub in compared.subdirs.items():
        found += [f"{name}/{f}" for f in _changed(Path(sub.left), Path(sub.right))]
    return sorted(found)


def test_a_new_field_needs_only_the_schema_the_template_and_the_open_data_mapping(tmp_path: Path) -> None:
    scratch = tmp_path / "scratch"
    for folder in CODE:
        shutil.copytree(REPO / folder, scratch / folder, ignore=IGNORE)
    schema = scratch / "schema" / "service.schema.json"
    _edit(
        schema,
        '  "properties": {\n    "id": {\n',
        '  "properties": {\n    "accreditations": {\n      "description": "Quality marks or inspections the service'
        ' holds, for example Ofsted: Good (2024).",\n      "$ref": "#/$defs/plainText",\n      "maxLength": 200\n    },'
        '\n    "id": {\n',
    )
    _edit(
        scratch / "generator" / "pages" / "templates" / "service.md.j2",
        "</dl>",
        "{% if s.accreditations %}<div><dt>Accreditations</dt><dd>{{ s.accreditations }}</dd></div>{% endif %}\n</dl>",
    )
    _edit(
        scratch / "generator" / "opendata" / "files.py",
        '    Column("page", lambda s, c: service_url(c, s)),\n',
        '    Column("page", lambda s, c: service_url(c, s)),\n'
        '    Column("accreditations", lambda s, c: s.accreditations or "", oruk="accreditations"),\n',
    )
    edited = [f"{folder}/{name}" for folder in CODE for name in _changed(REPO / folder, scratch / folder)]
    assert edited == [
        "generator/opendata/files.py",
        "generator/pages/templates/service.md.j2",
        "schema/service.schema.json",
    ]

    project = make_project(tmp_path / "project")
    record = project / "services" / "send" / "autism-advice.yaml"
    record.write_text(record.read_text() + "accreditations: \"Ofsted: Good (2024)\"\n")
    env = {**os.environ, "PYTHONPATH": str(scratch), "LOCAL_OFFER_TODAY": "2026-11-22"}
    done = subprocess.run(
        [sys.executable, "-m", "generator", "build"], cwd=project, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    site = project / "site"
    facts = page(site, "services/autism-advice/").select_one(".lo-facts").get_text(" ")
    assert "Accreditations Ofsted: Good (2024)" in " ".join(facts.split())
    rows = {row["id"]: row for row in csv.DictReader((site / "services.csv").open(encoding="utf-8"))}
    assert rows["autism-advice"]["accreditations"] == "Ofsted: Good (2024)"
    assert rows["hearing-support"]["accreditations"] == ""
    feed = site / "openreferral" / "services"
    oruk = {s["name"]: s for s in (json.loads(p.read_text()) for p in feed.iterdir())}
    assert oruk["Autism Advisory Team"]["accreditations"] == "Ofsted: Good (2024)"
    assert "accreditations" not in oruk["Hearing and Vision Support"]  # nothing empty in the feed


def test_a_plain_pip_install_builds_a_council_folder_of_data_only(tmp_path: Path) -> None:
    """No editable install and no checkout: schemas, templates and theme overrides ship inside the package. The
    test's own packages are lent to the new environment, so only the generator itself is installed."""
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    lent = subprocess.run(
        [python, "-c", "import site; print(site.getsitepackages()[0])"], capture_output=True, text=True, check=True
    ).stdout.strip()
    borrowed = [p for p in sys.path if p.endswith("site-packages")]
    (Path(lent) / "lent-test-packages.pth").write_text("\n".join(borrowed) + "\n")
    source = tmp_path / "source"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(".git", ".venv", "site", "build", "artefacts", "*.egg-info", "__pycache__"),
    )
    install = subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", str(source)],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr
    shutil.rmtree(source)  # nothing may be read from the checkout any more

    council = tmp_path / "council"
    council.mkdir()
    for part in ("mkdocs.yml", "content", "services", "schools"):
        (shutil.copytree if (DEMO / part).is_dir() else shutil.copy)(DEMO / part, council / part)
    assert not (council / "schema").exists() and not (council / "site_overrides").exists()
    command = env_dir / "bin" / "local-offer"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    checked = subprocess.run([command, "validate"], cwd=council, env=env, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    built = subprocess.run([command, "build"], cwd=council, env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    home = (council / "site" / "index.html").read_text()
    (css,) = (council / "site" / "assets" / "stylesheets").glob("local-offer.*.css")  # the site's own CSS, merged
    assert f"assets/stylesheets/{css.name}" in home and ".lo-display" in css.read_text()
    assert "data-lo-menu" in home, "the theme's partials (site_overrides/partials/) ship with the package"
    assert (council / "site" / "pagefind" / "pagefind.js").is_file()
    where = subprocess.run(
        [python, "-c", "import generator; print(generator.__file__)"],
        cwd=council,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(env_dir))
