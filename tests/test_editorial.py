"""Transition guides and "you said, we did": built from YAML, linked both ways with services, validated."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import build, make_project
from sitepages import listed_services, main_text, page

from generator.commands.cli import main


def test_guide_lists_its_steps_in_order_with_helping_services(fixture_site: Path) -> None:
    soup = page(fixture_site, "transitions/primary-to-secondary/")
    steps = soup.select("ol.lo-timeline > li")
    assert [s.select_one(".lo-step__when").get_text() for s in steps] == [
        "Year 5, summer term",
        "Year 6, autumn term",
        "Year 6, summer term",
    ]
    assert [s.select_one("h3").get_text() for s in steps] == [
        "Talk to the SENCo",
        "Choose schools",
        "Visit the new school",
    ]
    assert "31 October" in steps[1].get_text()
    third = steps[2].get_text(" ")
    assert "Autism Advisory Team" in third and "Hearing and Vision Support" in third
    assert "Specialist teachers for deaf children" in third  # the summary is shown
    assert steps[2].select_one("a[href='mailto:sensory@example.gov.uk']")
    assert listed_services(fixture_site, "transitions/primary-to-secondary/") == [
        "autism-advice",
        "autism-advice",
        "hearing-support",
        "reintegration",
    ]


def test_guides_index_is_in_phase_order(fixture_site: Path) -> None:
    titles = [a.get_text() for a in page(fixture_site, "transitions/").select("#main-content h2 a")]
    assert titles == ["Starting primary school", "Moving to secondary school"]


def test_service_page_shows_its_guides_and_feedback(fixture_site: Path) -> None:
    soup = page(fixture_site, "services/autism-advice/")
    text = main_text(soup)
    assert "Part of: Moving to secondary school" in text
    assert "Starting primary school" not in text
    assert "Families told us they wanted clearer information about moving to secondary school." in text
    assert "We published a step-by-step guide" in text
    assert "Part of: Starting primary school" in main_text(page(fixture_site, "services/stay-and-play/"))
    assert "You said, we did" not in main_text(page(fixture_site, "services/stay-and-play/"))


def test_yearly_page_shows_exactly_that_years_items(fixture_site: Path) -> None:
    text_2025 = main_text(page(fixture_site, "you-said-we-did/2025/"))
    assert "clearer information about moving to secondary" in text_2025
    assert "hard to use on a phone" in text_2025
    assert "waited too long" not in text_2025
    text_2024 = main_text(page(fixture_site, "you-said-we-did/2024/"))
    assert "waited too long" in text_2024 and "hard to use on a phone" not in text_2024


def test_overview_shows_the_latest_year_in_full_and_earlier_years_as_links(fixture_site: Path) -> None:
    soup = page(fixture_site, "you-said-we-did/")
    headings = [h.get_text() for h in soup.select("#main-content h2, #main-content h3")]
    assert headings == ["Tell us what you think", "2025", "The Local Offer", "Moving between stages"]
    statuses = [s.get_text(" ", strip=True) for s in soup.select(".lo-status")]
    assert statuses == ["… In progress", "✓ Done"]
    assert [d.get_text() for d in soup.select(".lo-feedback__body dt")] == [
        "You said",
        "What we are doing",
        "You said",
        "What we did",
    ]
    years = [a["href"] for a in soup.select("nav[aria-label='You said, we did by year'] a")]
    assert years == ["2025/", "2024/"]


def _write(root: Path, folder: str, name: str, text: str) -> None:
    (root / "content" / folder / name).write_text(text, encoding="utf-8")


def _validate(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--config", str(root / "mkdocs.yml"), "validate"]) == 1
    return capsys.readouterr().err


def test_you_said_we_did_invites_feedback_with_the_councils_own_contacts(tmp_path: Path) -> None:
    """Issue 27: each page says how to tell the council what you think, with the email and phone from the settings
    (not one council's), and links to the complaints page only when the site has one."""
    root = make_project(tmp_path / "p")
    settings = root / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("localoffer@lambeth.gov.uk", "send@example.gov.uk").replace("020 7926 1000", "01234 567890"),
        encoding="utf-8",
    )
    for with_complaints in (False, True):
        if with_complaints:
            (root / "content" / "complaints.md").write_text("# How to make a complaint\n\nWrite to us.\n")
        assert build(root).built
        for at in ("you-said-we-did/", "you-said-we-did/2024/"):
            invite = page(root / "site", at).select_one("#main-content .lo-tell-us")
            assert invite is not None, at
            links = {a.get_text(): a["href"] for a in invite.select("a")}
            assert links["send@example.gov.uk"] == "mailto:send@example.gov.uk"
            assert links["01234 567890"] == "tel:01234567890"
            assert ("how to make a complaint" in links) == with_complaints, (at, links)
            if with_complaints:
                assert links["how to make a complaint"] == "../../complaints/" if "2024" in at else "../complaints/"


