"""Less to download before the first paint (issue 18): one stylesheet of our own, named by its content; no script
that blocks drawing; no font files; `.br` and `.gz` copies of every text file written by the build; and host files
that let browsers keep files named by their content for a year while pages are checked on every visit."""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
from pathlib import Path

import brotli
from conftest import build, make_project
from hostrules import Azure, Netlify
from sitepages import page

from generator.publish.csp import policy_hashes
from generator.publish.hosting import IMMUTABLE, REVALIDATE
from generator.publish.precompress import TEXT

OWN_CSS = re.compile(r"assets/stylesheets/local-offer\.[0-9a-f]{8}\.css$")


def _stylesheets(site: Path, url: str) -> list[str]:
    return [str(link["href"]) for link in page(site, url).select("head link[rel=stylesheet]")]


def test_the_sites_own_css_is_one_file_named_by_its_content(fixture_site: Path) -> None:
    for url in ("", "services/autism-advice/", "shortlist/"):
        sheets = _stylesheets(fixture_site, url)
        own = [href for href in sheets if OWN_CSS.search(href)]
        assert len(own) == 1, sheets
        assert all("assets/stylesheets/" in href for href in sheets), sheets  # the theme's, and ours: no others
        assert not any("palette" in href for href in sheets), "the theme's palette stylesheet is not used"
    (css,) = (fixture_site / "assets" / "stylesheets").glob("local-offer.*.css")
    text = css.read_text(encoding="utf-8")
    assert css.name == f"local-offer.{hashlib.sha256(text.encode()).hexdigest()[:8]}.css"
    # every part is in it, in mkdocs.yml's order: the council's colours, then our styles, search's and the glossary's
    parts = ["--lo-focus: #ffdd00", ".lo-display {", ".lo-chip {", ".lo-term"]
    assert all(part in text for part in parts), [p for p in parts if p not in text]
    assert [text.index(part) for part in parts] == sorted(text.index(part) for part in parts)
    assert "/*" not in text and "\n  " not in text  # no comments or indentation
    for gone in ("council.css", "local-offer.css", "search.css", "glossary.css"):
        assert not (fixture_site / "assets" / gone).exists(), gone


def test_the_search_page_carries_the_stylesheets_inline(fixture_site: Path) -> None:
    """Issue 27: a shared search link draws the page as soon as its HTML has come, a round trip before the
    stylesheets would; the styles are the files every other page links to, as they are."""
    soup = page(fixture_site, "search/")
    assert soup.select("link[rel=stylesheet]") == []
    styles = soup.select("head style[data-lo-inline]")
    linked = _stylesheets(fixture_site, "")
    assert [s["data-lo-inline"] for s in styles] == ["../" + href for href in linked]
    for style, href in zip(styles, linked, strict=True):
        assert style.get_text() == (fixture_site / href).read_text(encoding="utf-8")
    assert any(OWN_CSS.search(str(s["data-lo-inline"])) for s in styles)
    html = (fixture_site / "search" / "index.html").read_text(encoding="utf-8")
    assert "style-src 'self' 'unsafe-inline'" in html  # the policy allows them


def test_no_script_blocks_the_first_paint_and_the_inline_one_is_allowed(fixture_site: Path) -> None:
    for url in ("", "services/autism-advice/", "search/", "shortlist/"):
        soup = page(fixture_site, url)
        assert soup.select("head script[src]") == [], url
        inline = [s for s in soup.select("head script:not([src])") if s.get("type") is None]
        early = [s for s in inline if "loApplyDisplay" in s.get_text()]
        assert len(early) == 1, url
        body = early[0].get_text()
        digest = "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        html = (fixture_site / url / "index.html").read_text(encoding="utf-8")
        assert digest in policy_hashes(html), url


def test_no_font_files(fixture_site: Path) -> None:
    fonts = [p for p in fixture_site.rglob("*") if p.suffix in {".woff", ".woff2", ".ttf", ".otf", ".eot"}]
    assert fonts == []
    for css in fixture_site.rglob("*.css"):
        assert "@font-face" not in css.read_text(encoding="utf-8"), css
    assert "fonts.googleapis" not in (fixture_site / "index.html").read_text(encoding="utf-8")


