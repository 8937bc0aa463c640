"""Reading the national register of schools: the `edubasealldata*.csv` file Get Information about Schools (GIAS)
publishes, with every establishment in England on one row.

The file is Windows-1252 (a UTF-8 copy, with or without a byte-order mark, is read as UTF-8), about 50,000 rows of
some 135 columns; only the rows an import asks for are kept. A mistake is reported on its line and column, never as a
traceback: a missing column (with the nearest name), a row cut short, a cell a spreadsheet would run as a formula, or
HTML in a value the Local Offer would show."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.importing.read import ImportFailed, fail
from generator.inputs.messages import closest
from generator.inputs.problems import Problem

MAX_REGISTER_BYTES = 400 * 1024 * 1024  # the whole register is about 70 MB

# The columns the import reads (the file has many more). Names as the register writes them.
URN = "URN"
LA = "LA (name)"
NAME = "EstablishmentName"
TYPE = "TypeOfEstablishment (name)"
TYPE_GROUP = "EstablishmentTypeGroup (name)"
STATUS = "EstablishmentStatus (name)"
CLOSE_DATE = "CloseDate"
PHASE = "PhaseOfEducation (name)"
LOW_AGE = "StatutoryLowAge"
HIGH_AGE = "StatutoryHighAge"
SIXTH_FORM = "OfficialSixthForm (name)"
TRUST = "Trusts (name)"
STREET, LOCALITY, ADDRESS3, TOWN, POSTCODE = "Street", "Locality", "Address3", "Town", "Postcode"
WEBSITE = "SchoolWebsite"
PHONE = "TelephoneNum"
SEN_TYPES = tuple(f"SEN{n} (name)" for n in range(1, 14))
RESOURCED = "TypeOfResourcedProvision (name)"
RP_CAPACITY = "ResourcedProvisionCapacity"
UNIT_CAPACITY = "SenUnitCapacity"
LAST_CHANGED = "LastChangedDate"

COLUMNS = (
    URN, LA, NAME, TYPE, TYPE_GROUP, STATUS, CLOSE_DATE, PHASE, LOW_AGE, HIGH_AGE, SIXTH_FORM, TRUST,
    STREET, LOCALITY, ADDRESS3, TOWN, POSTCODE, WEBSITE, PHONE, *SEN_TYPES, RESOURCED, RP_CAPACITY, UNIT_CAPACITY,
    LAST_CHANGED,
)  # fmt: skip

# Columns whose words reach a page: no HTML, no formula.
SHOWN = (NAME, TRUST, STREET, LOCALITY, ADDRESS3, TOWN, POSTCODE, WEBSITE, PHONE)

_FORMULA = re.compile(r"^\s*(=|@|[+-]\s*[A-Za-z(])")  # =SUM(…), @cmd, +HYPERLINK(…); "+44 20…" is a number
_HTML = re.compile(r"<[A-Za-z/!?]|&#?[A-Za-z0-9]+;")


@dataclass(frozen=True)
class Establishment:
    """One row of the register: its line in the file and each column's value."""

    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        """The value, trimmed; '' for an empty cell."""
        return self.values.get(column, "").strip()

    @property
    def urn(self) -> str:
        return self.get(URN)


@dataclass
class Register:
    """The rows an import asked for, and every local authority's name the file holds (for suggestions)."""

    shown: str
    header: list[str]
    rows: list[Establishment]
    authorities: set[str]

    def column(self, name: str) -> int:
        """The 1-based column number of `name`, as a spreadsheet counts it."""
        return self.header.index(name) + 1 if name in self.header else 1


