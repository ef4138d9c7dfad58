"""Spreadsheets the platform hands out (CSV and XLSX), written in one place.

A cell that starts with =, +, -, @, a tab or a carriage return is read as a formula by Excel and
LibreOffice ("CSV injection": a company called `=HYPERLINK(...)` becomes a live link). Every text
cell goes through `neutralise`: in CSV it gets a leading single quote (OWASP's advice), in XLSX it is
stored as text with Excel's hidden quote prefix. Numbers are left alone, so a -3 balance stays a
number the spreadsheet can add up.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def is_dangerous(value: object) -> bool:
    """A text a spreadsheet would evaluate; numbers, dates and booleans never are."""
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def neutralise(value: Any) -> Any:
    """The value as a CSV cell: a text that would be a formula gets a leading single quote."""
    return "'" + value if is_dangerous(value) else value


def write_csv(stream: io.TextIOBase, rows: Iterable[Sequence[Any]], *, delimiter: str = ";") -> None:
    """Rows into a CSV stream, every text cell neutralised (`;`, as French Excel expects)."""
    writer = csv.writer(stream, delimiter=delimiter)
    for row in rows:
        writer.writerow([neutralise(value) for value in row])


def csv_response(filename: str, rows: Iterable[Sequence[Any]]) -> HttpResponse:
    """A CSV download in UTF-8 with a byte-order mark, so that Excel reads the accents."""
    buffer = io.StringIO()
    write_csv(buffer, rows)
    response = HttpResponse(("\ufeff" + buffer.getvalue()).encode(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@dataclass
class Sheet:
    """One worksheet: a bold header row, then the rows; widths by column letter."""

    title: str
    header: Sequence[Any]
    rows: Iterable[Sequence[Any]]
    widths: dict[str, float] = field(default_factory=dict)


def append_row(sheet: Any, values: Sequence[Any]) -> None:
    """Append a row to an openpyxl worksheet, texts that look like formulas kept as text."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    cleaned = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values]
    sheet.append(cleaned)
    row = sheet.max_row
    for column, value in enumerate(cleaned, start=1):
        if is_dangerous(value):
            # openpyxl made any text starting with "=" a formula: store it as text instead, with
            # Excel's quote prefix so that it stays text when someone edits the cell.
            cell = sheet.cell(row=row, column=column)
            cell.data_type = "s"
            cell.quotePrefix = True


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for spec in sheets:
        sheet = book.create_sheet(title=spec.title[:31])
        append_row(sheet, spec.header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in spec.rows:
            append_row(sheet, row)
        for letter, width in spec.widths.items():
            sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, sheets: Iterable[Sheet]) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
