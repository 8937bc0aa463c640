"""The accessibility statement, generated from the council's facts (content/accessibility.yaml) and the record of the
last complete audit of the built site (content/accessibility-audit.yaml, written by `local-offer audit --record`).

Both are files in the project, so the same checkout always makes the same statement, on any machine and in CI. The
statement gives a test date only when the record has a passing audit, names a check by hand only when the facts
record one, and lists failures by WCAG success criterion; nothing is said about a value that is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.inputs.accessibility import COMPLIANCE, CRITERIA, Statement
from generator.inputs.settings import Council
from generator.pages.render import page, render_template


@dataclass(frozen=True)
class Claim:
    """Something the statement tells families they can do, and the audit checks that measured it: said only when
    the last passing audit recorded every one of them (`data-lo-evidence` on the page names them)."""

    text: str
    checks: tuple[str, ...]


CLAIMS = (
    Claim(
        'change the text size, the font and the colours with the "Text size and colours" settings at the top of every '
        "page, and reach a contrast of at least 7 to 1",
        ("display-settings",),
    ),
    Claim(
        "use the website on a small phone screen, or zoomed in to 400%, with every text size and font and with "
        "wider text spacing, without scrolling sideways",
        ("display-settings", "disclosures", "text-spacing"),
    ),
    Claim(
        "move around every page, and open and close its menus, settings and folded sections, using just a keyboard, "
        "always seeing where you are",
        ("keyboard", "disclosures", "focus-after-actions"),
    ),
    Claim(
        "hear every link, button and form field announced by its name and role by a screen reader, and hear what "
        "changes when you show more results or remove a service from your shortlist",
        ("accessibility-tree", "axe", "focus-after-actions"),
    ),
    Claim(
        "say the words you can see on a link or button to use it with speech recognition software (each one's "
        "spoken name includes them)",
        ("accessibility-tree",),
    ),
    Claim("see where you are with a Windows contrast theme (forced colours)", ("forced-colours",)),
    Claim(
        "use the website without it asking other websites for anything (no fonts, scripts or tracking from "
        "elsewhere) and without cookies; what you search for stays in your browser",
        ("own-site-only",),
    ),
)


def recorded_checks(last_pass: dict[str, Any] | None) -> set[str]:
    """The checks a passing audit recorded by name (an older record lists titles only, which trace nothing)."""
    checks = (last_pass or {}).get("checks", [])
    return {c["id"] for c in checks if isinstance(c, dict)}


def measured_claims(last_pass: dict[str, Any] | None, failures: list[dict[str, Any]] | None = None) -> list[Claim]:
    """The claims whose every check the last pass recorded, less those a check has failed since (the latest
    complete audit's failures)."""
    ran = recorded_checks(last_pass)
    failing = {item.get("check") for item in failures or []}
    return [claim for claim in CLAIMS if set(claim.checks) <= ran and not failing & set(claim.checks)]


# A link to a PDF in a page's Markdown or HTML: an inline link (with or without a title), a reference definition,
# an autolink or an href.
_PDF_LINK = re.compile(
    r"""(?:href=["']|\]\(\s*<?|^[ ]{0,3}\[[^\]\n]+\]:\s*<?|<)[^"'()<>\s]+?\.pdf(?=[?#"'()<>\s]|$)""",
    re.IGNORECASE | re.MULTILINE,
)


def pages_linking_documents(pages: dict[str, str]) -> list[str]:
    """The pages (by file) that link to a PDF document: the statement says such documents are not checked."""
    return sorted(rel for rel, text in pages.items() if rel.endswith((".md", ".html")) and _PDF_LINK.search(text))


def statement_page(statement: Statement, council: Council, documents: list[str]) -> str:
    """The statement; `documents`: the pages that link to PDF documents (the statement says so, and only then)."""
    facts, audit = statement.facts, statement.audit
    issues = facts.get("known_issues", [])
    failures = (audit.get("failures") or {}).get("items", [])
    last_pass = audit.get("last_pass")
    manual = sorted(facts.get("manual_checks", []), key=lambda c: c["date"], reverse=True)
    html = render_template(
        "accessibility.md.j2",
        "accessibility.md",
        facts=facts,
        council=council,
        compliance=COMPLIANCE[facts["compliance"]],
        criteria=CRITERIA,
        wcag_issues=[i for i in issues if i.get("criterion")],
        other_issues=[i for i in issues if not i.get("criterion")],
        wcag_failures=sorted((f for f in failures if f.get("criterion")), key=lambda f: _order(f["criterion"])),
        other_failures=[f for f in failures if not f.get("criterion")],
        failures_found=date.fromisoformat(audit["failures"]["date"]) if failures else None,
        last_pass=last_pass,
        claims=measured_claims(last_pass, failures),
        last_checks=[c if isinstance(c, str) else c["title"] for c in (last_pass or {}).get("checks", [])],
        documents=len(documents),
        passed_on=date.fromisoformat(last_pass["date"]) if last_pass else None,
        manual=manual[0] if manual else None,
        manual_on=date.fromisoformat(manual[0]["date"]) if manual else None,
        prepared=date.fromisoformat(facts["prepared"]),
        reviewed=date.fromisoformat(facts["last_reviewed"]),
    )
    return page(
        {"title": "Accessibility statement", "description": f"How accessible the {council.site_name} is."}, html
    )


def _order(criterion: str) -> tuple[int, ...]:
    return tuple(int(part) for part in criterion.split("."))
