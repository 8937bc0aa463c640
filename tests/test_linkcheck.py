"""The opt-in external link check, against a real web server on this machine (no outside network in tests)."""

from __future__ import annotations

from pathlib import Path

from browser import serve

from generator.commands.linkcheck import broken_urls


def test_working_and_broken_addresses_are_told_apart(tmp_path: Path) -> None:
    (tmp_path / "ok.html").write_text("<p>fine</p>")
    with serve(tmp_path) as base:
        pairs = [
            ("services/send/a.yaml", base + "ok.html"),
            ("services/send/b.yaml", base + "gone.html"),
            ("services/send/c.yaml", "http://127.0.0.1:9/"),
        ]
        broken = broken_urls(pairs)
    assert [source for source, _, _ in broken] == ["services/send/b.yaml", "services/send/c.yaml"]
    assert broken[0][2].startswith("the site answered 404")
    assert broken[1][2].startswith("could not be reached")
