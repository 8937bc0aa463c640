"""Live preview: the real build, search included; after a change only what changed is rebuilt, and pages reload."""

from __future__ import annotations

import gzip
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import build, fit_glossary, make_project
from playwright.sync_api import Page, expect

from generator.commands.serve import Preview
from generator.publish.static_server import Versions


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch_until(url: str, needle: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
            if needle in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} did not appear at {url} within {seconds} s")


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def _until(condition, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"{what} did not happen within {seconds} s")


@contextmanager
def _preview(root: Path, log: Path | None = None) -> Iterator[str]:
    """`local-offer serve` running on a free port (its output in `log`); yields its base URL once it serves."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "generator",
        "--config",
        str(root / "mkdocs.yml"),
        "serve",
        "--dev-addr",
        f"127.0.0.1:{port}",
    ]
    out = log.open("w") if log else subprocess.DEVNULL
    server = subprocess.Popen(command, cwd=root, stdout=out, stderr=subprocess.STDOUT)
    try:
        _fetch_until(f"http://127.0.0.1:{port}/", "<html", 120)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=20)
        if log:
            out.close()


def test_serve_rebuilds_when_a_record_changes(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    with _preview(root) as base:
        url = base + "services/hearing-support/"
        _fetch_until(url, "Hearing and Vision Support", 60)
        record = root / "services" / "send" / "hearing-support.yaml"
        text = record.read_text().replace("name: Hearing and Vision Support", "name: Sensory Support Service")
        record.write_text(text)
        _fetch_until(url, "Sensory Support Service", 60)


def test_preview_has_a_working_search_index(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    with _preview(root) as base:
        _fetch_until(base + "pagefind/pagefind-entry.json", '"page_count"', 60)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_broken_edit_shows_the_problem_and_keeps_the_last_good_page(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    log = tmp_path / "serve.log"
    record = root / "services" / "send" / "hearing-support.yaml"
    with _preview(root, log) as base:
        url = base + "services/hearing-support/"
        _edit(record, "name: Hearing and Vision Support", "name: Broken Edit Service")
        _edit(record, "age_range: {min: 0, max: 25}", "age_range: {min: 0, max: 30}")
        _until(lambda: "max: 30 is above the allowed maximum 25" in log.read_text(), "the problem shown")
        assert "services/send/hearing-support.yaml:8:" in log.read_text()
        assert "The preview still shows the last good version." in log.read_text()
        page = _fetch_until(url, "<h1>", 10)
        assert "<h1>Hearing and Vision Support</h1>" in page
        _edit(record, "max: 30", "max: 25")
        _fetch_until(url, "<h1>Broken Edit Service</h1>", 60)


def test_adding_deleting_and_renaming_records(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    send = root / "services" / "send"
    with _preview(root) as base:
        new = send / "sensory-play-club.yaml"
        text = (send / "hearing-support.yaml").read_text(encoding="utf-8")
        new.write_text(
            text.replace("id: hearing-support", "id: sensory-play-club").replace(
                "name: Hearing and Vision Support", "name: Sensory Play Club"
            ),
            encoding="utf-8",
        )
        _fetch_until(base + "services/sensory-play-club/", "<h1>Sensory Play Club</h1>", 60)
        _fetch_until(base + "services/", "Sensory Play Club", 10)

        renamed = send / "sensory-play-group.yaml"
        renamed.write_text(
            new.read_text(encoding="utf-8").replace("id: sensory-play-club", "id: sensory-play-group"), "utf-8"
        )
        new.unlink()
        _fetch_until(base + "services/sensory-play-group/", "<h1>Sensory Play Club</h1>", 60)
        _until(lambda: _status(base + "services/sensory-play-club/") == 404, "the old address answering 404")
        assert "sensory-play-club/" not in _fetch_until(base + "services/", "sensory-play-group/", 10)

        renamed.unlink()
        _until(lambda: _status(base + "services/sensory-play-group/") == 404, "the deleted page answering 404")
        # the listings and search data are written before a page is deleted
        assert "Sensory Play Club" not in _fetch_until(base + "services/", "A to Z", 10)
        assert "Sensory Play Club" not in _fetch_until(base + "assets/shortlist.json", "services", 10)


def _indexed_text(site: Path) -> str:
    """Every page's text as Pagefind indexed it (its fragments are gzipped JSON)."""
    fragments = (site / "pagefind" / "fragment").glob("*.pf_fragment")
    return "\n".join(gzip.decompress(f.read_bytes()).decode("utf-8", errors="replace") for f in fragments)


