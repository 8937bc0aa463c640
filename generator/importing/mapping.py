"""One service from another directory (in the Open Referral UK 3.0 shape) as a Local Offer record: each field put
where the record keeps it, the inverse of the feed's mapping (generator/opendata/files.py), and a note for every
value that had to be changed, filled in or left out, so the coordinator can finish the record by hand.

A value is left out rather than published wrong: an http:// address, a number that is not a UK phone number, a
postcode that is not a UK postcode, a contact or location the source marks as not public, internal notes."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from html.parser import HTMLParser
from typing import Any

from generator.importing.shapes import safe_text
from generator.importing.sources import Incoming
from generator.inputs.schema import PLAIN_EMAIL
from generator.inputs.settings import Council
from generator.opendata.files import SAME_FIELD
from generator.opendata.languages import language_name
from generator.opendata.vocabularies import TAXONOMIES
from generator.pages.hours import DAY_CODES, hours_line
from generator.records.model import Fields
from generator.records.schemas import inlined_schema
from generator.records.taxonomy import CATEGORIES, NEEDS, PHASES, REFERRAL, REFERRAL_SHORT, SETTING_TYPES

Json = dict[str, Any]
PathParts = tuple[str | int, ...]
_SERVICE = inlined_schema("service.schema.json")["properties"]


def _pattern(*path: str) -> re.Pattern[str]:
    spec: dict[str, Any] = _SERVICE[path[0]]
    for part in path[1:]:
        spec = spec.get("items", spec)["properties"][part]
    return re.compile(spec["pattern"])


PHONE = _pattern("contact", "phone")
SUMMARY_SHORTEST = _SERVICE["summary"].get("minLength", 20)
WEBSITE = _pattern("contact", "website")
POSTCODE = _pattern("locations", "postcode")
FIRST_AGE, LAST_AGE = (
    _SERVICE["age_range"]["properties"]["min"]["minimum"],
    _SERVICE["age_range"]["properties"]["max"]["maximum"],
)


@dataclass
class Note:
    kind: str  # "changed", "filled in", "not imported"
    field: str
    text: str

    def line(self) -> str:
        return f"{self.kind}: {self.field}: {self.text}"


class Source:
    """A service's data, remembering every value read, so what was never read can be reported."""

    def __init__(self, data: Json) -> None:
        self.data = data
        self.read: set[PathParts] = set()

    def get(self, *path: str | int) -> Any:
        value: Any = self.data
        for part in path:
            if isinstance(part, int):
                value = value[part] if isinstance(value, list) and part < len(value) else None
            else:
                value = value.get(part) if isinstance(value, dict) else None
        self.read.add(tuple(path))
        return value

    def each(self, *path: str | int) -> Iterator[tuple[int, Json]]:
        items = self.get(*path)
        self.read.discard(tuple(path))  # reading the list is not reading what is in it
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                yield i, item

    def unread(self) -> Iterator[tuple[PathParts, Any]]:
        """Every value with content that was never read (ids and links between tables are not content)."""

        def walk(value: Any, at: PathParts) -> Iterator[tuple[PathParts, Any]]:
            if any(at[: len(done)] == done for done in self.read):
                return
            if isinstance(value, dict):
                for key, inner in value.items():
                    if key == "id" or key.endswith("_id") or key in ("link_type", "link_entity", "link_id"):
                        continue
                    yield from walk(inner, (*at, key))
            elif isinstance(value, list):
                for i, inner in enumerate(value):
                    yield from walk(inner, (*at, i))
            elif value not in (None, "", [], {}):
                yield at, value

        yield from walk(self.data, ())


def label(path: PathParts) -> str:
    """A source field in words: `service_at_locations › item 2 › location`; Outpost's own columns by their name."""
    parts = path[1:] if path[:1] == ("x_outpost",) else path
    return " › ".join(f"item {p + 1}" if isinstance(p, int) else p for p in parts)