def decode_register(raw: bytes, shown: str) -> tuple[str, str]:
    """The file's text and the encoding it was read in: UTF-8 (with or without a byte-order mark) when it is,
    otherwise Windows-1252, the register's own."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        try:
            return raw.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError as exc:
            raise _undecodable(raw, exc, shown, "UTF-8") from None
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise _undecodable(raw, exc, shown, "Windows-1252") from None


def _undecodable(raw: bytes, exc: UnicodeDecodeError, shown: str, encoding: str) -> ImportFailed:
    line = raw.count(b"\n", 0, exc.start) + 1
    col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
    message = f"has a byte (0x{raw[exc.start]:02X}) that is not a letter in {encoding}: it is not the register's CSV."
    hint = (
        "Download edubasealldata.csv again from get-information-schools.service.gov.uk (Downloads) and do not edit it."
    )
    return fail(shown, message, hint, line=line, col=col)


def _header_problems(header: list[str], shown: str) -> list[Problem]:
    found = []
    for column in COLUMNS:
        if column in header:
            continue
        guess = closest(column, header)
        hint = f"Did you mean '{guess}'? " if guess else ""
        hint += "Use the register's own file (all establishment fields), not a copy saved with other column names."
        found.append(Problem(shown, 1, 1, column, "is not a column of this file.", hint))
    return found


def _cell_problems(row: Establishment, register: Register) -> list[Problem]:
    """A value of a row the import takes that a spreadsheet would run, or that holds HTML."""
    found = []
    for column in SHOWN:
        value = row.get(column)
        where = (register.shown, row.line, register.column(column), column)
        if _FORMULA.match(value):
            message = f"'{value[:60]}' starts like a spreadsheet formula, which the register never holds."
            hint = "Download the register again: this file was changed in a spreadsheet."
            found.append(Problem(*where, message, hint))
        elif _HTML.search(value):
            message = f"'{value[:60]}' holds HTML (< > or a code such as &amp;), which the Local Offer does not show."
            hint = "Download the register again, or correct the value in the file."
            found.append(Problem(*where, message, hint))
    return found


def read_register(path: Path, shown: str, wanted: Callable[[Establishment], bool]) -> Register:
    """The register's rows that `wanted` keeps. Raises ImportFailed with every problem located."""
    try:
        size = path.stat().st_size
        if size > MAX_REGISTER_BYTES:
            message = f"is {size // 1024 // 1024} MB: the register's CSV is about 70 MB."
            raise fail(shown, message, "Check it is edubasealldata.csv from Get Information about Schools.")
        raw = path.read_bytes()
    except OSError as exc:
        raise fail(shown, f"cannot be read ({exc.strerror}).", "Check the file name and that it is a file.") from None
    text, _ = decode_register(raw, shown)
    del raw
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise fail(shown, f"cannot be read as CSV ({exc}).", "Check it is the register's CSV.") from None
    if not header or not any(cell.strip() for cell in header):
        raise fail(shown, "is empty.", "Download edubasealldata.csv again from Get Information about Schools.")
    header = [cell.strip() for cell in header]
    problems = _header_problems(header, shown)
    if problems:
        raise ImportFailed(problems)
    register = Register(shown, header, [], set())
    la_at = header.index(LA)
    line = reader.line_num
    while True:
        start = line + 1
        try:
            cells = next(reader, None)
        except csv.Error as exc:
            message = f"is cut short or malformed here ({exc})."
            hint = "Download the register again: the file did not arrive whole."
            raise fail(shown, message, hint, line=start) from None
        line = reader.line_num
        if cells is None:
            break
        if not any(cell.strip() for cell in cells):
            continue  # a blank row
        if len(cells) != len(header):
            message = f"has {len(cells)} values, but the header names {len(header)} columns."
            hint = "Download the register again: the file looks cut short or changed in a spreadsheet."
            raise fail(shown, message, hint, line=start, col=min(len(cells), len(header)) or 1)
        register.authorities.add(cells[la_at].strip())
        row = Establishment(start, dict(zip(header, cells, strict=True)))
        if wanted(row):
            register.rows.append(row)
    if not register.authorities:
        raise fail(shown, "has a header but no establishments.", "Download the register again: it arrived empty.")
    return register


def cell_problems(rows: Sequence[Establishment], register: Register) -> list[Problem]:
    """Every formula or HTML value in the rows the import takes."""
    return [p for row in rows for p in _cell_problems(row, register)]
