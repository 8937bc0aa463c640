"""The site works under its Content-Security-Policy: same-origin scripts only, and search still runs."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect
from sitepages import page

from generator.publish.csp import add_policy


def test_every_page_carries_the_policy(fixture_site: Path) -> None:
    for path in fixture_site.rglob("*.html"):
        if "pagefind" in path.parts:
            continue
        meta = page(path.parent, path.name).select_one("head meta[http-equiv='Content-Security-Policy']")
        assert meta, path
        policy = meta["content"]
        assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1]
        assert "'wasm-unsafe-eval'" in policy


def test_site_works_under_the_policy(browser_page: Page, fixture_url: str) -> None:
    errors: list[str] = []
    browser_page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    browser_page.goto(fixture_url + "search/?q=autism")
    expect(browser_page.locator("[data-lo-status]")).to_contain_text("results for ‘autism’")
    browser_page.goto(fixture_url + "services/autism-advice/")
    expect(browser_page.locator("[data-lo-actions]")).to_be_visible()  # our script ran
    assert browser_page.evaluate("typeof window.__md_get") == "function"  # the theme's inline script ran
    assert errors == []


def test_policy_blocks_an_injected_inline_script(browser_page: Page, fixture_url: str) -> None:
    browser_page.goto(fixture_url + "services/autism-advice/")
    browser_page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true';
        document.body.append(s);
    }""")
    assert browser_page.evaluate("window.__injected === true") is False


def test_policy_hashes_only_javascript_blocks() -> None:
    html = (
        '<html><head></head><body><script>a()</script><script type="application/json">{"x":1}</script>'
        '<script src="x.js"></script></body></html>'
    )
    policy = add_policy(html)
    assert policy.count("'sha256-") == 1


def test_hosts_that_read_headers_get_the_policy_with_framing_forbidden(fixture_site: Path) -> None:
    import re

    headers = (fixture_site / "_headers").read_text().splitlines()
    assert headers[0] == "/*"
    policy = next(line.split(": ", 1)[1] for line in headers if line.strip().startswith("Content-Security-Policy:"))
    assert "frame-ancestors 'none'" in policy and "base-uri 'none'" in policy and "object-src 'none'" in policy
    in_pages = set()
    for path in fixture_site.rglob("*.html"):
        meta = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', path.read_text())
        assert meta, path
        in_pages.update(re.findall(r"'sha256-[^']+'", meta.group(1)))
    assert set(re.findall(r"'sha256-[^']+'", policy)) == in_pages
