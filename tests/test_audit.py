"""`local-offer audit` on the council's real built site: it passes on the sample (the repository's own content) and on
a build with extra records, and each of its checks catches the fault it is there for, re-introduced into a copy of
the built sample site (a stylesheet rule taken out, a script line broken, markup changed)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DEMO, REPO, build, checkout_env
from playwright.sync_api import Browser
from sitepages import page

from generator.audit.pages import NOTHING_FOUND, sample, site_pages, states
from generator.audit.report import Report
from generator.audit.run import OWN_SITE, Session, audit
from generator.inputs.settings import load_settings
from generator.publish.static_server import start_server

ARTEFACTS = REPO / "artefacts" / "accessibility"
LONG_NAMES = (
    "Children and Young People's Speech, Language and Communication Therapy Service for Schools, Nurseries, Families",
    ("Supercalifragilistic" * 6)[:111],  # no space to break at
)


def _failures(report: Report) -> list[str]:
    found = [f"{r.check} /{r.page} {r.width}: {f.message} {f.criteria}" for r, f in report.failures()]
    return found + [f"{r.check} /{r.page} {r.width}: could not run: {r.error}" for r in report.results if r.error]


@pytest.fixture(scope="session")
def edited_site(edited_sample: tuple[Path, dict[str, str], dict[str, str]]) -> Path:
    return edited_sample[0] / "site"


@pytest.fixture(scope="session")
def sample_audit(edited_site: Path) -> Report:
    """The whole audit, as a council runs it (its own browsers, one a processor), on the sample as it is today after
    a coordinator's ordinary edits: the last step of the council workflow's pull-request check."""
    report = audit(edited_site, REPO, screenshots=ARTEFACTS / "sample")
    report.write(ARTEFACTS / "sample" / "audit.json")
    return report


# The two whole-site audits share one worker, one after the other and first of all (a group of two is scheduled before
# single tests): side by side, each slowed the other by half on two cores.
FULL_AUDITS = pytest.mark.xdist_group("full-audits")


@FULL_AUDITS
@pytest.mark.browser
def test_audit_passes_on_the_sample_site(sample_audit: Report, edited_site: Path) -> None:
    sample_site = edited_site
    assert _failures(sample_audit) == []
    assert sample_audit.complete and sample_audit.passed, sample_audit.missing
    types = {p.type for p in site_pages(sample_site)}
    assert {p["type"] for p in sample_audit.pages} == types  # every type of page the site has, found from the site
    assert {"service", "search", "shortlist", "a_to_z", "listing", "guide", "home", "not-found"} <= types
    data = json.loads((ARTEFACTS / "sample" / "audit.json").read_text())
    assert data["complete"] and data["passed"] and data["date"] and data["pages"]
    checks = {c["id"] for c in data["checks"]}
    assert checks == {
        "axe", "keyboard", "disclosures", "text-spacing", "forced-colours", "focus-after-actions", "structure",
        "display-settings", "html-validate", "accessibility-tree", "own-site-only",
    }
    keyboard = {(r["type"], r["width"]) for r in data["results"] if r["check"] == "keyboard"}
    assert {("service", 1280), ("service", 1024), ("service", 320)} <= keyboard
    assert len([r for r in data["results"] if r["check"] == "html-validate"]) == len(list(sample_site.rglob("*.html")))
    assert list((ARTEFACTS / "sample").glob("forced-colours-*.png"))


@FULL_AUDITS
@pytest.mark.browser
def test_audit_command_passes_on_a_build_with_extra_records(tmp_path: Path, sample_site: Path) -> None:
    """The sample with the fixture records added (more services and schools, a 111-letter name, other needs and
    ages), through the command a council runs."""
    root = tmp_path / "project"
    shutil.copytree(sample_site.parent, root, ignore=shutil.ignore_patterns("site", "node_modules", "artefacts"))
    for kind in ("services", "schools"):  # the fixture services name the fixture schools they work in
        for record in (REPO / "tests" / "fixtures" / kind).rglob("*.yaml"):
            target = root / kind / record.relative_to(REPO / "tests" / "fixtures" / kind)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(record, target)
    for n, record in enumerate(sorted((DEMO / "services").rglob("*.yaml"))[:24]):  # second sites of real services
        stem = f"{record.stem}-north"
        text = re.sub(r"(?m)^id: .*$", f"id: {stem}", record.read_text(encoding="utf-8"), count=1)
        name = LONG_NAMES[n] if n < len(LONG_NAMES) else re.search(r"(?m)^name: (.*)$", text)[1] + " (north Lambeth)"
        text = re.sub(r"(?m)^name: .*$", f"name: {json.dumps(name)}", text, count=1)
        (root / "services" / record.parent.name / f"{stem}.yaml").write_text(text, encoding="utf-8")
    result = build(root)
    assert result.built, [p.text() for p in result.generated.problems]
    assert len(result.generated.site.services) >= 70
    os.symlink(REPO / "node_modules", root / "node_modules")
    report = root / "audit.json"
    done = subprocess.run(
        [sys.executable, "-m", "generator", "audit", "--report", str(report), "--record"],
        cwd=root,
        env=checkout_env(),
        capture_output=True,
        text=True,
        timeout=3600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert "The audit passed." in done.stdout
    data = json.loads(report.read_text())
    assert data["passed"] is True and data["complete"] is True
    # the record it kept is what the next build's statement says
    assert "Recorded the date of this passing audit in content/accessibility-audit.yaml" in done.stdout
    assert build(root).built
    statement = " ".join(page(root / "site", "accessibility/").get_text(" ").split())
    types = len({p["type"] for p in data["pages"]})
    assert f"It opened {len(data['pages'])} pages of {types} different types" in statement
    assert "The last complete audit to pass ran on 22 November 2026" in statement
    # the copy is not a git repository: the record says it has no version, and so do the command and the statement
    assert "The record has no version" in done.stderr
    assert "which version of its source was audited was not recorded" in statement
    # every claim to families rests on a check this audit recorded
    from generator.pages.accessibility import CLAIMS

    claims = page(root / "site", "accessibility/").select("ul.lo-claims li")
    assert len(claims) == len(CLAIMS)


# ------------------------------------------------------------------------------------------------------------------
# Each check catches its fault


def _replace(path: Path, old: str, new: str, count: int = -1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _css(old: str, new: str = "") -> Callable[[Path], None]:
    """Edit the site's own stylesheet (merged into assets/stylesheets/local-offer.<hash>.css), and its copy inline in
    the search page (issue 27)."""

    def edit(site: Path) -> None:
        (css,) = (site / "assets" / "stylesheets").glob("local-offer.*.css")
        search = site / "search" / "index.html"
        for path in (css, *([search] if old in search.read_text(encoding="utf-8") else [])):
            _replace(path, old, new)
            for ready in (path.with_name(path.name + ".br"), path.with_name(path.name + ".gz")):
                ready.unlink(missing_ok=True)

    return edit


def _script(name: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda site: _replace(site / "assets" / name, old, new)


def _page(url: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda site: _replace(site / url / "index.html", old, new)


def _audited(page_type: str, old: str, new: str) -> Callable[[Path], None]:
    """Edit the first `old` in every page of that type the audit picks (which pages those are changes with the
    content, so they are found as the audit finds them)."""

    def edit(site: Path) -> None:
        chosen = [p for p in sample(site_pages(site)) if p.type == page_type]
        assert chosen, f"no {page_type} page is audited"
        for p in chosen:
            _replace(site / p.url / "index.html", old, new, count=1)

    return edit


def _outside_font(site: Path) -> None:
    """A web font from another website, with the content policy that would refuse it taken out (as a council that
    pasted the font's snippet into a page template and loosened the policy to make it load would have)."""
    index = site / "index.html"
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", index.read_text(encoding="utf-8"))
    font = '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto">'
    index.write_text(html.replace("</head>", font + "</head>", 1), encoding="utf-8")


FAULTS = {
    "no scroll-padding-top: focus goes under the sticky header": (
        _css("scroll-padding-top: 3.4rem;"), "keyboard", "a_to_z", "under the sticky header", "2.4.11",
    ),
    # (The column's own scroll padding is backed up by the script that keeps the focused link in the column's view:
    # taking the padding away no longer hides a link, so the script's fault below is the one that shows the barrier.)
    "the side menu's focused link left where the theme's shortened column cuts it off, under the footer": (
        lambda site: _replace(site / "assets" / "local-offer.js", "  sideColumns();\n", ""),
        "keyboard", "guides_index", "hidden under another part of the page", "2.4.11",
    ),
    "closed drawer left in the Tab order": (
        _css(".md-sidebar--primary { visibility: hidden;", ".md-sidebar--primary {"),
        "keyboard", "service", "off the screen", "2.4.7",
    ),
    "open drawer not modal: Tab goes behind the overlay": (
        _script("local-offer.js", "other.inert = true;", "other.inert = false;"),
        "disclosures", "home", "behind it", "2.4.3",
    ),
    "focus not returned to the menu button on Escape": (
        _script("local-offer.js", "        set(false);\n        sync(true);\n      }\n    });",
                "        set(false);\n        document.activeElement.blur();\n      }\n    });"),
        "disclosures", "home", "not back on", "2.4.3",
    ),
    "display panel anchored off-screen": (
        _css(".lo-display { position: relative; margin-left: auto;", ".lo-display { position: relative;"),
        "disclosures", "search", "on a 1280 px screen", "1.4.10",
    ),
    "display panel left open over the page when Tab moves on": (
        _script("local-offer.js", "if (panel.open && over() && event.related", "if (false && event.related"),
        "disclosures", "home", "stays open over the page after focus has moved on", "2.4.11",
    ),
    "glossary pop-up left open over the text when Tab moves on": (
        _script("glossary.js", 'document.addEventListener("focusin"', 'document.addEventListener("lo-never"'),
        "disclosures", "page", "stays open over the page after focus has moved on", "2.4.11",
    ),
    "glossary pop-up not closed by Escape": (
        _script("glossary.js", 'if (event.key === "Escape" && open)', 'if (event.key === "Esc" && open)'),
        "disclosures", "page", "Escape does not close", "2.1.2",
    ),
    "display panel not closed by Escape": (
        _script("local-offer.js", 'if (event.key === "Escape" && panel.open) {', "if (false) {"),
        "disclosures", "search", "Escape does not close", "2.1.2",
    ),
    "a glossary explanation placed past the edge of a phone's screen": (
        _script("glossary.js", "const left = Math.max(8, Math.min(term.left, page - 8 - width));",
                "const left = term.left;"),
        "disclosures", "service", "on a 320 px screen", "1.4.10",
    ),
    "radios stretched by the header search rule": (
        _css(".lo-header-search__form input { flex: 1 1 10rem;", ".lo-header-search input { flex: 1 1 10rem;"),
        "disclosures", "home", "is stretched", "1.4.10",
    ),
    "header title cut off with wider text spacing": (
        _css(".md-header__topic .md-ellipsis { overflow: visible; text-overflow: clip; overflow-wrap: anywhere; }",
             ".md-header__topic .md-ellipsis { white-space: nowrap; }"),  # the theme's one line, cut short
        "text-spacing", "service", "shows only part of its width", "1.4.12",
    ),
    "focus shown by a shadow only, which forced colours remove": (
        _css("outline: 3px solid var(--lo-focus) !important;", "outline: none !important;"),
        "forced-colours", "home", "no focus outline in forced colours", "2.4.7",
    ),
    "icons drawn in the page's own colour in forced colours (the theme's masks left as they are)": (
        _css("forced-color-adjust: none;\nbackground-color: CanvasText;", ""),
        "forced-colours", "search", "vanishes in forced colours", "1.4.11",
    ),
    "focus dropped after Remove": (
        _script("shortlist.js", '(next ? next.querySelector(".lo-card__title a") : status).focus();', ""),
        "focus-after-actions", "shortlist", "After Remove on the shortlist, focus is lost", "2.4.3",
    ),
    "Show more leaves focus on a vanishing button, unannounced": (
        _script(
            "search.js",
            'showMore((item) => item.querySelector("a").focus());\n  if (mine !== generation || !first) return;\n'
            "  status.textContent = ",
            "showMore(() => {});\n  if (mine !== generation || !first) return;\n  void ",
        ),
        "focus-after-actions", "search", "After Show more results, focus is lost", "2.4.3",
    ),
    "focus dropped when the age chip is removed": (
        _script("search.js", "      input.focus(); // the chip goes", "      // the chip goes"),
        "focus-after-actions", "search", "After removing the age chip from a search, focus is lost", "2.4.3",
    ),
    "a heading level skipped": (
        _audited("listing", '<h2 class="lo-card__title">', '<h3 class="lo-card__title">'),
        "structure", "listing", "is an h3 straight after an h1", "1.3.1",
    ),
    "current page not marked in the navigation": (
        _page("search", ' aria-current="page"', ""), "structure", "search", 'has no aria-current="page"', "1.3.1",
    ),
    "high contrast setting overridden by the theme": (
        _page("", 'root.dataset.loContrast = word(settings, "contrast");', ""),  # partials/early.html
        "display-settings", "home", "changes none of the page's colours", None,
    ),
    "a long footer address that cannot break, wider than a phone with the largest text and the readable font": (
        _css("font-size: .75rem; overflow-wrap: anywhere; }", "font-size: .75rem; }"),
        "display-settings", "home", "scrolls sideways by", "1.4.10",
    ),
    "a search's status message changed while a region around it says it is busy": (
        _script("search.js", "for (const region of [list, notices])", "for (const region of [list, notices, area])"),
        "accessibility-tree", "search", "screen readers hold the message back", "4.1.3",
    ),
    "a button whose name for assistive technology is not the word shown on it": (
        _page("search", 'md-button--primary">Search</button>', 'md-button--primary" aria-label="Go">Search</button>'),
        "accessibility-tree", "search", 'but named "Go"', "2.5.3",
    ),
    "a shared shortlist's own button named apart from its words (shown only on a shared link)": (
        _page("shortlist", "data-lo-shared-only>Save to my shortlist<", 'data-lo-shared-only aria-label="Keep">Save'
              " to my shortlist<"),
        "accessibility-tree", "shortlist", 'but named "Keep"', "2.5.3",
    ),
    "an empty link in what to do when a search finds nothing (shown only then)": (
        _page("search", "<li>Check the spelling,", '<li><a href="../"></a>Check the spelling,'),
        "axe", "search", "Links must have discernible text", "2.4.4",
    ),
    "a web font from another website": (_outside_font, "own-site-only", "home", "fonts.googleapis.com", None),
    "a cookie set by the site's own script": (
        _script("local-offer.js", '"use strict";', '"use strict";\ndocument.cookie = "lo-visited=1; path=/";'),
        "own-site-only", "home", "set the cookie lo-visited", None,
    ),
    "invalid HTML (an empty tabindex)": (
        _page("contact", "<article ", '<article tabindex="" '), "html-validate", None, 'tabindex" has invalid', "4.1.2",
    ),
    "an image with no text alternative": (
        _audited("page", "<h1", '<img src="/assets/x.png"><h1'),
        "axe", "page", "Images must have alternative text", "1.1.1",
    ),
}


@pytest.mark.browser
@pytest.mark.parametrize(("edit", "check", "page_type", "expected", "criterion"), FAULTS.values(), ids=FAULTS.keys())
def test_each_check_catches_its_fault(
    tmp_path: Path,
    sample_site: Path,
    chromium: Browser,
    edit: Callable[[Path], None],
    check: str,
    page_type: str | None,
    expected: str,
    criterion: str | None,
) -> None:
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    edit(site)
    # what pages ask of other websites is measured on the pages another check opens
    checks = ["structure", check] if check == OWN_SITE.id else [check]
    report = audit(site, REPO, checks=checks, types=[page_type] if page_type else ["none"], browser=chromium)
    found = [(f.message, f.criteria) for r, f in report.failures() if r.check == check]
    assert any(expected in message for message, _ in found), _failures(report)
    if criterion:
        assert any(criterion in criteria for message, criteria in found if expected in message)
    assert not report.passed and not report.complete  # a narrowed run is never complete, so never recorded


@pytest.mark.browser
def test_one_load_serves_the_checks_that_keep_the_page(tmp_path: Path, sample_site: Path, chromium: Browser) -> None:
    """The checks that only read a page share one load of it at each width (axe, then the headings, then the
    accessibility tree at 1280 px; axe at 320 px), and a fault is still found by a check that runs on a load an
    earlier check has used."""
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    edit, check, page_type, expected, _ = FAULTS["a heading level skipped"]
    edit(site)
    report = audit(site, REPO, checks=["axe", "structure", "accessibility-tree"], types=[page_type], browser=chromium)
    assert len(report.pages) >= 1
    assert report.page_loads == 2 * len(report.pages)  # one load at each width, not one for each check
    found = [f.message for r, f in report.failures() if r.check == check]
    assert any(expected in message for message in found), _failures(report)


# ------------------------------------------------------------------------------------------------------------------
# Finding the pages, and saying what is missing


def test_page_types_are_found_in_the_built_site(tmp_path: Path, sample_site: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    newcomer = site / "travel-passes" / "index.html"  # a page of a type that no template writes today
    newcomer.parent.mkdir()
    newcomer.write_text((site / "about" / "index.html").read_text().replace(
        'data-lo-page-type="page"', 'data-lo-page-type="travel-pass"'
    ))
    chosen = sample(site_pages(site))
    assert "travel-passes/" in [p.url for p in chosen]  # a new type is audited without telling the audit
    assert len({p.type for p in chosen}) == len({p.type for p in site_pages(site)})
    needs = [p for p in chosen if p.type == "listing"]
    assert any(p.openers for p in needs)  # the page with the folded "for all needs" group is among them
    temporarily_closed = [p.url for p in chosen if p.type == "service"]
    assert "services/early-years-speech-drop-in/" in temporarily_closed


@pytest.mark.browser
def test_the_same_menu_drawer_is_checked_once_and_a_page_built_otherwise_again(
    tmp_path: Path, sample_site: Path, chromium: Browser
) -> None:
    """Two service pages open the same menu drawer over the same kind of page: at each width where the menu is a
    drawer it is checked on one of them, and the report says so. A page whose parts differ (what the open drawer
    must hold back from Tab) has its drawer checked again."""
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    services = [p for p in sample(site_pages(site)) if p.type == "service"]
    assert len(services) == 2
    report = audit(site, REPO, checks=["disclosures"], types=["service"], browser=chromium)
    assert len(report.skipped) == 2, report.skipped  # at 1024 and 320 px; at 1280 px the menu is no drawer
    assert all("opens the same menu drawer as on" in line for line in report.skipped)
    assert {line.split(" at ")[1].split(":")[0] for line in report.skipped} == {"1024 px", "320 px"}
    _replace(site / services[1].url / "index.html", "</body>", '<div class="lo-planted"></div></body>', 1)
    report = audit(site, REPO, checks=["disclosures"], types=["service"], browser=chromium)
    assert report.skipped == []


def test_a_type_laid_out_right_to_left_somewhere_has_that_layout_audited(tmp_path: Path) -> None:
    """A translated page in Arabic is the same template mirrored: the largest right-to-left page of a type is audited
    beside the largest page of the type."""
    html = '<html lang="{}"{}><body><article data-lo-page-type="{}">{}</article></body></html>'
    files = {
        "a/index.html": html.format("en", "", "page", "x" * 900),
        "ar/a/index.html": html.format("ar", ' dir="rtl"', "page", "x" * 500),
        "ar/b/index.html": html.format("ar", ' dir="rtl"', "page", "x" * 700),
        "pl/a/index.html": html.format("pl", ' dir="ltr"', "page", "x" * 800),
        "s/index.html": html.format("en", "", "service", "x"),
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    chosen = sample(site_pages(tmp_path))
    assert [(p.url, p.rtl) for p in chosen] == [("a/", False), ("ar/b/", True), ("s/", False)]


def test_states_reached_by_a_link_are_audited(sample_site: Path) -> None:
    """A shortlist shared as a link and a search that finds nothing are pages of their own for a family: each is
    audited, at an address that opens it in that state."""
    chosen = sample(site_pages(sample_site))
    urls = [p.url for p in states(sample_site, chosen)]
    assert sorted(u.split("?")[0] for u in urls) == ["search/", "shortlist/"]
    (shared,) = [u for u in urls if u.startswith("shortlist/?ids=")]
    ids = json.loads((sample_site / "assets" / "shortlist.json").read_text())["services"]
    assert set(shared.split("=", 1)[1].split(",")) <= set(ids)
    assert f"search/?q={NOTHING_FOUND}" in urls


def test_the_command_says_what_to_install(tmp_path: Path, sample_site: Path) -> None:
    root = tmp_path / "council"
    (root / "content").mkdir(parents=True)
    shutil.copy(DEMO / "mkdocs.yml", root / "mkdocs.yml")
    env = checkout_env()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "audit"], cwd=root, capture_output=True, text=True, env=env
    )
    assert done.returncode == 2 and "run `local-offer build` (or `make site`) first" in done.stderr
    done = subprocess.run(
        [sys.executable, "-m", "generator", "audit", "--site", str(sample_site)],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 2 and "run `npm ci`" in done.stderr and "Traceback" not in done.stderr
    assert load_settings(root / "mkdocs.yml").site_dir == root / "site"


@pytest.mark.browser
def test_each_page_starts_as_a_first_visit_whatever_the_last_page_chose(sample_site: Path, chromium: Browser) -> None:
    """A check that chose the largest text (or shortlisted services) on one page leaves nothing behind for the next
    page in the same tab: each page is measured as a family's first visit. Tried many times over, as the next load
    once raced the clearing."""
    pages = [p for p in sample(site_pages(sample_site)) if p.type in {"page", "guide", "home"}][:3]
    server = start_server(sample_site)
    session = Session(chromium, f"http://127.0.0.1:{server.server_address[1]}/", sample_site)
    try:
        left: list[tuple[str, object]] = []
        for n in range(8):
            with session.open(pages[n % len(pages)], 320, reduced_motion=True) as page:
                page.evaluate(
                    """() => { localStorage.setItem('lo-display', JSON.stringify({text: 'largest', font: true}));
                    localStorage.setItem('lo-shortlist', '["x"]'); sessionStorage.setItem('lo-x', '1'); }"""
                )
                page.reload(wait_until="load")  # the page now shows the chosen settings, as after a family's choice
            with session.open(pages[(n + 1) % len(pages)], 320, reduced_motion=True) as page:
                kept = page.evaluate(
                    "() => [localStorage.length, sessionStorage.length, document.documentElement.dataset.loText]"
                )
                if kept != [0, 0, "standard"]:
                    left.append((pages[(n + 1) % len(pages)].url, kept))
        assert left == []
    finally:
        session.close()
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_the_shared_header_and_footer_are_walked_once_and_a_page_that_differs_again(
    tmp_path: Path, sample_site: Path, chromium: Browser
) -> None:
    """Two service pages share their header and footer: at each width the keyboard walk goes through them on one of
    the two, and on the other walks its own part only (the report says so); a fault in that own part is still found.
    A page whose header differs has it walked again, and a fault there is found."""
    site = tmp_path / "site"
    shutil.copytree(sample_site, site)
    services = [p for p in sample(site_pages(site)) if p.type == "service"]
    assert len(services) == 2
    second = site / services[1].url / "index.html"
    _replace(second, "</article>", '<span tabindex="0" class="lo-planted-own"></span></article>', 1)
    report = audit(site, REPO, checks=["keyboard"], types=["service"], browser=chromium)
    walked_once = [line for line in report.skipped if line.startswith("keyboard")]
    assert len(walked_once) == 3, report.skipped  # one page at each of the three widths
    found = [(r.page, f.message) for r, f in report.failures() if r.check == "keyboard"]
    assert {page for page, message in found if "span.lo-planted-own" in message} == {services[1].url}, found
    _replace(second, '<a class="lo-skip"', '<span tabindex="0" class="lo-planted-header"></span><a class="lo-skip"', 1)
    report = audit(site, REPO, checks=["keyboard"], types=["service"], browser=chromium)
    assert [line for line in report.skipped if line.startswith("keyboard")] == []
    found = [(r.page, f.message) for r, f in report.failures() if r.check == "keyboard"]
    assert any(page == services[1].url and "span.lo-planted-header" in message for page, message in found), found


@pytest.mark.browser
def test_a_page_left_as_loaded_serves_the_next_check_and_a_changed_one_is_loaded_again(
    sample_site: Path, chromium: Browser
) -> None:
    """What a check left open, chosen or added makes the next check on that page start from a fresh load; a page left
    as it was loaded (scrolled and focused apart) is used again."""
    chosen = next(p for p in sample(site_pages(sample_site)) if p.type == "guide")
    server = start_server(sample_site)
    session = Session(chromium, f"http://127.0.0.1:{server.server_address[1]}/", sample_site)
    try:
        with session.open(chosen, 1280) as page:
            page.keyboard.press("Tab")
            page.mouse.wheel(0, 600)
        with session.open(chosen, 1280, reduced_motion=True) as page:
            assert session.loads == 1  # used again, with reduced motion switched on for this check
            assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
            page.locator("[data-lo-display] summary").click()  # a panel left open
        with session.open(chosen, 1280) as page:
            assert session.loads == 2
            assert not page.evaluate("document.querySelector('[data-lo-display]').open")
            assert not page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
            page.add_style_tag(content="p { letter-spacing: 1em; }")  # a style added
        with session.open(chosen, 1280) as page:
            assert session.loads == 3
            spacing = page.evaluate("getComputedStyle(document.querySelector('#main-content p')).letterSpacing")
            assert spacing == "normal"
    finally:
        session.close()
        server.shutdown()
        server.server_close()
