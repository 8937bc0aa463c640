"""SVG images (a council's logo) are published only as a clean copy: drawing kept, everything that could run, link
or load from elsewhere taken out with a warning on its line; what cannot be made safe refused."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import make_project

from generator.inputs.problems import errors
from generator.inputs.settings import load_settings, today
from generator.inputs.svg import clean_svg
from generator.pipeline import check

HOSTILE = """<?xml version="1.0"?>
<?xml-stylesheet href="https://evil.example/x.css"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     xmlns:ink="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 10 10" onload="alert(1)" ink:version="1">
  <script>alert(document.cookie)</script>
  <style>@import url(https://evil.example/a.css); .a { fill: red }</style>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs>
  <rect class="a" width="10" height="10" fill="url(#g)" style="fill: url(https://evil.example/t.png)"/>
  <circle cx="5" cy="5" r="3" fill="url(#g)" ONCLICK="x()"/>
  <a href="javascript:alert(1)"><text x="1" y="9">Hi</text></a>
  <use href="#g"/><use xlink:href="https://evil.example/s.svg#x"/><use href=" data:image/svg+xml,&lt;svg/&gt;"/>
  <image href="https://evil.example/p.png"/>
  <foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example"/></div></foreignObject>
  <animate attributeName="href" to="javascript:alert(1)"/><set attributeName="onload" to="alert(1)"/>
  <text x="1" y="5">Fish &amp; chips &lt;3</text>
</svg>
"""


def test_a_hostile_svg_keeps_only_its_drawing() -> None:
    clean, problems = clean_svg(HOSTILE.encode(), "content/assets/logo.svg")
    assert clean is not None
    assert errors(problems) == []
    text = clean.decode()
    for banned in ("script", "onload", "onclick", "ONCLICK", "evil", "javascript", "foreignObject", "iframe", "image",
                   "animate", "<set", "@import", "data:", "xml-stylesheet", "inkscape", "<a "):  # fmt: skip
        assert banned not in text, banned
    tree = ElementTree.fromstring(clean)
    names = [element.tag.split("}")[1] for element in tree.iter()]
    assert names == ["svg", "style", "defs", "linearGradient", "stop", "rect", "circle", "use", "use", "use", "text"]
    assert 'fill="url(#g)"' in text and 'href="#g"' in text and "Fish &amp; chips &lt;3" in text
    lines = {(p.line, p.message.split(" was removed")[0]) for p in problems}
    assert (5, "the <script> element") in lines
    assert (3, "the attribute onload on <svg>") in lines
    assert (9, "the attribute ONCLICK on <circle>") in lines
    assert (13, "the <foreignObject> element") in lines
    assert all(p.severity == "warning" and p.file == "content/assets/logo.svg" for p in problems)
    assert len(problems) == 14


@pytest.mark.parametrize(
    ("svg", "said"),
    [
        ('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', "has a DOCTYPE"),
        ('<!DOCTYPE svg SYSTEM "file:///etc/passwd"><svg xmlns="http://www.w3.org/2000/svg"/>', "has a DOCTYPE"),
        ('<html xmlns="http://www.w3.org/1999/xhtml"><script>x</script></html>', "outermost element is <html>"),
        ("<svg><circle r='1'/></svg>", "outermost element is <svg>, not <svg>"),  # no SVG namespace: not SVG
        ('<svg xmlns="http://www.w3.org/2000/svg"><circle></svg>', "not a well-formed SVG image"),
        ("GIF89a", "not a well-formed SVG image"),
    ],
)
def test_what_cannot_be_made_safe_is_refused_on_its_line(svg: str, said: str) -> None:
    clean, problems = clean_svg(svg.encode(), "content/logo.svg")
    assert clean is None
    assert len(problems) == 1 and problems[0].severity == "error" and said in problems[0].message


def test_an_svg_in_content_is_checked_and_a_refused_one_stops_the_build(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    (root / "content" / "assets").mkdir(exist_ok=True)
    logo = root / "content" / "assets" / "logo.svg"
    logo.write_text(HOSTILE, encoding="utf-8")
    settings = load_settings(root / "mkdocs.yml")
    result = check(settings, today())
    assert result.ok
    assert b"evil" not in result.files["assets/logo.svg"]  # the copy the site publishes
    assert {p.file for p in result.problems if "was removed" in p.message} == {"content/assets/logo.svg"}
    logo.write_text('<!DOCTYPE svg [<!ENTITY x "y">]>\n<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    refused = check(settings, today())
    assert [p.text() for p in errors(refused.problems)] == [
        "content/assets/logo.svg:1:1: has a DOCTYPE, which can define entities that read other files or grow without "
        "end. Export the image again as a plain SVG (for example 'Plain SVG' or 'Optimized SVG'), or use a PNG."
    ]
    assert "assets/logo.svg" not in refused.files


def test_a_logo_that_is_not_in_content_is_a_settings_problem_on_its_line(tmp_path: Path) -> None:
    from generator.inputs.settings import SettingsError

    root = make_project(tmp_path / "project")
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("    name: ", "    logo: assets/missing.svg\n    name: ", 1), "utf-8"
    )
    with pytest.raises(SettingsError) as raised:
        load_settings(config)
    [problem] = raised.value.problems
    assert problem.field == "extra › council › logo" and "'assets/missing.svg' is not a file" in problem.message
