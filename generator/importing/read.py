"""Reading another directory's export safely: every file checked for size and encoding, JSON and CSV parsed with
the place of any mistake, and every problem reported as `file:line:col: where: message hint`, never a traceback."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.inputs.load import decode_utf8
from generator.inputs.problems import Problem

MAX_FILE_BYTES = 25 * 1024 * 1024  # a council's whole ORUK dump is a few MB; nothing we import needs more
MAX_TOTAL_BYTES = 200 * 1024 * 1024
MAX_FILES = 50_000


class ImportFailed(Exception):
    """The source cannot be imported as it is: each problem says where and what to do. Nothing has been written."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(p.text() for p in problems))
        self.problems = list(problems)


def fail(file: str, message: str, hint: str = "", *, line: int = 1, col: int = 1, where: str = "") -> ImportFailed:
    return ImportFailed([Problem(file, line, col, where, message, hint)])


@dataclass
class Budget:
    """How much one import may read, across all its files."""

    total: int = 0
    files: int = 0
    warnings: list[Problem] = field(default_factory=list)  # what was read with a guess (encoding, separator)

    def take(self, path: Path, shown: str) -> None:
        size = path.stat().st_size
        self.total += size
        self.files += 1
        if size > MAX_FILE_BYTES:
            mb = size / 1024 / 1024
            message = f"is {mb:.0f} MB; a file to import may be at most {MAX_FILE_BYTES // 1024 // 1024} MB."
            raise fail(shown, message, "Export the directory in smaller files (for example one page per file).")
        if self.total > MAX_TOTAL_BYTES or self.files > MAX_FILES:
            message = f"makes the import more than {MAX_TOTAL_BYTES // 1024 // 1024} MB or {MAX_FILES} files."
            raise fail(shown, message, "Import the directory in parts, a folder at a time.")


def read_text(path: Path, shown: str, budget: Budget) -> str:
    budget.take(path, shown)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise fail(shown, f"cannot be read ({exc.strerror}).") from None
    text, problem = decode_utf8(raw.removeprefix(b"\xef\xbb\xbf"), shown)  # spreadsheets often start with a BOM
    if problem and "NUL" not in problem.message and _looks_windows_1252(raw):
        message = (
            "is not UTF-8 text; read as Windows-1252 (what Excel's plain 'CSV' saves): check accents and £ signs."
        )
        hint = "Next time choose 'CSV UTF-8 (Comma delimited)' in Excel's Save As, or save as UTF-8 in your editor."
        budget.warnings.append(Problem(shown, problem.line, problem.col, "", message, hint, severity="warning"))
        return raw.decode("cp1252")
    if problem:
        raise ImportFailed([problem])
    return text


def _looks_windows_1252(raw: bytes) -> bool:
    """Whether text that is not UTF-8 reads as Windows-1252 text: every byte is a character there (five are not) and
    there are no control characters, which a file of another kind (a picture, a zip file) would have."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)


def _whole(digits: str) -> int | str:
    """A whole number in JSON; one of over 100 digits (no age, price or id of ours) stays text, as Python cannot
    make a number of thousands of digits quickly (and the import says it is not a number)."""
    return int(digits) if len(digits) <= 100 else digits


def read_json(path: Path, shown: str, budget: Budget) -> Any:
    text = read_text(path, shown, budget)
    try:
        return json.loads(text, parse_int=_whole)
    except json.JSONDecodeError as exc:
        hint = "Check the file is a complete JSON export (a cut-off download often ends mid-way)."
        raise fail(shown, f"is not valid JSON: {exc.msg}.", hint, line=exc.lineno, col=exc.colno) from None
    except RecursionError:
        raise fail(shown, "is nested too deeply to read as JSON.", "Check it is an Open Referral export.") from None


@dataclass(frozen=True)
class Row:
    """One CSV row: its values by column (blank cells left out) and its line in the file (for messages)."""

    file: str
    line: int
    values: dict[str, str]

    def where(self, column: str = "") -> str:
        return f"row {self.line}" + (f" › {column}" if column else "")

    def problem(self, message: str, hint: str = "", column: str = "") -> ImportFailed:
        return fail(self.file, message, hint, line=self.line, where=self.where(column))


SEPARATORS = {",": "commas", ";": "semicolons", "\t": "tabs"}
# A spreadsheet formula saved instead of its value: =HYPERLINK(...), =A1&B1, +SUM(...), @cell
_FORMULA = re.compile(r"^[=@+]\s*[A-Za-z_][A-Za-z0-9_.]*\s*[(!&]|^=\s*[A-Z]{1,3}[0-9]+\b|^=\s*\(")


def _separator(text: str) -> str:
    """The separator of a CSV file: the one of comma, semicolon and tab that splits its first line the most (outside
    double quotes). A file of one column is read with commas."""
    first = re.sub(r'"[^"]*"', "", text.split("\n", 1)[0])
    counts = {sep: first.count(sep) for sep in SEPARATORS}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def read_csv(path: Path, shown: str, budget: Budget, required: Sequence[str]) -> list[Row]:
    """The rows of a CSV file with a header row; `required` columns must be in the header. The separator (comma,
    semicolon or tab) is read from the header row; blank rows are skipped; a formula cell is refused."""
    text = read_text(path, shown, budget)
    if text.count('"') % 2:  # quotes come in pairs ("" inside a quoted cell is two): an odd one never closes
        start = text.rfind('"')
        hint = "Export the file again, or open it and close the last quoted cell; check its last rows are all there."
        message = 'ends inside a quoted cell (one that starts with "), so the file looks cut off.'
        raise fail(shown, message, hint, line=text.count("\n", 0, start) + 1)
    separator = _separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows: list[Row] = []
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        missing = [name for name in required if name not in header]
        if missing:
            names = ", ".join(missing)
            hint = f"The first row must name the columns; add {names} (or check this is the right file)."
            if len(header) == 1:
                hint += (
                    " The first row has no comma, semicolon or tab, so it was read as one column: save the file as"
                    " CSV with columns separated by commas."
                )
            raise fail(shown, f"has no column {names}.", hint, where="row 1")
        if separator != ",":
            message = f"is read with its columns separated by {SEPARATORS[separator]} (as its first row has them)."
            budget.warnings.append(Problem(shown, 1, 1, "row 1", message, "", severity="warning"))
        seen = set()
        for name in header:
            if name and name in seen:
                raise fail(shown, f"has two columns called {name}.", "Rename or remove one of them.", where="row 1")
            seen.add(name)
        line = reader.line_num
        for cells in reader:
            if len(cells) > len(header):
                hint = "Put text containing commas in double quotes, or remove the extra cells."
                raise fail(shown, f"has {len(cells)} cells but {len(header)} columns.", hint, line=line + 1)
            values = {name: cell.strip() for name, cell in zip(header, cells, strict=False) if name and cell.strip()}
            for name, cell in values.items():
                if _FORMULA.match(cell):
                    hint = (
                        "It is a spreadsheet formula, not its value: in the spreadsheet, copy the column and paste it"
                        " back with 'Paste special › Values', then save as CSV again."
                    )
                    where = f"row {line + 1} › {name}"
                    raise fail(shown, f"holds the formula '{cell[:60]}'.", hint, line=line + 1, where=where)
            if values:
                rows.append(Row(shown, line + 1, values))
            line = reader.line_num
    except csv.Error as exc:
        raise fail(
            shown, f"cannot be read as CSV: {exc}.", "Save it again as CSV (UTF-8).", line=reader.line_num
        ) from None
    return rows