def test_every_text_file_has_brotli_and_gzip_copies_that_unpack_to_it(fixture_site: Path) -> None:
    checked = 0
    for path in fixture_site.rglob("*"):
        if not path.is_file() or path.suffix not in TEXT:
            continue
        data = path.read_bytes()
        br, gz = path.with_name(path.name + ".br"), path.with_name(path.name + ".gz")
        if len(data) > 1000:  # a copy of a tiny file may not be smaller, and is then not written
            assert br.is_file() and gz.is_file(), path
        if br.is_file():
            assert brotli.decompress(br.read_bytes()) == data and len(br.read_bytes()) < len(data), path
        if gz.is_file():
            assert gzip.decompress(gz.read_bytes()) == data and len(gz.read_bytes()) < len(data), path
        checked += 1
    assert checked > 50
    pagefind = [p for p in (fixture_site / "pagefind").rglob("*.pf_*")]
    assert pagefind and not any(p.with_name(p.name + ".gz").exists() for p in pagefind)  # already compressed


def test_precompression_can_be_switched_off(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    settings = root / "mkdocs.yml"
    settings.write_text(settings.read_text().replace("\nextra:\n", "\nextra:\n  precompress: false\n"))
    result = build(root)
    assert result.built, result.log
    site = root / "site"
    assert (site / "index.html").is_file()
    copies = [p.relative_to(site).as_posix() for p in [*site.rglob("*.br"), *site.rglob("*.gz")]]
    assert copies == ["sitemap.xml.gz"]  # MkDocs' own


# ------------------------------------------------------------------------------------------------------------------
# Cache headers in every host file


def _netlify(site: Path, path: str) -> list[tuple[str, str]]:
    """Netlify and Cloudflare Pages send every matching block's headers (a repeated header joined, not replaced)."""
    return Netlify(site).route(path, {})[1]


def _azure(site: Path, path: str) -> dict[str, str]:
    """globalHeaders, overridden by the headers of the first route that matches."""
    return dict(Azure(site).route(path, {})[1])


def _nginx(site: Path, path: str) -> list[tuple[str, str]]:
    """The add_header lines of the `location ^~` block that takes the path, or else the server's."""
    text = (site / "nginx.conf").read_text()
    blocks = re.findall(r"^location \^~ (\S+) \{\n(.*?)^\}", text, re.DOTALL | re.MULTILINE)
    body = next((b for prefix, b in blocks if path.startswith(prefix)), text.split("\nlocation", 1)[0])
    return re.findall(r'^\s*add_header (\S+) "([^"]*)" always;', body, re.MULTILINE)


def _cache(headers: list[tuple[str, str]]) -> list[str]:
    return [value for name, value in headers if name.lower() == "cache-control"]


def test_files_named_by_their_content_are_kept_a_year_and_pages_are_checked_every_visit(fixture_site: Path) -> None:
    (css,) = (fixture_site / "assets" / "stylesheets").glob("local-offer.*.css")
    (bundle,) = (fixture_site / "assets" / "javascripts").glob("bundle.*.min.js")
    fragment = next((fixture_site / "pagefind" / "fragment").iterdir())
    named = [f"/{p.relative_to(fixture_site).as_posix()}" for p in (css, bundle, fragment)]
    others = ["/", "/services/autism-advice/", "/assets/local-offer.js", "/pagefind/pagefind.js", "/openreferral/"]
    for path in named:
        assert _cache(_netlify(fixture_site, path)) == [IMMUTABLE], path
        assert _azure(fixture_site, path)["Cache-Control"] == IMMUTABLE, path
        assert _cache(_nginx(fixture_site, path)) == [IMMUTABLE], path
        assert ("Content-Security-Policy" in dict(_nginx(fixture_site, path))), "a location keeps every header"
    for path in others:
        assert _cache(_netlify(fixture_site, path)) == [], path  # these hosts send max-age=0, must-revalidate
        assert _azure(fixture_site, path)["Cache-Control"] == REVALIDATE, path
        assert _cache(_nginx(fixture_site, path)) == [REVALIDATE], path
    nginx = (fixture_site / "nginx.conf").read_text()
    assert "\ngzip_static on;\n" in nginx and "# brotli_static on;" in nginx
