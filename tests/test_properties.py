"""Property-based tests: no input crashes validation, and nothing a record holds can inject markup."""

from __future__ import annotations

import json
from datetime import date

import markdown
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.inputs.load import load_text
from generator.inputs.settings import Council
from generator.inputs.validate import check_against_schema
from generator.pages.context import RenderContext
from generator.pages.render import render_services
from generator.records.model import Service, SiteData

NASTY = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "javascript:alert(1)",
    "[x](data:text/html,<b>)",
    "&lt;script&gt;",
    "{: onclick=alert(1) }",
    '"><svg onload=alert(1)>',
    "\u202eRTL",
    "مرحبا",
    "👩‍👧 emoji",
    "\x00\x07\x1b",
    "*" * 500,
    "a" * 5000,
    "!![x](https://e.x/p.png)",
    "<!-- c -->",
    "&#x3C;script&#x3E;",
    "\\u003cscript\\u003e",
    "{{ 7*7 }}",
    "{% raw %}",
    "---",
    "- - -",
    "&",
    "</div></article>",
]
words = st.one_of(st.sampled_from(NASTY), st.text(max_size=200))
COUNCIL = Council("Test", "Test Local Offer", "https://example.org/", "team@example.org")


def assert_only_data_scripts(soup: BeautifulSoup) -> None:
    """The one script allowed in page content is the JSON-LD data block, and it must be exactly JSON."""
    scripts = soup.find_all("script")
    assert [s.get("type") for s in scripts] in ([], ["application/ld+json"])
    for script in scripts:
        json.loads(script.string)


def _record(name: str, summary: str, text: str) -> str:
    return (
        f"id: prop\nname: {name!r}\norganisation: {text!r}\ncategory: send\nsummary: {summary!r}\n"
        f"description: {text!r}\nage_range: {{min: 1, max: 2}}\nneeds: [all-needs]\neligibility: {text!r}\n"
        f"how_to_access: {text!r}\nreferral: self\ncost: {text!r}\ncontact: {{email: a@example.org}}\n"
        f"keywords: [{text!r}]\nlast_reviewed: 2026-01-01\n"
    ).replace("\\'", "''")


YAML_ATTACKS = [
    "a: &x [1, 2]\nb: *x\n",
    "name: !!python/object/apply:os.system ['ls']\n",
    "x: !custom 1\n",
    "<<: {a: 1}\n",
    "a: 1\n---\nb: 2\n",
    "? [a, b]\n: c\n",
    "a: {b: [c, {d: e}]}\n",
    "%YAML 1.1\n---\na: 1\n",
    "a: 'unclosed\n",
    "\t- tab\n",
    "a: b: c\n",
    "- - - deep\n",
    "id: x\nid: y\n",
    "\ufeffid: bom\n",
    "a: 0o777\nb: 1e400\nc: .nan\n",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.text(max_size=400),
        st.sampled_from(YAML_ATTACKS),
        st.builds(lambda a, b: a + b, st.sampled_from(YAML_ATTACKS), st.text(max_size=80)),
    )
)
def test_any_text_gives_problems_never_a_crash(text: str) -> None:
    loaded = load_text(text, "services/send/x.yaml")
    for problem in loaded.problems + check_against_schema(loaded, "service.schema.json"):
        assert problem.file == "services/send/x.yaml" and problem.line >= 1 and problem.message


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words, words, words)
def test_records_never_inject_markup(name: str, summary: str, text: str) -> None:
    loaded = load_text(_record(name, "A summary long enough to pass: " + summary, text), "services/send/prop.yaml")
    problems = loaded.problems + check_against_schema(loaded, "service.schema.json")
    if problems or loaded.data is None:
        return  # refused with a message: nothing is published
    service = Service(loaded.data, "services/send/prop.yaml")
    page = render_services(RenderContext(SiteData.of([service]), COUNCIL, (), date(2026, 11, 22)))[service.page]
    body = page.split("---\n", 2)[2]
    html = markdown.markdown(body, extensions=["toc", "admonition", "attr_list"])  # as MkDocs renders it
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.find_all(["iframe", "object", "embed", "svg", "img", "style", "form"])
    assert_only_data_scripts(soup)
    for element in soup.find_all(True):
        for attribute, value in element.attrs.items():
            assert not attribute.lower().startswith("on"), (attribute, value)
            if attribute in ("href", "src"):
                assert str(value).startswith(("https://", "mailto:", "tel:", "#", "../", "./")), value


def test_hostile_but_valid_records_build_into_a_clean_site(tmp_path) -> None:
    """The strings that pass validation go through a real MkDocs build; the pages hold them only as text."""
    from conftest import build, make_project, write_record

    root = make_project(tmp_path / "p")
    accepted = []
    for i, text in enumerate(NASTY):
        record = _record("Name " + text[:50], "A summary long enough to pass: " + text, text).replace(
            "id: prop", f"id: prop-{i}"
        )
        loaded = load_text(record, f"services/send/prop-{i}.yaml")
        if not (loaded.problems + check_against_schema(loaded, "service.schema.json")):
            write_record(root, "send", f"prop-{i}", record)
            accepted.append(i)
    assert len(accepted) >= 8
    result = build(root)
    assert result.built, result.log
    for i in accepted:
        html = (root / "site" / "services" / f"prop-{i}" / "index.html").read_text(encoding="utf-8")
        main = BeautifulSoup(html, "html.parser").select_one("#main-content")
        assert not main.find_all(["svg", "img", "iframe"])
        assert_only_data_scripts(main)
        assert not [a for e in main.find_all(True) for a in e.attrs if a.lower().startswith("on")]
        assert "{{ 7*7 }}" not in NASTY[i] or "{{ 7*7 }}" in main.get_text()  # never evaluated as a template
