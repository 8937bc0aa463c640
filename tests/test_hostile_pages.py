"""No record, page or file can change what a family's browser does: hostile text stays text, scripts that reach a
page's content are never allowed by the policy, hand-written pages are held to an allow-list of what they publish,
and only pages and a few asset types in content/ are published, never in place of the theme's or generated files."""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import serve
from bs4 import BeautifulSoup
from conftest import build, make_project
from playwright.sync_api import Page
from sitepages import page

import generator.publish.build as build_module
from generator.inputs.settings import load_settings, today
from generator.pages.render import page as generated_page
from generator.pipeline import Generated, generate
from generator.publish.csp import ContentNotFound, add_policy, policy_for

PAYLOAD = 'x" http-equiv="refresh" content="0;url=https://evil.example'
HOSTILE_TEXT = 'Tom & Jerry\'s "<b>bold</b>" </title><meta http-equiv="refresh" content="0;url=https://evil.example">'
SITE = "Lambeth SEND Local Offer"


def _sha(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def _policy(soup: BeautifulSoup) -> str:
    metas = soup.select("meta[http-equiv]")
    assert [m["http-equiv"] for m in metas] == ["Content-Security-Policy"]
    return str(metas[0]["content"])


def _replace_line(path: Path, key: str, value: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"{key}: '{value.replace(chr(39), chr(39) * 2)}'" if ln.startswith(f"{key}:") else ln for ln in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _problems(root: Path) -> list[str]:
    result = generate(load_settings(root / "mkdocs.yml"), today())
    return [p.text() for p in result.problems if p.severity == "error"]


def _assert_head(soup: BeautifulSoup, description: str, title: str) -> None:
    head = soup.head
    assert head is not None
    metas = head.find_all("meta")
    shapes = [tuple(sorted(m.attrs)) for m in metas]
    assert sorted(shapes) == sorted([("content", "http-equiv"), ("charset",)] + [("content", "name")] * 3), shapes
    named = {m["name"]: m["content"] for m in metas if m.get("name")}
    assert set(named) == {"viewport", "description", "generator"}
    assert named["description"] == description
    assert [m["http-equiv"] for m in metas if m.get("http-equiv")] == ["Content-Security-Policy"]
    assert [t.get_text() for t in head.find_all("title")] == [title]
    rels = [link.get("rel") for link in head.find_all("link")]
    assert all(rel in (["stylesheet"], ["canonical"], ["icon"], ["prev"], ["next"]) for rel in rels), rels
    assert not head.find_all(["base", "style", "iframe", "object", "embed", "form", "svg", "b"])


# 1. <head> injection ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_text_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("hostile-text"))
    _replace_line(root / "services" / "send" / "autism-advice.yaml", "summary", PAYLOAD)
    _replace_line(root / "content" / "transitions" / "early-years-to-primary.yaml", "summary", PAYLOAD + " & more")
    front = f"---\ntitle: {_yaml_str(HOSTILE_TEXT)}\ndescription: {_yaml_str(HOSTILE_TEXT)}\n---\n\n# Hostile\n"
    (root / "content" / "hostile.md").write_text(front + "\nText.\n", encoding="utf-8")
    result = build(root)
    assert result.built, result.log or [p.text() for p in result.generated.problems]
    return root / "site"


def _yaml_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def test_record_summary_stays_inside_the_description(hostile_text_site: Path) -> None:
    soup = page(hostile_text_site, "services/autism-advice/")
    _assert_head(soup, PAYLOAD, f"Autism Advisory Team – {SITE}")


def test_guide_summary_stays_inside_the_description(hostile_text_site: Path) -> None:
    soup = page(hostile_text_site, "transitions/early-years-to-primary/")
    _assert_head(soup, PAYLOAD + " & more", f"Starting primary school – {SITE}")


def test_hand_written_front_matter_stays_text(hostile_text_site: Path) -> None:
    soup = page(hostile_text_site, "hostile/")
    _assert_head(soup, HOSTILE_TEXT, f"{HOSTILE_TEXT} – {SITE}")
    html = (hostile_text_site / "hostile" / "index.html").read_text(encoding="utf-8")
    assert "<b>bold</b>" not in html and "</title><meta" not in html
    assert len(soup.find_all("meta", attrs={"http-equiv": "refresh"})) == 0
    topic = soup.select(".md-header__topic .md-ellipsis")  # the header names the site only, never the page
    assert [t.get_text(strip=True) for t in topic] == [SITE]


def test_site_description_is_escaped(tmp_path: Path) -> None:
    """The site's name is plain words by validation (tests/test_architecture.py); its description may hold
    quotes, and must stay inside its attribute."""
    root = make_project(tmp_path)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    name = SITE
    config = re.sub(r"^site_description: .*$", f"site_description: {_yaml_str(PAYLOAD)}", config, flags=re.M)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    result = build(root)
    assert result.built, result.log or [p.text() for p in result.generated.problems]
    soup = page(root / "site", "contact/")
    _assert_head(soup, PAYLOAD, f"Contact us – {name}")


# 2. The policy trusts the theme, never the page -------------------------------------------------------------

EVIL_GENERATED = "<p>Generated.</p><script>window.__evilGenerated = true;</script>"
EVIL_HAND = "# Hand\n\n<script>window.__evilHand = true;</script>\n"


@pytest.fixture(scope="module")
def scripted_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A site where a script reached a generated page's content and a hand-written page, past validation."""
    root = make_project(tmp_path_factory.mktemp("scripted"))
    real = build_module.generate

    def generate_with_scripts(settings: Any, day: Any, kept: Any = None) -> Generated:
        result = real(settings, day, kept)
        result.files["evil-generated.md"] = generated_page({"title": "Evil"}, EVIL_GENERATED).encode("utf-8")
        getattr(result, "generated_paths", set()).add("evil-generated.md")
        result.files["evil-hand.md"] = EVIL_HAND.encode("utf-8")
        return result

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(build_module, "generate", generate_with_scripts)
        result = build(root)
    assert result.built, result.log
    yield root / "site"


def test_script_in_generated_content_is_not_in_the_policy(scripted_site: Path) -> None:
    soup = page(scripted_site, "evil-generated/")
    body = "window.__evilGenerated = true;"
    assert [s.string for s in soup.select("#main-content script")] == [body]
    policy = _policy(soup)
    assert _sha(body) not in policy
    theme_scripts = [s.string for s in soup.find_all("script") if s.string and not s.get("src") and not s.get("type")]
    assert theme_scripts and all(_sha(s) in policy for s in theme_scripts if s != body)


def test_script_in_hand_written_content_is_not_allowed(scripted_site: Path) -> None:
    soup = page(scripted_site, "evil-hand/")
    policy = _policy(soup)
    for script in soup.select("#main-content script"):
        assert _sha(script.string or "") not in policy
    assert "__evilHand" not in str(soup.select_one("#main-content"))


def test_policy_has_no_base_and_no_plugins(scripted_site: Path) -> None:
    policy = _policy(page(scripted_site, "evil-generated/"))
    parts = {p.strip() for p in policy.split(";")}
    assert {"base-uri 'none'", "object-src 'none'", "form-action 'self'"} <= parts


def test_every_html_file_carries_the_policy(scripted_site: Path) -> None:
    files = [p for p in scripted_site.rglob("*.html") if "pagefind" not in p.parts]
    assert (scripted_site / "404.html") in files
    for path in files:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        head = soup.head
        assert head is not None, path
        first = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert first is not None, path
        assert "base-uri 'none'" in str(first["content"]), path


def test_injected_scripts_do_not_run(browser_page: Page, scripted_site: Path) -> None:
    with serve(scripted_site) as url:
        for path, flag in (("evil-generated/", "__evilGenerated"), ("evil-hand/", "__evilHand")):
            browser_page.goto(url + path)
            assert browser_page.evaluate(f"window.{flag} === true") is False
            assert browser_page.evaluate("typeof window.__md_get") == "function"  # the theme's own script ran


def test_the_policy_hashes_the_theme_never_the_content() -> None:
    content = "<p>x</p><script>b()</script>"
    html = f"<html><head><script>a()</script></head><body>{content}<script>c()</script></body></html>"
    policy = policy_for(html, [content])
    assert _sha("a()") in policy and _sha("c()") in policy and _sha("b()") not in policy
    with pytest.raises(ContentNotFound):
        policy_for(html, ["<p>not there</p>"])


def test_html_without_a_head_still_gets_the_policy_first() -> None:
    html = "<!doctype html><html><body><header>x</header><script>a()</script></body></html>"
    written = add_policy(html, inline=False)
    assert written.startswith('<!doctype html><html><meta http-equiv="Content-Security-Policy"')
    assert "sha256" not in written and "<header>x</header>" in written


# 3. Hand-written pages: an allow-list on the real output ----------------------------------------------------

INTRO = "# A page\n\nSome text.\n\n"  # the hostile line is line 5


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("pages"))


@pytest.fixture
def page_file(project: Path) -> Iterator[Path]:
    path = project / "content" / "hostile.md"
    yield path
    if path.exists() or path.is_symlink():
        path.unlink()


BAD_BODIES = {
    "script": "<script>alert(1)</script>",
    "style": "<style>body{display:none}</style>",
    "meta": '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "base": '<base href="https://evil.example/">',
    "iframe": '<iframe src="about:blank"></iframe>',
    "object": '<object data="x.pdf"></object>',
    "embed": '<embed src="x.pdf">',
    "form": '<form action="https://evil.example"><button>Go</button></form>',
    "svg": '<svg onload="alert(1)"></svg>',
    "link": '<link rel="stylesheet" href="x.css">',
    "event handler": '<p onclick="alert(1)">Click</p>',
    "event handler on an image": '<img src="missing.png" onerror="alert(1)">',
    "style attribute": '<p style="position:fixed;top:0">Fake banner</p>',
    "entity-encoded javascript link": "[Click](java&#x73;cript:alert(1))",
    "entity-encoded javascript href": '<a href="&#106;avascript:alert(1)">Click</a>',
    "newline-split javascript href": '<a href="java\nscript:alert(1)">Click</a>',
    "tab in scheme": "[Click](<java\tscript:alert(1)>)",
    "data link": "[Click](data:text/html;base64,PHNjcmlwdD4=)",
    "vbscript link": '<a href="vbscript:msgbox(1)">x</a>',
    "http link": "[Insecure](http://example.org/)",
    "other site by //": "[Elsewhere](//evil.example/)",
    "attr_list handler": '## Heading {: onclick="alert(1)" }',
    "attr_list style": '## Heading {: style="color:red" }',
    "unknown class": "## Heading {: .md-dialog }",
    "unknown admonition": '!!! md-banner "Look"\n    Text.',
    "remote image": "![A picture](https://evil.example/x.png)",
    "image not published": "![A picture](nowhere.png)",
    "image as data": '<img src="data:image/png;base64,AAAA" alt="x">',
    "unknown tag": "<marquee>Hello</marquee>",
    "input": '<input name="password">',
}


@pytest.mark.parametrize("body", BAD_BODIES.values(), ids=BAD_BODIES.keys())
def test_hostile_markup_is_refused_on_its_line(project: Path, page_file: Path, body: str) -> None:
    page_file.write_text(INTRO + body + "\n\nMore text.\n", encoding="utf-8")
    problems = _problems(project)
    mine = [p for p in problems if p.startswith("content/hostile.md:")]
    assert mine, problems
    assert all(p.startswith("content/hostile.md:5:") for p in mine), mine


GOOD_BODY = """---
title: Fine page
description: A page with everything allowed.
hide: [toc]
---

# Fine page {: #top }

Text with **bold**, *emphasis*, `code` and a line<br>
break. Links: [https](https://www.example.gov.uk/), [mail](mailto:a@example.gov.uk), [phone](tel:+442070000000),
[relative](contact.md), [fragment](#top), [another page's part](about.md#what-it-covers).

## A list

- one
- two

1. first
2. second

> A quotation.

---

    code block

!!! note "Remember"
    An admonition.

!!! warning
    Another.

<p>A paragraph in <em>HTML</em> with a <span>span</span> and
<a href="https://www.example.gov.uk/" title="t">link</a>.</p>

![A picture](pictures/photo.png "Photo")

Text with &lt;script&gt; written out, and `<script>` in code.
"""


def test_a_page_of_allowed_markup_builds_unchanged(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "content" / "pictures").mkdir()
    (root / "content" / "pictures" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "content" / "fine.md").write_text(GOOD_BODY, encoding="utf-8")
    result = build(root)
    assert result.built, result.log or [p.text() for p in result.generated.problems]
    soup = page(root / "site", "fine/")
    main = soup.select_one("#main-content")
    assert main is not None
    assert main.select_one("h1#top") is not None
    assert main.select_one("div.admonition.note p.admonition-title").get_text() == "Remember"
    assert main.select_one("div.admonition.warning") is not None
    assert {a["href"] for a in main.select("a[href]")} >= {"https://www.example.gov.uk/", "tel:+442070000000"}
    assert main.select_one("img")["src"] == "../pictures/photo.png"
    assert "<script>" in main.get_text()
    assert (root / "site" / "pictures" / "photo.png").exists()


@pytest.mark.parametrize(
    ("front", "key", "line"),
    [
        ("title: Fine\ntemplate: redirect.html\n", "template", 3),
        ("title: Fine\nlo_html: true\n", "lo_html", 3),
        ("title: Fine\n\nlo_search: true\n", "lo_search", 4),
        ("description: x\nextra_javascript: [evil.js]\n", "extra_javascript", 3),
    ],
)
def test_front_matter_allows_only_known_keys(project: Path, page_file: Path, front: str, key: str, line: int) -> None:
    page_file.write_text(f"---\n{front}---\n\n# Page\n", encoding="utf-8")
    mine = [p for p in _problems(project) if p.startswith("content/hostile.md:")]
    assert mine and all(p.startswith(f"content/hostile.md:{line}:") and key in p for p in mine), mine


def test_front_matter_is_read_safely(project: Path, page_file: Path) -> None:
    page_file.write_text("---\ntitle: &a Fine\ndescription: *a\n---\n\n# Page\n", encoding="utf-8")
    mine = [p for p in _problems(project) if p.startswith("content/hostile.md:")]
    assert mine and mine[0].startswith("content/hostile.md:2:"), mine


def test_front_matter_values_have_their_types(project: Path, page_file: Path) -> None:
    page_file.write_text("---\ntitle: [a, b]\n---\n\n# Page\n", encoding="utf-8")
    mine = [p for p in _problems(project) if p.startswith("content/hostile.md:")]
    assert mine and mine[0].startswith("content/hostile.md:2:"), mine


def test_settings_lines_without_front_matter_are_refused(project: Path, page_file: Path) -> None:
    page_file.write_text("template: redirect.html\nlocation: https://evil.example\n\n# Page\n", encoding="utf-8")
    mine = [p for p in _problems(project) if p.startswith("content/hostile.md:")]
    assert mine and mine[0].startswith("content/hostile.md:1:"), mine


def test_a_page_that_is_not_utf8_names_the_line(project: Path, page_file: Path) -> None:
    page_file.write_bytes(b"# Page\n\nFine.\n\nCaf\xe9 au lait.\n")
    mine = [p for p in _problems(project) if p.startswith("content/hostile.md:")]
    assert len(mine) == 1 and mine[0].startswith("content/hostile.md:5:") and "UTF-8" in mine[0], mine


def test_a_page_over_the_size_cap_is_refused(project: Path, page_file: Path) -> None:
    page_file.write_text("# Page\n\n" + "Words and more words.\n" * 13000, encoding="utf-8")
    mine = [p for p in _problems(project) if p.startswith("content/hostile.md:")]
    assert len(mine) == 1 and "KB" in mine[0], mine


def test_validate_command_checks_one_page(project: Path, page_file: Path) -> None:
    from generator.commands.check_files import check_files

    page_file.write_text(INTRO + "[Click](java&#x73;cript:alert(1))\n", encoding="utf-8")
    settings = load_settings(project / "mkdocs.yml")
    found = [p.text() for p in check_files(settings, [page_file], today())]
    assert found and all(p.startswith("content/hostile.md:5:") for p in found), found


# 4. Files in content/ -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["evil.html", "evil.js", "evil.svg", "evil.css", "evil.xml", "evil.txt"])
def test_only_pages_and_a_few_asset_types_are_published(project: Path, name: str) -> None:
    path = project / "content" / "extra" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text("<script>alert(1)</script>", encoding="utf-8")
    try:
        mine = [p for p in _problems(project) if name in p]
        assert mine and mine[0].startswith(f"content/extra/{name}:1:"), mine
    finally:
        path.unlink()


def test_allowed_assets_and_data_are_not_refused(project: Path) -> None:
    folder = project / "content" / "files"
    folder.mkdir(exist_ok=True)
    for name in ("leaflet.pdf", "photo.JPG", "photo.jpeg", "a.gif", "b.webp", "c.png", "notes.yaml"):
        (folder / name).write_bytes(b"x")
    try:
        result = generate(load_settings(project / "mkdocs.yml"), today())
        assert result.ok, [p.text() for p in result.problems]
        assert "files/leaflet.pdf" in result.files and "files/notes.yaml" not in result.files
    finally:
        for child in folder.iterdir():
            child.unlink()
        folder.rmdir()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlinks_are_refused_never_followed(project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"secret")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "page.md").write_text("# Outside\n", encoding="utf-8")
    link_file = project / "content" / "linked.png"
    link_dir = project / "content" / "linked-folder"
    link_file.symlink_to(secret)
    link_dir.symlink_to(outside, target_is_directory=True)
    try:
        result = generate(load_settings(project / "mkdocs.yml"), today())
        texts = [p.text() for p in result.problems]
        assert any(t.startswith("content/linked.png:1:") for t in texts), texts
        assert any(t.startswith("content/linked-folder:1:") for t in texts), texts
        assert not any("linked" in rel for rel in result.files)
    finally:
        link_file.unlink()
        link_dir.unlink()


