"""The repository's own sample content (the demonstration), as it is today and after a coordinator's ordinary edits,
goes through the council's pull-request steps green and builds into a complete site. Properties only: no count,
id or date of the sample is assumed, so editing the sample never fails these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitepages import main_text, page
from test_links import broken_links

Edited = tuple[Path, dict[str, str], dict[str, str]]


def test_validation_after_the_edits_has_no_errors_and_annotates_only_warnings(edited_sample: Edited) -> None:
    _, edits, outputs = edited_sample
    lines = outputs["validate"].splitlines()
    assert not [line for line in lines if line.startswith("::error")]
    assert any(line.startswith("::warning") and edits["closed"] in line for line in lines), "the closing is told"
    assert "Traceback" not in outputs["validate"] + outputs["build"]


def test_every_published_record_has_its_page_and_every_link_works(edited_sample: Edited) -> None:
    root, edits, _ = edited_sample
    site = root / "site"
    assert broken_links(site) == []
    import csv

    published = {row["id"] for row in csv.DictReader((site / "services.csv").open(encoding="utf-8"))}
    assert edits["added"] in published and edits["closed"] not in published
    for service_id in published:
        assert (site / "services" / service_id / "index.html").is_file(), service_id
    settings = {row["id"] for row in csv.DictReader((site / "schools.csv").open(encoding="utf-8"))}
    assert settings == {p.stem for p in (root / "schools").glob("*.yaml")} - _withheld(root)


def _withheld(root: Path) -> set[str]:
    """Settings past the review limit on the real day (withheld by design, with a warning)."""
    import subprocess
    import sys

    from conftest import real_day_env

    done = subprocess.run(
        [sys.executable, "-m", "generator", "report"], cwd=root, env=real_day_env(), capture_output=True, text=True
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("Not published until reviewed")), "")
    return {i.strip(" .") for i in line.split(":", 1)[1].split(",")} if line else set()


def test_each_edit_shows_on_the_built_site(edited_sample: Edited) -> None:
    root, edits, _ = edited_sample
    site = root / "site"
    assert "Sibling Support Group" in main_text(page(site, f"services/{edits['added']}/"))
    assert "has closed" in main_text(page(site, f"services/{edits['closed']}/"))
    school = page(site, f"schools/{edits['urn']}/")
    assert school.select_one("a[href^='https://get-information-schools.service.gov.uk/']") is not None


@pytest.mark.parametrize("route", ["I am a parent or carer", "I am a young person", "I am a practitioner"])
def test_the_home_page_offers_each_route(edited_sample: Edited, route: str) -> None:
    assert route in main_text(page(edited_sample[0] / "site", ""))
