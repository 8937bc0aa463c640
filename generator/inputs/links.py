"""One link policy for every link a family can follow: the Markdown fields of records and hand-written pages alike.

A link must go where it says. Its address is held to the rule of `contact.website` (a full https:// address of
plain a-z letters, no user name or password before an '@'), a mailto: link is one plain email address, and a tel:
link a number. Link text that shows a web address, an email address or a phone number must show the link's own:
`[020 7926 1000](tel:+449098790000)` and `[www.council.gov.uk](https://other.example)` are refused. Each problem
says what is wrong and what to write instead."""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown

# The rule of contact.website (schema/service.schema.json), the one every web address in a record is held to.
WEBSITE = re.compile(r"^https://[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(:[0-9]+)?([/?#][^\s<>\"'`]*)?$")
EMAIL = re.compile(
    r"^[A-Za-z0-9._+'-]+@[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
_TEL = re.compile(r"^\+?[0-9][0-9 ()./-]*$")

# What link text shows. Written for linear time (each match starts where no earlier one could cover it).
_EMAIL_IN_TEXT = re.compile(r"(?<![\w.+'-])[\w.+'-]++@[\w-]++(?:\.[\w-]++)++")
_WEB_IN_TEXT = re.compile(
    r"(?<![\w@./:-])(?:https?://)?([\w-]++(?:\.[\w-]++)++)(?![\w@-])(?::(\d++))?(/[^\s]*+)?", re.IGNORECASE
)
# Site name endings besides the two-letter ones of countries (.uk, .eu, .рф): those a family is likely to meet. Text
# with https:// in it is a web address whatever its ending.
_ENDINGS = frozenset(
    {"com", "org", "net", "gov", "edu", "int", "mil", "info", "biz", "nhs", "sch", "app", "dev", "online", "site"}
    | {"website", "london", "scot", "wales", "cymru", "charity", "ngo", "foundation", "help", "care", "health"}
    | {"services", "support", "community", "school", "education", "email", "link", "click", "page", "web"}
)
# A file's name in link text ("the form (form.docx)") is not a site's name.
_FILE_ENDINGS = frozenset(
    {"pdf", "doc", "docx", "xls", "xlsx", "csv", "odt", "ods", "odp", "rtf", "txt", "ppt", "pptx", "epub"}
    | {"jpg", "jpeg", "png", "gif", "svg", "webp", "zip", "html", "htm", "md", "json", "xml", "mp3", "mp4"}
)
_PHONE_IN_TEXT = re.compile(r"(?<![\d+])(?:\+|0)(?:[\s().-]{0,3}\d){5,}")
_WHOLE_PHONE = re.compile(r"^\s*(?:\+|0)[\d\s().-]+$")


@dataclass(frozen=True)
class Link:
    """One link as a reader meets it: the words shown, where it goes, and its title (hidden text)."""

    text: str
    href: str
    title: str = ""


def _digits(text: str) -> str:
    """Text with the digits of every script as 0-9 (full-width ０, Arabic-Indic ٠...), so a number is one number."""
    return "".join(
        str(unicodedata.decimal(c)) if not c.isascii() and unicodedata.decimal(c, None) is not None else c for c in text
    )


def _scripts(text: str) -> set[str]:
    """The scripts of the letters in `text` (LATIN, CYRILLIC, GREEK...), by their Unicode names."""
    return {unicodedata.name(c, "?").split(" ")[0] for c in text if c.isalpha()}


def _host_of(address: str) -> tuple[str, str]:
    """(the authority, what follows it) of an address after its scheme's '//'; a backslash ends it as in browsers."""
    rest = address.split("//", 1)[1] if "//" in address else ""
    end = min((i for i in (rest.find(c) for c in "/?#\\") if i >= 0), default=len(rest))
    return rest[:end], rest[end:]


def _unicode_host(host: str) -> str | None:
    """The host as it would be read (xn-- labels decoded), or None when an xn-- label is not a valid one."""
    labels = []
    for label in host.split("."):
        if label.lower().startswith("xn--"):
            try:
                label = label.encode("ascii").decode("idna")
            except UnicodeError:
                return None
        labels.append(label)
    return ".".join(labels)


def _lookalike(host: str) -> str | None:
    """Why a host could pass for another, or None: letters from more than one script (Latin a with Cyrillic а)."""
    shown = _unicode_host(host)
    if shown is None:
        return f"its site name '{host}' has an xn-- part that is not a valid international name"
    scripts = _scripts(shown)
    if len(scripts) > 1:
        return (
            f"its site name '{host}' is read as '{shown}': it mixes letters of different alphabets"
            f" ({', '.join(sorted(s.title() for s in scripts))}), so it can pass for another site"
        )
    return None


def web_address_problem(href: str) -> str | None:
    """Why an https:// address breaks the rule of contact.website, or None. Said for a coordinator, with what to
    write instead."""
    authority, _ = _host_of(href)
    if "@" in authority:
        before, host = authority.rsplit("@", 1)
        return (
            f"goes to '{href[:80]}', which has '{before}@' before the site's name: it looks like {before} but goes"
            f" to {host or 'another site'}. Write the address of the site you mean, with nothing before its name"
            f" and no '@' in that part (https://{host or 'site.example'}/...)"
        )
    host = authority.rsplit(":", 1)[0] if authority.count(":") == 1 else authority
    odd = sorted({c for c in host if not c.isascii()})
    if odd:
        names = ", ".join(f"'{c}' ({unicodedata.name(c, 'unknown').lower()})" for c in odd[:3])
        return (
            f"goes to '{href[:80]}', whose site name has letters that are not plain a-z: {names}. They can make one"
            " site look like another. Type the address again with plain letters, copying it from the browser's"
            " address bar"
        )
    if not WEBSITE.match(href):
        return (
            f"goes to '{href[:80]}', which is not a full web address; write one like"
            " https://www.example.org.uk/page, with no spaces, quotes or < >"
        )
    why = _lookalike(host)
    return f"goes to '{href[:80]}': {why}. Check the address and type it again" if why else None


def national_number(number: str) -> str:
    """A phone number's digits as dialled in the UK: +44 (0)20 and 0044 20 are 020."""
    number = _digits(number).replace("(0)", "")
    digits = re.sub(r"\D", "", number)
    international = number.strip().startswith("+") or digits.startswith("00")
    digits = digits[2:] if digits.startswith("00") else digits
    if international and digits.startswith("44"):
        return "0" + digits[2:].removeprefix("0")
    return ("+" if international else "") + digits


def _dialled(number: str) -> str:
    """A number as the site writes tel: links (+44 for a UK number)."""
    national = national_number(number)
    return "+44" + national[1:] if national.startswith("0") else national


def _same_site(shown: str, host: str) -> bool:
    """Whether a site name in link text is the link's own (letter case and a leading www. aside)."""
    read = _unicode_host(host) or host

    def bare(name: str) -> str:
        return name.casefold().rstrip(".").removeprefix("www.")

    return bare(shown) in (bare(host), bare(read))


def target_problem(href: str) -> str | None:
    """Why a link's address is refused (https:, mailto: and tel: links; relative addresses are the page's own
    business), or None."""
    lowered = href.lower()
    if lowered.startswith("https:"):
        return web_address_problem(href)
    if lowered.startswith("mailto:"):
        address = href[len("mailto:") :]
        if not EMAIL.match(address):
            return (
                f"goes to '{href[:80]}'; a mailto: link must be one plain email address"
                " (no ?, &, #, %, spaces or second @), for example mailto:localoffer@example.gov.uk"
            )
        why = _lookalike(address.rsplit("@", 1)[1])
        return f"goes to '{href[:80]}': {why}" if why else None
    if lowered.startswith("tel:"):
        number = href[len("tel:") :]
        if not _TEL.match(number) or not 3 <= len(re.sub(r"\D", "", number)) <= 15:
            return f"goes to '{href[:80]}'; a tel: link must be a phone number, for example tel:+442079261000"
    return None


def text_problem(text: str, href: str) -> str | None:
    """Why a link's words show something other than where it goes, or None."""
    shown = " ".join(_digits(text).split())
    lowered = href.lower()
    emails = [m.group(0) for m in _EMAIL_IN_TEXT.finditer(shown)]
    for email in emails:
        if not (lowered.startswith("mailto:") and href[len("mailto:") :].casefold() == email.casefold()):
            return (
                f"shows the email address '{email}' but goes to '{href[:80]}'. Make the link mailto:{email},"
                " or change its words so they say where it goes"
            )
    without_emails = _EMAIL_IN_TEXT.sub(" ", shown)
    for found in _WEB_IN_TEXT.finditer(without_emails):
        ending = found.group(1).rsplit(".", 1)[1]
        if not (ending.isalpha() and (len(ending) == 2 or ending.casefold() in _ENDINGS or "//" in found.group(0))):
            continue  # "1.5", "v2.0", "St.Mary": not a site's name
        if ending.lower() in _FILE_ENDINGS and not found.group(0).lower().startswith("http"):
            continue
        problem = _web_text_problem(found, href)
        if problem:
            return problem
    if lowered.startswith("tel:"):
        wanted = national_number(href[len("tel:") :])
        for number in _PHONE_IN_TEXT.findall(shown):
            if len(re.sub(r"\D", "", number)) >= 6 and national_number(number) != wanted:
                return (
                    f"shows the phone number '{number.strip()}' but dials {href[len('tel:') :]}. Make the link"
                    f" tel:{_dialled(number)} (the number it shows), or change its words"
                )
    elif _WHOLE_PHONE.match(shown) and len(re.sub(r"\D", "", shown)) >= 6:
        return (
            f"shows the phone number '{shown}' but goes to '{href[:80]}'. Make the link tel:{_dialled(shown)}"
            " (the number it shows), or change its words so they say where it goes"
        )
    return None


def _web_text_problem(found: re.Match[str], href: str) -> str | None:
    shown_host, shown_port, shown_path = found.group(1), found.group(2), (found.group(3) or "").rstrip(".,;:!?)'\"")
    shown = found.group(0).rstrip(".,;:!?)'\"")
    if not href.lower().startswith("https://"):
        return (
            f"shows the web address '{shown}' but goes to '{href[:80]}'. Link to the address it shows"
            f" (https://{shown_host}{shown_path}), or change its words so they say where it goes"
        )
    authority, after = _host_of(href)
    host, _, port = authority.partition(":")
    if not _same_site(shown_host, host) or (shown_port or "") != (port if shown_port else ""):
        return (
            f"shows the web address '{shown}' but goes to another site, {host}. Link to the address it shows"
            f" (https://{shown_host}{shown_path}), or show the address it goes to"
        )
    path = after.split("#", 1)[0]
    if shown_path.rstrip("/.") and shown_path.rstrip("/.").casefold() != path.rstrip("/").casefold():
        return (
            f"shows the web address '{shown}' but goes to another page, '{href[:80]}'. Show the address it goes to,"
            " or link to the page it shows"
        )
    return None


def link_problem(link: Link, titles: bool = False) -> str | None:
    """Why one link is refused, as a sentence about the field or page it is in, or None. A record's link may have
    no title (`titles=False`): the site never shows one, so its words would be published as data no one sees."""
    if link.title and not titles:
        return (
            f"has a link ('{link.text[:40]}') with a hidden title (\"{link.title[:60]}\"), which the site never"
            " shows; put those words in the text, where everyone can read them, and leave the title out"
        )
    problem = target_problem(link.href) or text_problem(link.text, link.href)
    return f"has a link ('{link.text[:40]}') that {problem}" if problem else None


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self._open: tuple[str, str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            found = dict(attrs)
            self._open = (found.get("href") or "", found.get("title") or "", [])
        elif tag == "img" and self._open:
            self._open[2].append(dict(attrs).get("alt") or "")

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open:
            href, title, text = self._open
            self.links.append(Link(" ".join("".join(text).split()), href, title))
            self._open = None


_local = threading.local()


def html_links(html: str) -> list[Link]:
    """Every link in a piece of HTML, with the words it shows."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    return parser.links


def markdown_links(text: str) -> list[Link]:
    """Every link in a record's Markdown, read as the site reads it (Python-Markdown, no extensions)."""
    if "[" not in text:
        return []
    converter = getattr(_local, "markdown", None)
    if converter is None:
        converter = _local.markdown = markdown.Markdown(extensions=[], output_format="html")
    return html_links(converter.reset().convert(text))
