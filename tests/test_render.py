"""Rendering is safe even if validation were bypassed: record Markdown goes through an allow-list."""

from __future__ import annotations

from generator.pages.render import markdown_to_html, tel_href
from generator.records.urls import relative_link


def test_markdown_cleaner_drops_scripts_handlers_and_unsafe_links() -> None:
    html = markdown_to_html(
        "Hi <script>alert(1)</script> <img src=x onerror=alert(2)>\n\n"
        "[a](javascript:alert(3)) [b](data:text/html,x) [c](https://ok.example/) {: onclick=alert(4) }\n\n"
        "# Big heading"
    )
    assert "<script" not in html and "onerror" not in html and "<img" not in html
    assert "javascript:" not in html and "data:text" not in html
    assert 'href="https://ok.example/"' in html
    assert "onclick=" not in html.replace("{: onclick=alert(4) }", "")
    assert "<h1" not in html and "<h3>Big heading</h3>" in html


def test_relative_links_work_from_any_depth() -> None:
    assert relative_link("services/x.md", "needs/sensory-and-physical.md") == "../../needs/sensory-and-physical/"
    assert relative_link("services/index.md", "services/x.md") == "x/"
    assert relative_link("index.md", "services/index.md") == "services/"
    assert relative_link("needs/index.md", "index.md") == "../"


def test_phone_links_use_international_form() -> None:
    assert tel_href("020 7926 1000") == "+442079261000"
    assert tel_href("+44 (0)20 7926 1000") == "+442079261000"
    assert tel_href("0800 123 4567") == "+448001234567"
