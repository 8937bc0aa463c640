"""CSV that is safe to open in a spreadsheet: the one writer behind services.csv, schools.csv and
`report --csv`.

A cell starting with = + - @, a tab or a carriage return is read by Excel, LibreOffice and Google Sheets as a formula
(which can run commands or send data away), so such cells are prefixed with a single quote, as OWASP's CSV injection
guidance advises. The quote shows in the cell; the text after it is kept exactly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    """The value as CSV cell text that no spreadsheet will take for a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """A CSV document (header row, then rows), every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([safe_cell(name) for name in header])
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return out.getvalue()