def test_search_follows_an_edit(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    record = root / "services" / "send" / "hearing-support.yaml"
    with _preview(root) as base:
        site = root / "build" / "preview"
        assert "Zephyrine" not in _indexed_text(site)
        _edit(record, "Specialist teachers visit", "Zephyrine teachers visit")
        _until(lambda: "Zephyrine" in _indexed_text(site), "the search index finding the new word")
        _fetch_until(base + "assets/search-words.json", "zephyrine", 10)


def test_a_settings_change_builds_everything_again(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    with _preview(root) as base:
        _edit(root / "mkdocs.yml", "site_name: Lambeth SEND Local Offer", "site_name: Fixture Local Offer")
        _fetch_until(base + "services/hearing-support/", "Fixture Local Offer", 60)


def test_an_open_page_reloads_itself_after_a_save(tmp_path: Path, browser_page: Page) -> None:
    root = make_project(tmp_path / "p")
    with _preview(root) as base:
        browser_page.goto(base + "services/hearing-support/")
        expect(browser_page.locator("h1")).to_have_text("Hearing and Vision Support")
        _edit(root / "services" / "send" / "hearing-support.yaml", "name: Hearing and Vision Support", "name: Reloaded")
        expect(browser_page.locator("h1")).to_have_text("Reloaded", timeout=60_000)
        assert not list((root / "build" / "preview").rglob("reload.js")), "the reload script is never in the site"
        built = (root / "build" / "preview" / "services" / "hearing-support" / "index.html").read_text()
        assert "__preview__" not in built


EDITS = [
    ("a service's name", "services/send/hearing-support.yaml", "name: Hearing and Vision Support", "name: Hearing"),
    ("a guide's title", "content/transitions/primary-to-secondary.yaml", "title: ", "title: Changed "),
    ("a hand-written page", "content/about.md", "\n\n", "\n\nA new first paragraph.\n\n"),
    ("a feedback item", "content/you-said-we-did/2024-hearing-waits.yaml", "you_said: ", "you_said: Edited. "),
    ("a closed service opening again", "services/careers/old-programme.yaml", "status: closed", "status: active"),
    # a service page names the schools it works in: renaming one makes that page again
    ("a school's name", "schools/riverside-school.yaml", "name: Riverside School", "name: Riverside Special School"),
]


def _files(site: Path) -> dict[str, bytes]:
    """Every file of a built site but its search index and the compressed copies (`.br`, `.gz`) a published build
    adds for the host to serve."""
    skip = ("pagefind/",)
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and not p.relative_to(site).as_posix().startswith(skip) and p.suffix not in (".br", ".gz")
    }


def test_a_rebuilt_preview_is_the_site_a_full_build_makes(tmp_path: Path) -> None:
    """After each kind of change the fast path writes exactly the files the full build would (search aside)."""
    root = make_project(tmp_path / "p")
    preview = Preview((root / "mkdocs.yml").resolve(), root / "build" / "preview")
    assert preview.full()
    fast_path = preview.plugin
    for what, rel, old, new in EDITS:
        _edit(root / rel, old, new)
        assert preview.update(), what
        assert preview.plugin is fast_path, f"{what}: the fast path was not taken"
        shutil.rmtree(root / "site", ignore_errors=True)
        assert build(root).built
        assert _files(root / "build" / "preview") == _files(root / "site"), what
    new = root / "services" / "send" / "new-service.yaml"
    new.write_text(
        (root / "services/send/hearing-support.yaml").read_text().replace("id: hearing-support", "id: new-service")
    )
    assert preview.update()
    (root / "services" / "careers" / "supported-internships.yaml").unlink()
    fit_glossary(root)
    assert preview.update()
    assert preview.plugin is fast_path
    shutil.rmtree(root / "site", ignore_errors=True)
    assert build(root).built
    assert _files(root / "build" / "preview") == _files(root / "site")


def test_a_glossary_change_marks_every_page_again(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    preview = Preview((root / "mkdocs.yml").resolve(), root / "build" / "preview")
    assert preview.full()
    glossary = root / "content" / "glossary.yaml"
    text = glossary.read_text(encoding="utf-8")
    explanation = re.search(r"^  explanation: (.+)$", text, re.MULTILINE)
    assert explanation is not None
    _edit(glossary, explanation.group(1), "A short new explanation of this word.")
    assert preview.update()
    shutil.rmtree(root / "site", ignore_errors=True)
    assert build(root).built
    assert _files(root / "build" / "preview") == _files(root / "site")


def test_a_broken_record_in_the_fast_path_changes_nothing(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    preview = Preview((root / "mkdocs.yml").resolve(), root / "build" / "preview")
    assert preview.full()
    before = _files(root / "build" / "preview")
    _edit(root / "services" / "send" / "hearing-support.yaml", "cost: free", "cost: [free]")
    assert not preview.update()
    assert _files(root / "build" / "preview") == before


class _Seen(Versions):
    """The preview's real version counter, noting what the site on disk holds each time open pages are told to
    reload."""

    def __init__(self, site: Path, pages: list[str]) -> None:
        super().__init__()
        self.site, self.pages, self.seen = site, pages, []

    def bump(self) -> None:
        self.seen.append([(self.site / page).read_text(encoding="utf-8") for page in self.pages])
        super().bump()


def test_the_changed_page_is_shown_before_the_listings_are_made(tmp_path: Path) -> None:
    """A one-record edit: its own page is written and open pages reload before the listings, search data and open
    data that show it are made; then they follow, and the preview is the site a full build makes."""
    root = make_project(tmp_path / "p")
    preview = Preview((root / "mkdocs.yml").resolve(), root / "build" / "preview")
    assert preview.full()
    pages = ["services/hearing-support/index.html", "services/index.html", "assets/shortlist.json"]
    preview.versions = seen = _Seen(preview.folder, pages)
    _edit(root / "services/send/hearing-support.yaml", "name: Hearing and Vision Support", "name: Sensory Support")
    assert preview.update()
    assert len(seen.seen) == 2, "one reload for the changed page, one when the rest has followed"
    (page, a_to_z, shortlist), (_, a_to_z_after, shortlist_after) = seen.seen
    assert "<h1>Sensory Support</h1>" in page
    assert "Sensory Support" not in a_to_z and "Sensory Support" not in shortlist
    assert "Sensory Support" in a_to_z_after and "Sensory Support" in shortlist_after
    shutil.rmtree(root / "site", ignore_errors=True)
    assert build(root).built
    assert _files(root / "build" / "preview") == _files(root / "site")


def test_a_newer_change_takes_over_from_the_listings(tmp_path: Path) -> None:
    """A save while the listings are still to be made: the changed page is shown and the next update makes what was
    left, for both changes."""
    root = make_project(tmp_path / "p")
    preview = Preview((root / "mkdocs.yml").resolve(), root / "build" / "preview")
    assert preview.full()
    site = preview.folder
    _edit(root / "services/send/hearing-support.yaml", "name: Hearing and Vision Support", "name: Sensory Support")
    assert preview.update(newer=lambda: True)
    assert "<h1>Sensory Support</h1>" in (site / "services/hearing-support/index.html").read_text(encoding="utf-8")
    assert "Sensory Support" not in (site / "services/index.html").read_text(encoding="utf-8")
    _edit(root / "services/send/autism-advice.yaml", "summary: ", "summary: Edited. ")
    assert preview.update()
    assert "Sensory Support" in (site / "services/index.html").read_text(encoding="utf-8")
    shutil.rmtree(root / "site", ignore_errors=True)
    assert build(root).built
    assert _files(site) == _files(root / "site")


def test_a_save_prints_its_own_warnings_not_every_warning_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """At council scale the directory has hundreds of warnings: after the first build a save prints errors, the
    warnings about the files saved, and new warnings, and says how many others it left out."""
    root = make_project(tmp_path / "p")
    hearing, autism = root / "services/send/hearing-support.yaml", root / "services/send/autism-advice.yaml"
    _edit(hearing, "last_reviewed: 2026-01-15", "last_reviewed: 2025-06-01")
    preview = Preview((root / "mkdocs.yml").resolve(), root / "build" / "preview")
    assert preview.full()
    due = "services/send/hearing-support.yaml:16:16: last_reviewed: warning: was last reviewed"
    assert due in capsys.readouterr().err
    _edit(autism, "last_reviewed: 2026-05-01", "last_reviewed: 2025-05-01")
    assert preview.update(saved={"services/send/autism-advice.yaml"})
    printed = capsys.readouterr()
    assert "services/send/autism-advice.yaml:39:16: last_reviewed: warning: was last reviewed" in printed.err
    assert due not in printed.err
    assert "Not repeated: 1 warning about files not changed since" in printed.out
    _edit(hearing, "name: Hearing and Vision Support", "name: Sensory Support")
    assert preview.update(saved={"services/send/hearing-support.yaml"})
    printed = capsys.readouterr()
    assert due in printed.err and "autism-advice.yaml" not in printed.err


@pytest.mark.parametrize(
    "inherited",
    [
        pytest.param(lambda: signal.signal(signal.SIGINT, signal.SIG_IGN), id="ignored"),
        pytest.param(lambda: signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}), id="held-back"),
    ],
)
def test_ctrl_c_stops_the_preview_whatever_it_inherited(tmp_path: Path, inherited: object) -> None:
    """A preview started by something that ignores Ctrl+C or holds it back (a disposition and a mask a process
    inherits: a test runner's worker did once) still stops on Ctrl+C, at once and cleanly."""
    root = make_project(tmp_path / "project")
    port = _free_port()
    preview = subprocess.Popen(
        [sys.executable, "-m", "generator", "--config", str(root / "mkdocs.yml"), "serve", "--dev-addr",
         f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=inherited,  # type: ignore[arg-type]
    )
    try:
        for _ in range(600):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10):
                    break
            except OSError:
                assert preview.poll() is None, preview.communicate()
                time.sleep(0.1)
    finally:
        preview.send_signal(signal.SIGINT)
        try:
            out, err = preview.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            preview.kill()
            preview.communicate()
            raise
    assert preview.returncode == 0 and "Traceback" not in out + err, out + err
