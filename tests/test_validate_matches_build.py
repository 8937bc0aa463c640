"""`validate` finds everything `build` would refuse, on the same file and line: a coordinator whose check is green
never meets a failed build."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_project

from generator.commands.cli import main


def _run(root: Path, *args: str) -> int:
    return main(["--config", str(root / "mkdocs.yml"), *args])


@pytest.mark.parametrize(
    "line, expected",
    [
        ("See [how to apply](ehc-needs-assesment.md).", "links to 'ehc-needs-assesment.md'"),
        ("See [the form](forms/referral.pdf).", "links to 'forms/referral.pdf'"),
        ("See [a service](services/no-such-service.md#how).", "links to 'services/no-such-service.md#how'"),
        ("[ref]: nowhere.md", "links to 'nowhere.md'"),
    ],
)
def test_a_link_to_a_page_the_site_will_not_have_is_found_by_validate_on_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, expected: str
) -> None:
    root = make_project(tmp_path / "p")
    page = root / "content" / "about.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    page.write_text("\n".join([*lines, "", line, ""]), encoding="utf-8")
    where = f"content/about.md:{len(lines) + 2}:1: {expected}"
    assert _run(root, "validate") == 1
    assert where in capsys.readouterr().err
    assert _run(root, "build") == 1
    assert where in capsys.readouterr().err
    assert not (root / "site").exists()


def test_links_to_real_pages_files_and_other_sites_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    page = root / "content" / "about.md"
    links = (
        "See [the A to Z](services/index.md), [a service](services/autism-advice.md#how-to-get-it),"
        " [EHC plans](ehc-needs-assessment.md), [contact](contact.md \"Contact us\"), [GOV.UK](https://www.gov.uk/)"
        " and [the top](#top)."
    )
    page.write_text(page.read_text(encoding="utf-8") + "\n" + links + "\n", encoding="utf-8")
    assert _run(root, "validate") == 0, capsys.readouterr().err
    assert _run(root, "build") == 0


def test_a_page_at_a_generated_address_is_found_by_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    (root / "content" / "Services.md").write_text("# Services\n\nOur services.\n", encoding="utf-8")
    assert _run(root, "validate") == 1
    assert "content/Services.md:1:1: would be published at the same address as the generated" in capsys.readouterr().err


def test_a_navigation_entry_for_a_page_the_site_will_not_have_is_found_on_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path / "p")
    settings = root / "mkdocs.yml"
    lines = settings.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.strip() == "- Privacy: privacy.md")
    lines.insert(at + 1, "  - Leaflets: leaflets.md")
    settings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    where = f"mkdocs.yml:{at + 2}:1: nav: names the page 'leaflets.md', which the site does not have."
    assert _run(root, "validate") == 1
    assert where in capsys.readouterr().err
    assert _run(root, "build") == 1
    assert where in capsys.readouterr().err