def test_dangling_service_reference_names_the_id_and_suggests_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path / "p")
    guide = root / "content" / "transitions" / "primary-to-secondary.yaml"
    guide.write_text(guide.read_text().replace("further_help: [reintegration]", "further_help: [reintegraton]"))
    err = _validate(root, capsys)
    assert (
        "content/transitions/primary-to-secondary.yaml:23:16: further_help › item 1: 'reintegraton' is not "
        "the id of a service record. Did you mean 'reintegration'?"
    ) in err


def test_closing_a_service_others_name_warns_and_leaves_it_out_of_them(tmp_path: Path) -> None:
    """A coordinator closes a service that a guide, a "you said, we did" item and the glossary name: the site still
    builds (the closed service's own page says it has closed), and each of them leaves it out, with a warning on the
    line that names it."""
    root = make_project(tmp_path / "p")
    glossary = root / "content" / "glossary.yaml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8")
        + "- term: Audiologist\n  explanation: A health worker who tests hearing and helps with hearing aids.\n"
        + "  services: [hearing-support]\n",
        encoding="utf-8",
    )
    record = root / "services" / "send" / "hearing-support.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "status: closed\n", encoding="utf-8")
    result = build(root)
    assert result.built, result.log or [p.text() for p in result.generated.problems]
    warnings = [p.text() for p in result.generated.problems if "'hearing-support' is closed" in p.message]
    assert {w.split(":")[0] for w in warnings} == {
        "content/transitions/primary-to-secondary.yaml",
        "content/you-said-we-did/2024-hearing-waits.yaml",
        "content/glossary.yaml",
    }, warnings
    assert all("warning:" in w for w in warnings)
    site = root / "site"
    assert "hearing-support" not in listed_services(site, "transitions/primary-to-secondary/")
    for rel in ("transitions/primary-to-secondary/", "you-said-we-did/", "glossary/"):
        assert not page(site, rel).select("#main-content a[href*='hearing-support']"), rel
    assert "has closed" in main_text(page(site, "services/hearing-support/"))


@pytest.mark.parametrize(
    "personal, what",
    [
        ("Please email me at parent.name@gmail.com", "an email address"),
        ("My number is 07700 900123", "a phone number"),
        ("We live near SW9 8QE", "a postcode"),
    ],
)
def test_personal_details_in_feedback_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], personal: str, what: str
) -> None:
    root = make_project(tmp_path / "p")
    item = root / "content" / "you-said-we-did" / "2025-local-offer-phone.yaml"
    item.write_text(item.read_text().replace("hard to use on a phone.", f"hard to use on a phone. {personal}"))
    err = _validate(root, capsys)
    assert f"content/you-said-we-did/2025-local-offer-phone.yaml:6:11: you_said: contains {what}" in err
    assert "which could identify someone" in err


def test_guide_schema_mistakes_are_reported_like_services(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_project(tmp_path / "p")
    _write(root, "transitions", "bad.yaml", "id: bad\ntitle: Bad\nfrom_phase: nursery\n")
    err = _validate(root, capsys)
    assert "content/transitions/bad.yaml:3:13: from_phase: 'nursery' is not one of the allowed values." in err
    assert "content/transitions/bad.yaml:1:1: steps: is missing." in err
