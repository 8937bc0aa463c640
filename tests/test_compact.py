"""Pages lose the theme's indentation, never a word, a space between words, or whitespace that matters."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from generator.publish.compact import compact_html


def test_line_break_runs_become_one_line_break_and_protected_elements_are_untouched() -> None:
    html = (
        "<nav>\n      <a>One</a>\n\n      <a>Two</a>  words  stay\n</nav>"
        "<pre>  keep\n    this\n</pre><textarea>\n  as typed\n</textarea>"
        "<script>\n  if (a >\n    b) {}\n</script><style>\n  p {}\n</style>"
    )
    assert compact_html(html) == (
        "<nav>\n<a>One</a>\n<a>Two</a>  words  stay\n</nav>"
        "<pre>  keep\n    this\n</pre><textarea>\n  as typed\n</textarea>"
        "<script>\n  if (a >\n    b) {}\n</script><style>\n  p {}\n</style>"
    )


def test_built_pages_carry_no_indentation_and_read_the_same(fixture_site: Path) -> None:
    page = fixture_site / "services" / "autism-advice" / "index.html"
    html = page.read_text(encoding="utf-8")
    outside_kept = re.sub(r"<(pre|textarea|script|style)\b.*?</\1>", "", html, flags=re.DOTALL)
    assert not re.search(r"\n[ \t]", outside_kept), "a line still starts with indentation"
    text = BeautifulSoup(html, "html.parser").select_one("#main-content").get_text(" ")
    assert "Autism Advisory Team" in " ".join(text.split())
