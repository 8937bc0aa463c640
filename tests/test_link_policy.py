"""Links mean what they show (issue 26): one link policy (generator/inputs/links.py) for every Markdown field of
every record kind and for hand-written pages, as strict as contact.website; the open data gets plain text only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES, make_project, write_record
from hypothesis import given
from hypothesis import strategies as st

from generator.commands.cli import main
from generator.inputs.links import Link, link_problem, markdown_links
from generator.inputs.settings import load_settings, today
from generator.opendata.plaintext import plain_text
from generator.pipeline import generate

AUTISM = (FIXTURES / "services" / "send" / "autism-advice.yaml").read_text(encoding="utf-8")

# Each link a family could be misled by, and words its message must hold (what is wrong, and what to write).
MISLEADING = {
    "a phone number that dials another": ("[020 7926 1000](tel:+449098790000)", ["020 7926 1000", "tel:+442079261000"]),
    "a number in words that dials another": ("[Call us on 020 7926 1000](tel:+449098790000)", ["tel:+442079261000"]),
    "full-width digits that dial another": ("[０２０ ７９２６ １０００](tel:+449098790000)", ["tel:+442079261000"]),
    "Arabic-Indic digits that dial another": ("[٠٢٠ ٧٩٢٦ ١٠٠٠](tel:+449098790000)", ["tel:+442079261000"]),
    "a phone number that goes to a website": ("[020 7926 1000](https://forms.example/)", ["tel:+442079261000"]),
    "a web address that goes to another host": ("[www.lambeth.gov.uk](https://evil.example/)", ["evil.example"]),
    "a web address in words": ("[Visit lambeth.gov.uk.](https://evil.example/)", ["lambeth.gov.uk", "evil.example"]),
    "a web address that goes to another page": (
        "[www.example.gov.uk/send](https://www.example.gov.uk/fees)",
        ["another page"],
    ),
    "a lookalike host in the words": ("[www.lаmbeth.gov.uk](https://www.lambeth.gov.uk/)", ["another site"]),
    "a web address that sends an email": ("[www.lambeth.gov.uk](mailto:forms@evil.example)", ["https://"]),
    "an email address that goes to another": (
        "[send@lambeth.gov.uk](mailto:send@evil.example)",
        ["mailto:send@lambeth.gov.uk"],
    ),
    "an email address that goes to a website": ("[send@lambeth.gov.uk](https://evil.example/)", ["mailto:"]),
    "credentials before the host": ("[our form](https://www.lambeth.gov.uk@send-forms.example/)", ["send-forms"]),
    "a user and password": ("[our form](https://user:secret@forms.example/)", ["before the site's name"]),
    "a Cyrillic lookalike host": ("[our site](https://www.lаmbeth.gov.uk/)", ["cyrillic small letter a"]),
    "a Greek lookalike host": ("[our site](https://www.lοcal.gov.uk/)", ["greek small letter omicron"]),
    "a mixed-script host in punycode": ("[our site](https://xn--lmbeth-2nf.gov.uk/)", ["Cyrillic, Latin"]),
    "an invalid punycode host": ("[our site](https://xn--zz.gov.uk/)", ["xn--"]),
    "a reference definition with credentials": (
        "Read [our form][f].\n\n  [f]: https://www.lambeth.gov.uk@evil.example/",
        ["before the site's name"],
    ),
    "a reference definition's hidden title": (
        'It is [free][f].\n\n  [f]: https://www.example.org/ "Sessions cost £500 each"',
        ["hidden title", "Sessions cost £500"],
    ),
    "an inline link's hidden title": ('It is [free](https://www.example.org/ "£500 a term").', ["hidden title"]),
    "a tel: link that is not a number": ("[Call us](tel:0800-CALL-NOW)", ["tel:"]),
}

FAITHFUL = [
    "[020 7926 1000](tel:+442079261000)",
    "[+44 (0)20 7926 1000](tel:02079261000)",
    "[Call us on 020 7926 1000](tel:+442079261000)",
    "[Call us](tel:+442079261000)",
    "[Childline on 0800 1111](https://www.childline.org.uk/)",
    "[www.lambeth.gov.uk](https://lambeth.gov.uk/send)",
    "[lambeth.gov.uk/send](https://www.lambeth.gov.uk/send/)",
    "[LOCALOFFER@example.gov.uk](mailto:localoffer@example.gov.uk)",
    "[the 2025-2026 report (report.pdf)](https://www.example.gov.uk/report.pdf)",
    "[version 1.5 of the form](https://www.example.gov.uk/form)",
    "[St.Mary's open day](https://www.example.gov.uk/open-day)",
    "[our page][p]\n\n  [p]: https://www.example.gov.uk/page",
]


def _run(root: Path, *args: str) -> int:
    return main(["--config", str(root / "mkdocs.yml"), *args])


def _service(root: Path, field: str, markdown: str) -> Path:
    """The autism fixture as the record `hostile`, with `field` (a block of Markdown) replaced."""
    lines, out, skipping = AUTISM.replace("id: autism-advice", "id: hostile").splitlines(), [], False
    for line in lines:
        if skipping and (line.startswith("  ") or not line):
            continue
        skipping = line.startswith(f"{field}:")
        out.append(f"{field}: |" if skipping else line)
        if skipping:
            out.extend("  " + row if row else "" for row in markdown.splitlines())
    return write_record(root, "send", "hostile", "\n".join(out) + "\n")


def _line_of(path: Path, key: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(key))


@pytest.mark.parametrize(("markdown", "words"), MISLEADING.values(), ids=MISLEADING.keys())
def test_a_misleading_link_in_a_record_is_refused_on_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], markdown: str, words: list[str]
) -> None:
    root = make_project(tmp_path / "p")
    record = _service(root, "description", f"Read this.\n\n{markdown}")
    assert _run(root, "validate") == 1
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if "hostile.yaml" in line and "warning:" not in line]
    assert len(errors) == 1, err
    assert errors[0].startswith(f"services/send/hostile.yaml:{_line_of(record, 'description:')}:"), errors[0]
    assert " description: has a link (" in errors[0]
    for word in words:
        assert word in errors[0], (word, errors[0])
    assert "Traceback" not in err and not (root / "site").exists()


@pytest.mark.parametrize("markdown", FAITHFUL)
def test_a_link_that_shows_where_it_goes_is_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], markdown: str
) -> None:
    root = make_project(tmp_path / "p")
    _service(root, "description", f"Read this.\n\n{markdown}")
    assert _run(root, "validate") == 0, capsys.readouterr().err


GUIDE_STEP = "    body: Ask the school."
FEEDBACK = "    we_did: We wrote"


@pytest.mark.parametrize("where", ["eligibility", "how_to_access", "guide", "feedback", "glossary", "setting"])
def test_every_markdown_field_of_every_kind_has_the_one_policy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    root = make_project(tmp_path / "p")
    link = "[020 7926 1000](tel:+449098790000)"
    if where in ("eligibility", "how_to_access"):
        _service(root, where, f"Ask us: {link}")
        wanted = "services/send/hostile.yaml"
    else:
        folder = {
            "guide": root / "content" / "transitions",
            "feedback": root / "content" / "you-said-we-did",
            "glossary": root / "content",
            "setting": root / "schools",
        }[where]
        files = sorted(folder.glob("**/*.yaml")) if where != "glossary" else [folder / "glossary.yaml"]
        path = next(p for p in files if _inject(p, where, link))
        wanted = path.relative_to(root).as_posix()
    assert _run(root, "validate") == 1
    err = capsys.readouterr().err
    assert any(line.startswith(wanted + ":") and "tel:+442079261000" in line for line in err.splitlines()), err


def _inject(path: Path, where: str, link: str) -> bool:
    """Put `link` into the first Markdown field of the file, if it has one it can be added to."""
    text = path.read_text(encoding="utf-8")
    if where == "glossary":  # a term's optional `more`, after its explanation
        first = text.index("\n  explanation:") + 1
        end = text.index("\n", first)
        path.write_text(f"{text[:end]}\n  more: 'See {link}'{text[end:]}", encoding="utf-8")
        return True
    keys = {
        "guide": ("body: ",),
        "feedback": ("we_did: ",),
        "setting": ("how_to_apply: ", "description: "),
    }[where]
    lines = text.splitlines()
    for i, line in enumerate(lines):
        for key in keys:
            stripped = line.strip()
            if stripped.startswith(key) and not stripped.endswith(("|", ">")) and stripped[len(key) :].strip():
                value = stripped[len(key) :].strip().strip("'\"").replace("'", "''")
                indent = line[: len(line) - len(line.lstrip())]
                lines[i] = f"{indent}{key}'{value} {link}'"
                path.write_text("\n".join(lines) + "\n", encoding="utf-8")
                return True
    return False


# A hand-written page's link may have a title: the browser shows it.
ON_PAGES = {case: found for case, found in MISLEADING.items() if "title" not in case}


@pytest.mark.parametrize(("markdown", "words"), ON_PAGES.values(), ids=ON_PAGES.keys())
def test_a_misleading_link_on_a_hand_written_page_is_refused_on_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], markdown: str, words: list[str]
) -> None:
    root = make_project(tmp_path / "p")
    body = markdown.replace("\n\n  [", "\n\n[")
    (root / "content" / "help.md").write_text(f"# Help\n\nSome words.\n\n{body}\n", encoding="utf-8")
    assert _run(root, "validate") == 1
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("content/help.md:")]
    assert len(errors) == 1, err
    assert errors[0].startswith(("content/help.md:5:", "content/help.md:7:")), errors[0]
    assert "has a link (" in errors[0] and "A link must go where its words say" in errors[0]
    for word in words:
        assert word in errors[0], (word, errors[0])


def test_a_hand_written_page_may_link_its_own_pages_and_faithful_addresses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path / "p")
    links = "\n\n".join([*(m.replace("\n\n  [", "\n\n[") for m in FAITHFUL), "[the A to Z](services/index.md)"])
    (root / "content" / "help.md").write_text(f"# Help\n\n{links}\n", encoding="utf-8")
    assert _run(root, "validate") == 0, capsys.readouterr().err


def test_the_open_referral_feed_gets_plain_text_only(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    _service(
        root,
        "description",
        "Sessions are **free** and _friendly_.\n\n- One\n- Two\n\nSee [our prices][p] or"
        " [www.example.gov.uk](https://www.example.gov.uk/).\n\n  [p]: https://www.example.gov.uk/prices",
    )
    _service_field = root / "services" / "send" / "hostile.yaml"
    text = _service_field.read_text(encoding="utf-8")
    _service_field.write_text(
        text.replace("how_to_access: |", "how_to_access: |\n  Call [the team](tel:+442070000001).\n", 1),
        encoding="utf-8",
    )
    result = generate(load_settings(root / "mkdocs.yml"), today())
    assert result.ok, [p.text() for p in result.problems]
    services = [
        json.loads(body)
        for path, body in result.files.items()
        if path.startswith("openreferral/services/") and b"Sessions are" in body
    ]
    assert services, "the service is in the feed"
    service = services[0]
    assert service["description"].endswith(
        "Sessions are free and friendly.\n\n- One\n- Two\n\n"
        "See our prices (https://www.example.gov.uk/prices) or www.example.gov.uk."
    )
    assert service["application_process"].startswith("Call the team (+442070000001).")
    for field in ("description", "application_process", "eligibility_description"):
        assert not any(mark in service[field] for mark in ("**", "](", "]:", "[p]", "_friendly_")), service[field]


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("https://xn--lmbeth-2nf.gov.uk/", "Cyrillic, Latin"),
        ("https://www.lambeth.gov.uk@evil.example/", "https://"),
        ("https://www.lаmbeth.gov.uk/", "https://"),
    ],
)
def test_a_record_web_address_has_the_same_policy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], address: str, words: str
) -> None:
    root = make_project(tmp_path / "p")
    record = _service(root, "description", "Read this.")
    record.write_text(
        record.read_text(encoding="utf-8").replace("website: https://www.example.gov.uk/autism", f"website: {address}"),
        encoding="utf-8",
    )
    assert _run(root, "validate") == 1
    err = capsys.readouterr().err
    line = _line_of(record, "  website:")
    assert f"services/send/hostile.yaml:{line}:" in err and "contact › website:" in err and words in err, err


@pytest.mark.parametrize("key", ["edit_url", "api_url"])
def test_a_settings_address_may_not_carry_a_name_before_its_host(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str
) -> None:
    root = make_project(tmp_path / "p")
    settings = root / "mkdocs.yml"
    text = settings.read_text(encoding="utf-8")
    hostile = "https://github.com@evil.example/council/edit/main/"
    if f"    {key}:" in text:
        text = "\n".join(
            f"    {key}: {hostile}" if line.startswith(f"    {key}:") else line for line in text.splitlines()
        )
    else:
        text = text.replace("\n  open_referral:\n", f"\n  open_referral:\n    {key}: {hostile}\n", 1)
        assert f"    {key}: {hostile}" in text, "the fixture settings have an open_referral section"
    settings.write_text(text + "\n", encoding="utf-8")
    assert _run(root, "validate") == 1
    err = capsys.readouterr().err
    assert "mkdocs.yml:" in err and key in err and "before the site's name" in err, err


_LINKISH = st.sampled_from(["https://", "mailto:", "tel:", "@", ".", ":", "/", "xn--", "www.", "0", "+44", "[", "]"])
_TEXT = st.lists(st.one_of(_LINKISH, st.text(max_size=8)), max_size=12).map("".join)


@given(text=_TEXT, href=_TEXT)
def test_the_policy_judges_any_link_without_failing(text: str, href: str) -> None:
    problem = link_problem(Link(text, href))
    assert problem is None or problem.startswith("has a link (")


@given(markdown=_TEXT)
def test_any_markdown_has_links_and_a_plain_text(markdown: str) -> None:
    for link in markdown_links(markdown):
        link_problem(link)
    assert "](" not in plain_text(markdown) or "](" in markdown