@pytest.mark.parametrize(
    "rel",
    [
        "assets/images/favicon.png",  # Material's own file
        "services.md",  # served at services/, the generated A to Z
        "search/index.md",  # served at search/, the generated search page
        "needs/README.md",  # served at needs/, like needs/index.md
        "assets/council.css.md",  # not the same file, but a folder in place of a generated file
        "pagefind/pagefind-ui.png",  # the search index's folder, written after MkDocs
    ],
)
def test_nothing_replaces_a_theme_file_or_a_generated_page(project: Path, rel: str) -> None:
    path = project / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"# Replaced\n" if rel.endswith(".md") else b"\x89PNG\r\n\x1a\n")
    try:
        mine = [p for p in _problems(project) if p.startswith(f"content/{rel}:")]
        assert mine, _problems(project)
    finally:
        path.unlink()
        for parent in path.relative_to(project / "content").parents:
            folder = project / "content" / parent
            if parent != Path(".") and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()


def test_theme_override_files_cannot_be_replaced(project: Path) -> None:
    from generator.resources import OVERRIDES_DIR

    shipped = sorted(p.relative_to(OVERRIDES_DIR).as_posix() for p in OVERRIDES_DIR.rglob("*") if p.is_file())
    assert "assets/display.js" in shipped
    for rel in ("assets/display.js", "assets/local-offer.css"):
        path = project / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("window.__evil = 1", encoding="utf-8")
        try:
            mine = [p for p in _problems(project) if p.startswith(f"content/{rel}:")]
            assert mine, rel
        finally:
            path.unlink()
    (project / "content" / "assets").rmdir()
