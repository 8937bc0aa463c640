"""Reading another directory's export safely: every file checked for size and encoding, JSON and CSV parsed with
the place of any mistake, and every problem reported as `file:line:col: where: message hint`, never a traceback."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
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
    if problem:
        raise ImportFailed([problem])
    return text


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


def read_csv(path: Path, shown: str, budget: Budget, required: Sequence[str]) -> list[Row]:
    """The rows of a CSV file with a header row; `required` columns must be in the header."""
    text = read_text(path, shown, budget)
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[Row] = []
    try:
        header = [name.strip().lower() for name in next(reader, [])]
        missing = [name for name in required if name not in header]
        if missing:
            names = ", ".join(missing)
            hint = f"The first row must name the columns; add {names} (or check this is the right file)."
            raise fail(shown, f"has no column {names}.", hint, where="row 1")
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
            if values:
                rows.append(Row(shown, line + 1, values))
            line = reader.line_num
    except csv.Error as exc:
        raise fail(
            shown, f"cannot be read as CSV: {exc}.", "Save it again as CSV (UTF-8).", line=reader.line_num
        ) from None
    return rows