def shorten(value: Any, limit: int = 80) -> str:
    text = " ".join(safe_text(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Text(HTMLParser):
    """Text from HTML, with paragraphs and list items on lines of their own."""

    BLOCKS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "tr"}
    HIDDEN = {"script", "style", "template", "noscript", "iframe", "object", "svg", "math"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # inside <script>, <style>, <template>…: code, not text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self.hidden += 1
        if tag in self.BLOCKS:
            self.parts.append("\n\n" if tag != "li" else "\n\n- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


_TAG = re.compile(r"<\s*/?\s*[A-Za-z!?]")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def markdown_text(value: Any) -> tuple[str, bool]:
    """Text for a Markdown field, and whether it was HTML (then turned into paragraphs and list items). Markdown
    keeps its lines (lists stay lists); spaces at line ends and runs of blank lines go."""
    text = _CONTROL.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n"))
    if _TAG.search(text):
        parser = _Text()
        parser.feed(text)
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", "".join(parser.parts))]
        return "\n\n".join(p for p in paragraphs if p and p != "-"), True
    if re.search(r"&#?\w+;", text):
        text = html.unescape(text)
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip(), False


def plain(value: Any, limit: int) -> str:
    """One line of plain text (what plainText fields hold), at most `limit` characters."""
    text, _ = markdown_text(value)
    return " ".join(text.split())[:limit].strip()


def _term_code(term: Json, choices: dict[str, str]) -> str | None:
    """The code of one of our values a taxonomy term names (by its code, its name or its term)."""
    for key in ("code", "term", "name"):
        value = term.get(key)
        if not isinstance(value, str):
            continue
        wanted = " ".join(value.casefold().split())
        for code, words in choices.items():
            if wanted in (code, words.casefold()):
                return code
    return None


def school_or_setting(data: Json) -> str | None:
    """The type of school or setting (its words) when a service in a feed of ours is a school's or setting's places
    (filed under our taxonomy of setting types: generator/opendata/schools.py): not a service record, but a
    file of its own in schools/."""
    for attribute in data.get("attributes") or []:
        term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
        if isinstance(term, dict) and term.get("taxonomy") == TAXONOMIES["setting-type"].name:
            return SETTING_TYPES.get(str(term.get("code")), "school or setting")
    return None


# Words other directories use for SEND needs, and the area of need (SEND Code of Practice 6.28–6.35) they are in.
NEED_WORDS = {
    "communication-and-interaction": ("autism", "asd", "asc", "speech", "language", "communication", "slcn"),
    "cognition-and-learning": ("learning", "cognitive", "cognition", "dyslexia", "dyspraxia", "dyscalculia"),
    "social-emotional-and-mental-health": ("mental health", "emotional", "anxiety", "adhd", "behaviour", "semh"),
    "sensory-and-physical": ("hearing", "deaf", "visual", "vision", "sight", "blind", "mobility", "physical"),
}


def _need_from_words(name: str) -> str | None:
    text = name.casefold()
    for need, words in NEED_WORDS.items():
        if any(re.search(rf"\b{re.escape(word)}", text) for word in words):
            return need
    return None


_ATTENDING_ACCESS = {"referral": "professional", "drop-in": "none", "appointment": "self", "membership": "self"}
_DAYS_BY_CODE = {code: day for day, code in DAY_CODES.items()}
_TIME = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])(?::[0-5][0-9](?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?$")
_ALERT = re.compile(r"^Temporarily closed(?: until (?P<until>\d{1,2} [A-Z][a-z]+ \d{4}))?\.\s*(?P<reason>.*)$", re.S)
_TERM_PAGE = re.compile(r"^(?P<site>https://[^?#]+/)(?:needs|category)/")


def _feed_sites(data: Json) -> set[str]:
    """The addresses of the Local Offer sites a feed of ours came from: they name themselves in the addresses of
    the pages about their category and needs terms (term_uri)."""
    found = set()
    for attribute in data.get("attributes") or []:
        term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
        page = _TERM_PAGE.match(str(term.get("term_uri") or "")) if isinstance(term, dict) else None
        if page:
            found.add(page["site"])
    return found


def _time(value: Any) -> str | None:
    found = _TIME.match(str(value).strip()) if value is not None else None
    return f"{int(found[1]):02d}:{found[2]}" if found else None


def _phone(value: Any) -> str | None:
    text = str(value).strip().strip("\"'").strip()
    text = re.sub(r"[^\d+() ]", " ", text)
    text = " ".join(text.split())
    return text if PHONE.match(text) else None


def _phone_from_number(value: Any) -> str | None:
    """A UK number a spreadsheet stored as a number, which drops its first 0 (2079261000 → 020 7926 1000)."""
    text = str(value).strip().removesuffix(".0")
    if re.fullmatch(r"[1-9]\d{9}", text) and PHONE.match("0" + text):
        return "0" + text
    return None


def _postcode(value: Any) -> str | None:
    squashed = re.sub(r"\s+", "", str(value)).upper()
    text = f"{squashed[:-3]} {squashed[-3:]}" if len(squashed) > 3 else squashed
    return text if POSTCODE.match(text) else None


def _money(amount: Any) -> str:
    if isinstance(amount, str):  # words, not a number (shapes.typed made every number a number)
        return plain(amount, 120)
    number = float(amount)
    return f"£{number:.0f}" if number.is_integer() else f"£{number:.2f}"


@dataclass
class Context:
    """What a mapping may use besides the service: the council, the day, and the category asked for."""

    council: Council
    today: date
    category: str = "send"
    category_given: bool = False


@dataclass
class Mapped:
    incoming: Incoming
    record: Json
    notes: list[Note] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # kept in the record file as comments: never published
    extra: list[str] = field(default_factory=list)  # paragraphs added at the end of the description
    first: list[str] = field(default_factory=list)  # paragraphs put before the description (an alert)
    internal: list[str] = field(default_factory=list)  # the source's internal notes: in the report only


def _summary_and_description(src: Source, m: Mapped) -> None:
    text, had_html = markdown_text(src.get("description") or "")
    if had_html:
        m.notes.append(Note("changed", "description", "HTML tags removed; check the paragraphs and lists"))
    name = m.record["name"]
    if not text:
        m.record["summary"] = f"{name}, run by {m.record['organisation']}."
        m.record["description"] = m.record["summary"]
        m.notes.append(Note("filled in", "summary and description", "the source has no description; write one"))
        return
    first, _, rest = text.partition("\n\n")
    if rest and 20 <= len(first) <= 300 and "\n" not in first:
        m.record["summary"], m.record["description"] = (
            first,
            rest,
        )  # as our feed writes them (opendata.full_description)
        return
    m.record["description"] = text
    if len(text) < SUMMARY_SHORTEST:
        m.record["summary"] = f"{name}, run by {m.record['organisation']}."
        note = f"the source's description ('{shorten(text)}') is too short for one: say what the service does"
        m.notes.append(Note("filled in", "summary", note))
        return
    if len(text) <= 300 and "\n" not in text:
        m.record["summary"] = text
        return
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    summary = ""
    for sentence in sentences:
        if len(summary) + len(sentence) + 1 > 300:
            break
        summary = f"{summary} {sentence}".strip()
    m.record["summary"] = summary or " ".join(text.split())[:297].rstrip() + "…"
    m.notes.append(Note("filled in", "summary", "made from the start of the description; check it"))


def _ages(src: Source, m: Mapped) -> None:
    ages = {}
    for bound, key, default in (("min", SAME_FIELD["age_min"], FIRST_AGE), ("max", SAME_FIELD["age_max"], LAST_AGE)):
        value = src.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            whole = int(value)
            kept = min(max(whole, FIRST_AGE), LAST_AGE)
            if kept != value:
                m.notes.append(Note("changed", f"age_range › {bound}", f"{value} → {kept} (ages run 0–25)"))
            ages[bound] = kept
        else:
            if value not in (None, ""):
                m.notes.append(Note("not imported", key, f"{shorten(value)} is not a number"))
            ages[bound] = default
            m.notes.append(Note("filled in", f"age_range › {bound}", f"{default} (the source gives no {key})"))
    if ages["min"] > ages["max"]:
        ages["min"], ages["max"] = ages["max"], ages["min"]
        m.notes.append(Note("changed", "age_range", "the youngest and oldest ages were the wrong way round"))
    m.record["age_range"] = ages


def _terms(src: Source, m: Mapped, context: Context) -> None:
    needs: list[str] = []
    phases: list[str] = []
    category = referral = None
    for i, attribute in src.each("attributes"):
        term = attribute.get("taxonomy_term") or {}
        src.get("attributes", i)
        matched = False
        if (code := _term_code(term, CATEGORIES)) and category is None:
            category, matched = code, True
        elif (code := _term_code(term, NEEDS)) or (code := _need_from_words(str(term.get("name", "")))):
            needs.append(code)
            matched = True
        elif code := _term_code(term, PHASES):
            phases.append(code)
            matched = True
        elif (code := _term_code(term, REFERRAL_SHORT)) and referral is None:
            referral, matched = code, True
        if not matched:
            where = f" ({term['taxonomy']})" if term.get("taxonomy") else ""
            name = shorten(str(term.get("name") or "")) or "a term with no name"
            m.notes.append(Note("not imported", "taxonomy term", f"{name}{where}"))
    m.record["category"] = category or context.category
    if category is None and not context.category_given:
        hint = f"{context.category} (the source names no Local Offer category: check it, or import with --category)"
        m.notes.append(Note("filled in", "category", hint))
    m.record["needs"] = list(dict.fromkeys(needs)) or ["all-needs"]
    if not needs:
        m.notes.append(Note("filled in", "needs", "all-needs (the source names no area of need we know: check it)"))
    if phases:
        m.record["phases"] = list(dict.fromkeys(phases))
    access = src.get("attending_access")
    given = src.get("x_referral")  # our own export's field: used only when it is one of the values we know
    if given and given not in REFERRAL:
        m.notes.append(Note("not imported", "x_referral", f"{shorten(str(given))} (not one of {', '.join(REFERRAL)})"))
        given = None
    m.record["referral"] = referral or given or _ATTENDING_ACCESS.get(str(access).lower(), "")
    if not m.record["referral"]:
        m.record["referral"] = "self-or-professional"
        note = "self-or-professional (the source does not say who can ask for it: check it)"
        m.notes.append(Note("filled in", "referral", note))


def _texts(src: Source, m: Mapped) -> None:
    ages = m.record["age_range"]
    for target, key in (("eligibility", SAME_FIELD["eligibility"]), ("how_to_access", SAME_FIELD["how_to_access"])):
        text, had_html = markdown_text(src.get(key) or "")
        if had_html:
            m.notes.append(Note("changed", target, "HTML tags removed; check it"))
        if text:
            m.record[target] = text
    if "eligibility" not in m.record:
        m.record["eligibility"] = f"Children and young people aged {ages['min']} to {ages['max']}."
        m.notes.append(Note("filled in", "eligibility", "made from the ages: say who else can use it"))
    if "how_to_access" not in m.record:
        text = REFERRAL[m.record["referral"]] + "."
        m.record["how_to_access"] = text
        m.notes.append(Note("filled in", "how_to_access", f"'{text}': say how to get the service"))


def _cost(src: Source, m: Mapped) -> None:
    """The fees text first (fees_description, or HSDS 1.1's fees); prices for particular people (an option such as
    'Under 18s and Over 60s') are said with whom they are for, never as the price for everyone."""
    parts = []
    concessions = []
    free = True
    for i, option in src.each("cost_options"):
        src.get("cost_options", i)
        amount, words, who = option.get("amount"), option.get("amount_description"), option.get("option")
        words = plain(words, 120) if words not in (None, "") else ""
        is_free = amount in (0, "0", None) and (not words or words.casefold() == "free")
        free = free and is_free
        if is_free:
            continue
        if amount in (0, "0"):
            text = "free"
        elif "£" in words or amount in (None, ""):
            text = words
        else:
            text = " ".join(x for x in (_money(amount), words) if x)
        if who and plain(who, 120).casefold() not in text.casefold():
            concessions.append(f"{plain(who, 120)}: {text}")
        else:
            parts.append(text)
    fees = plain(src.get("fees_description") or "", 300)
    if not fees or fees.casefold() == "fees_description":  # the ORUK example's placeholder
        fees = plain(src.get("fees") or "", 300)
        fees = "" if fees.casefold() in ("fees_description", "fees") else fees
    main = "; ".join([fees] * bool(fees) + [part for part in parts if part.casefold() not in fees.casefold()])
    if not main and free and src.get("cost_options") and not concessions:
        main = "free"
    if not main:
        main = "Ask the service"
        if not concessions:
            m.notes.append(Note("filled in", "cost", "'Ask the service' (the source says nothing about cost)"))
    cost = "; ".join([main, *concessions])
    if len(cost) > 120:
        m.record["cost"] = main[:120] if len(main) <= 120 else "Ask the service"
        m.extra.append(f"Cost: {cost}")
        note = "the whole text is over 120 characters: it is at the end of the description; shorten it into cost"
        m.notes.append(Note("changed", "cost", note))
    else:
        m.record["cost"] = cost


def _contact(src: Source, m: Mapped) -> None:
    contact: Json = {}
    numbers: list[tuple[PathParts, Any]] = [(("phones", i, "number"), p.get("number")) for i, p in src.each("phones")]
    emails: list[tuple[PathParts, Any]] = [((SAME_FIELD["email"],), src.get(SAME_FIELD["email"]))]
    for i, person in src.each("contacts"):
        numbers += [
            (("contacts", i, "phones", j, "number"), p.get("number")) for j, p in enumerate(person.get("phones") or [])
        ]
        emails.append((("contacts", i, "email"), person.get("email")))
        src.get("contacts", i, "phones")
        src.get("contacts", i, "email")
    for path, value in numbers:
        if value in (None, ""):
            continue
        src.get(*path)
        phone = _phone(value)
        if not phone and (phone := _phone_from_number(value)):
            note = f"{shorten(value)} → {phone}: a spreadsheet stored it as a number and dropped its first 0; check it"
            m.notes.append(Note("changed", "contact › phone", note))
        if phone and "phone" not in contact:
            contact["phone"] = phone
        elif not phone:
            m.notes.append(Note("not imported", label(path), f"{shorten(value)} is not a UK phone number"))
    for path, value in emails:
        if value in (None, ""):
            continue
        text = str(value).strip()
        if PLAIN_EMAIL.match(text) and "email" not in contact:
            contact["email"] = text
        elif not PLAIN_EMAIL.match(text):
            m.notes.append(Note("not imported", label(path), f"{shorten(value)} is not one plain email address"))
    for i, person in src.each("contacts"):
        who = ", ".join(plain(person.get(k) or "", 120) for k in ("name", "title") if person.get(k))
        src.get("contacts", i, "name")
        src.get("contacts", i, "title")
        if who:
            m.comments.append(f"contact in the source: {who}")
    if "phone" not in contact or "email" not in contact:
        _organisation_contact(src, m, contact)
    url = str(src.get(SAME_FIELD["url"]) or "").strip()
    if any(url.startswith(site + "services/") for site in _feed_sites(src.data)):
        pass  # its page on the Local Offer the feed came from (the feed's url when a service has no website)
    elif url and WEBSITE.match(url):
        contact["website"] = url
    elif url:
        m.notes.append(Note("not imported", "url", f"{shorten(url)} (a website must start with https://)"))
    if contact:
        m.record["contact"] = contact
    else:
        m.notes.append(Note("not imported", "contact", "the source has no phone, email or website we can use"))


def _organisation_contact(src: Source, m: Mapped, contact: Json) -> None:
    """The organisation's phone and email, for a service that gives none of its own (HSDS keeps them there)."""
    if "phone" not in contact:
        for i, _ in src.each("organization", "phones"):
            number = src.get("organization", "phones", i, "number")
            found = _phone(number) or _phone_from_number(number)
            if found:
                contact["phone"] = found
                m.notes.append(
                    Note("filled in", "contact › phone", f"{found}: the organisation's number (the service gives none)")
                )
                break
    email = str(src.get("organization", "email") or "").strip()
    if "email" not in contact and email:
        if PLAIN_EMAIL.match(email):
            contact["email"] = email
            m.notes.append(
                Note("filled in", "contact › email", f"{email}: the organisation's (the service gives none)")
            )
        else:
            m.notes.append(
                Note("not imported", "organization › email", f"{shorten(email)} is not one plain email address")
            )


def _locations(src: Source, m: Mapped) -> None:
    found = []
    for i, link in src.each("service_at_locations"):
        loc = link.get("location") or {}
        src.get("service_at_locations", i, "location", "name")
        addresses = loc.get("addresses") or []
        address = addresses[0] if addresses and isinstance(addresses[0], dict) else {}
        src.get("service_at_locations", i, "location", "addresses", 0)
        src.get("service_at_locations", i, "location", "location_type")
        parts: list[str] = []
        for key in ("address_1", "address_2", "address_3", "address_4", "city"):
            value = plain(address.get(key) or "", 200)
            if value and value.casefold() not in ", ".join(parts).casefold():
                parts.append(value)
        postcode = _postcode(address.get("postal_code") or "")
        name = plain(loc.get("name") or (parts[0] if parts else ""), 120)
        where = label(("service_at_locations", i))
        if not postcode or not parts or not name:
            why = f"postcode '{address.get('postal_code')}' is not a UK postcode" if not postcode else "no address"
            m.notes.append(Note("not imported", where, f"{shorten(name or 'a location')}: {why}"))
            src.get("service_at_locations", i)  # the whole location is left out: this note says so
            continue
        place: Json = {"name": name, "address": ", ".join(parts)[:200], "postcode": postcode}
        access = [
            plain(a.get("description") or a.get("accessibility") or "", 300) for a in loc.get("accessibility") or []
        ]
        src.get("service_at_locations", i, "location", "accessibility")
        if any(access):
            place["accessibility"] = "; ".join(a for a in access if a)[:300]
        found.append(place)
    if found:
        m.record["locations"] = found


def _hours(src: Source, m: Mapped) -> None:
    weekly: list[Json] = []
    words: list[str] = []
    for i, schedule in src.each("schedules"):
        src.get("schedules", i)
        days = [_DAYS_BY_CODE.get(code.strip().upper()[-2:]) for code in str(schedule.get("byday") or "").split(",")]
        opens, closes = _time(schedule.get("opens_at")), _time(schedule.get("closes_at"))
        freq = str(schedule.get("freq") or "WEEKLY").upper()
        description = plain(schedule.get("description") or "", 300)
        at = label(("schedules", i))
        if freq == "WEEKLY" and all(days) and days and opens and closes and opens < closes:
            hours: Json = {"days": list(dict.fromkeys(d for d in days if d)), "opens": opens, "closes": closes}
            note = plain(schedule.get("notes") or "", 200)
            if note and len(note) <= 120:
                hours["note"] = note
            elif note:
                m.notes.append(Note("not imported", f"{at} › notes", f"{shorten(note)} (longer than 120 characters)"))
            weekly.append(hours)
            if description and description != hours_line(Fields(hours, _SERVICE["opening_hours"]["items"])):
                words.append(description)
            for key in ("bymonthday", "byweekno", "byyearday", "valid_from", "valid_to", "until", "count"):
                if schedule.get(key) not in (None, ""):
                    m.notes.append(Note("not imported", f"{at} › {key}", shorten(schedule[key])))
        elif description:
            words.append(description)
        elif any(schedule.get(k) for k in ("byday", "opens_at", "closes_at")):
            day = schedule.get("byday") or f"weekday {schedule.get('weekday')}"
            times = f"{day} {schedule.get('opens_at')}–{schedule.get('closes_at')}"
            m.notes.append(Note("not imported", at, f"{shorten(times)} (not a day and a time we can read)"))
    if weekly:
        m.record["opening_hours"] = weekly[:14]
    if words:
        m.record["opening_times"] = "; ".join(dict.fromkeys(words))[:300]


def _languages_and_areas(src: Source, m: Mapped, context: Context) -> None:
    names = []
    for i, language in src.each("languages"):
        src.get("languages", i)
        name = plain(language.get("name") or language_name(str(language.get("code") or "")), 60)
        if name and name.casefold() != "english":
            names.append(name)
    if names:
        m.record["languages"] = list(dict.fromkeys(names))
    areas = []
    for i, area in src.each("service_areas"):
        src.get("service_areas", i)
        name = plain(area.get("name") or area.get("service_area") or "", 200)
        if len(name) > 60:
            m.notes.append(Note("not imported", label(("service_areas", i)), f"{shorten(name)} (over 60 characters)"))
        elif name and name.casefold() != context.council.name.casefold():
            areas.append(name)
    if areas:
        m.record["area"] = list(dict.fromkeys(areas))


def _status(src: Source, m: Mapped, context: Context) -> None:
    status = str(src.get("status") or "active").strip().lower()
    alert = plain(src.get("alert") or "", 400)
    if status in ("inactive", "defunct"):
        m.record["status"] = "closed"
        m.notes.append(Note("changed", "status", f"closed (it is {status} in the source, so it is not published)"))
    elif status == "temporarily closed":
        m.record["status"] = "temporarily-closed"
        found = _ALERT.match(alert)
        reason = (found["reason"] if found else alert).strip()
        if reason:
            m.record["status_reason"] = reason[:200]
        if found and found["until"]:
            try:
                reopens = date.fromisoformat(_iso(found["until"]))
            except ValueError:
                reopens = None
            if reopens and reopens >= context.today:
                m.record["reopens"] = reopens.isoformat()
    elif alert:
        m.first.append(f"Please note: {alert}")
        m.notes.append(
            Note("changed", "alert", "kept as the first paragraph of the description: check it is still true")
        )


def _iso(day_month_year: str) -> str:
    return datetime.strptime(day_month_year, "%d %B %Y").date().isoformat()


EXCEL_DAY_ZERO = date(1899, 12, 30)  # a spreadsheet's day 0: its date serial numbers count days from here


def source_date(value: Any) -> tuple[date | None, str]:
    """A date from the source (2025-03-01, 2025-03-01T10:00:00Z, or a spreadsheet's serial number such as 45717),
    and a note when it was a serial number."""
    text = str(value or "").strip()
    if re.fullmatch(r"\d{5}(\.0+)?", text) and 20000 <= float(text) <= 80000:
        day = date.fromordinal(EXCEL_DAY_ZERO.toordinal() + int(float(text)))
        return day, f"{text} read as {day.isoformat()}: a spreadsheet stored the date as a number; check it"
    try:
        return date.fromisoformat(text[:10]), ""
    except ValueError:
        return None, ""


def _reviewed(src: Source, m: Mapped, context: Context) -> None:
    """The source's own review date (assured_date) when it has one; otherwise the day of the import, with the record
    marked not yet reviewed (validate warns until someone checks it): never a review that did not happen."""
    key = SAME_FIELD["last_reviewed"]
    value = src.get(key)
    day, note = source_date(value)
    if note:
        m.notes.append(Note("changed", "last_reviewed", note))
    if day is not None and day <= context.today:
        m.record["last_reviewed"] = day.isoformat()
        if src.get("x_not_yet_reviewed") is True:  # a feed of ours: the day it was imported, not a review
            m.record["not_yet_reviewed"] = True
        return
    if value not in (None, ""):
        why = "is in the future" if day else "is not a date"
        m.notes.append(Note("not imported", key, f"{shorten(value)} {why}"))
    modified, _ = source_date(src.get("last_modified"))
    m.record["last_reviewed"] = context.today.isoformat()
    m.record["not_yet_reviewed"] = True
    changed = f"; the source last changed it on {modified.isoformat()}" if modified else ""
    note = (
        f"the source gives no review date, so the record is marked not_yet_reviewed{changed}: check it with the service"
    )
    m.notes.append(Note("filled in", "last_reviewed", f"{context.today.isoformat()} (the day of the import): {note}"))


# Outpost's SEND questions (its custom Local Offer fields), each kept as a paragraph of the description under words a
# family understands.
OUTPOST_SEND = {
    "support_description": "How the service supports children and young people with SEND",
    "outcomes": "What difference it makes",
    "parental_involvement": "How parents and carers are involved",
    "environment_accessibility": "How accessible the service is",
    "recent_send_training": "Staff training in SEND",
    "information_sharing": "How information is shared",
    "future_plans": "Plans for the future",
    "recent_send_report": "Latest SEND report",
}


def _outpost(src: Source, m: Mapped) -> None:
    """Outpost's own columns that have a place in our records: its SEND answers (in the description), its links (when
    https://), its notes and labels (internal: the report keeps them, the record does not)."""
    for key, words in OUTPOST_SEND.items():
        text, _ = markdown_text(src.get("x_outpost", key) or "")
        if text:
            m.extra.append(f"**{words}:** {text}")
            m.notes.append(Note("changed", label(("x_outpost", key)), "kept as a paragraph of the description"))
    labels, urls = src.get("x_outpost", "links_label") or [], src.get("x_outpost", "links_url") or []
    for i, url in enumerate(urls if isinstance(urls, list) else []):
        name = plain(labels[i], 60) if isinstance(labels, list) and i < len(labels) else ""
        url = str(url).strip()
        if WEBSITE.match(url) and "](" not in name:
            m.extra.append(f"[{name or url}]({url})")
        else:
            m.notes.append(Note("not imported", "links_url", f"{shorten(url)} (a link must start with https://)"))
    for key in ("notes", "labels"):
        value = src.get("x_outpost", key)
        for text in value if isinstance(value, list) else [value] if value else []:
            m.internal.append(f"{key}: {plain(text, 2000)}")
    if str(src.get("x_outpost", "is_local_offer") or "").strip().lower() in ("false", "no", "0"):
        m.notes.append(Note("changed", "is_local_offer", "FALSE in Outpost: check it belongs in the Local Offer"))


def _ours(src: Source, m: Mapped) -> None:
    """What our own feed carries for a round trip (opendata/files.py): keywords and works_in."""
    for key in ("keywords", "works_in"):
        value = src.get(f"x_{key}")
        if isinstance(value, list) and value:
            m.record[key] = list(dict.fromkeys(plain(v, 40) for v in value if isinstance(v, str) and plain(v, 40)))
            if not m.record[key]:
                del m.record[key]


def to_record(incoming: Incoming, record_id: str, context: Context) -> Mapped:
    """The record for one incoming service (its id chosen by the caller), with notes on everything not carried
    over as it was."""
    src = Source(incoming.data)
    m = Mapped(incoming, {"id": record_id, "name": plain(src.get(SAME_FIELD["name"]), 120)})
    m.notes += [Note("not imported", where, why) for where, why in incoming.dropped]
    organisation = plain(src.get("organization", "name") or "", 120)
    if not organisation:
        organisation = context.council.name
        m.notes.append(Note("filled in", "organisation", f"{organisation} (the source does not say who runs it)"))
    m.record["organisation"] = organisation
    src.get("organization_id")
    _terms(src, m, context)
    _summary_and_description(src, m)
    _ages(src, m)
    _texts(src, m)
    _cost(src, m)
    _contact(src, m)
    _locations(src, m)
    _hours(src, m)
    _languages_and_areas(src, m, context)
    _status(src, m, context)
    _outpost(src, m)
    _ours(src, m)
    src.get("x_local_offer_id")  # the id: chosen by the caller (write.plan)
    if m.first or m.extra:
        m.record["description"] = "\n\n".join([*m.first, m.record["description"], *m.extra])
    m.record["source_id"] = incoming.source_id[:100]
    _reviewed(src, m, context)
    for path, value in src.unread():
        m.notes.append(Note("not imported", label(path), shorten(value)))
    order = list(_SERVICE)
    m.record = {key: m.record[key] for key in sorted(m.record, key=order.index)}
    return m
