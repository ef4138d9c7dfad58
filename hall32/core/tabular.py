"""What every file import shares: the columns a file may carry and the header names people write,
located errors (line, column, reason), and reading a CSV whatever its encoding and separator.

Plain Python. Each app's reader (training's learners, network's offers) keeps its own columns and
cell rules; this is the part that is the same for all of them.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    """One field the file may carry: its name on screen, and the header names people write."""

    attribute: str
    label: object  # a lazy French label
    aliases: tuple[str, ...]
    shown: tuple[str, ...] = ()  # the aliases listed when a header is not recognised


def compact(header: object) -> str:
    """A header name reduced to its letters and digits: "Né(e) le" and "NE E LE" are "neele"."""
    plain = unicodedata.normalize("NFKD", str(header or "")).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "", plain)


@dataclass(frozen=True)
class ImportError_:
    line: int
    column: int
    column_name: str
    reason: str

    def located(self, filename: str) -> str:
        return f"{filename}:{self.line}:{self.column}: {self.column_name} : {self.reason}"


def decode(content: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: UTF-16 (Excel's "Texte Unicode"), UTF-8 with or
    without BOM, else Windows-1252, else Latin-1 (which decodes anything)."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16"), "UTF-16"
    try:
        return content.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return content.decode("latin-1"), "Latin-1"


def csv_table(
    content: bytes, *, delimiter_of: Callable[[list[str]], str]
) -> tuple[list[tuple[int, list[str]]], str, str]:
    """The rows of a CSV with their line numbers (as an editor shows them, a quoted cell over
    several lines counting them all), its separator and its encoding.

    Excel's own hint, "sep=;" on the first line, names the separator; otherwise `delimiter_of`
    chooses it from the lines (each reader knows its headers best).
    """
    text, encoding = decode(content)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = 0
    declared = re.fullmatch(r'"?sep=(.)"?\s*', lines[0]) if lines else None
    if declared:
        delimiter, first = declared.group(1), 1
    else:
        delimiter = delimiter_of(lines)
    reader = csv.reader(io.StringIO("\n".join(lines[first:])), delimiter=delimiter)
    table: list[tuple[int, list[str]]] = []
    previous = 0
    for row in reader:
        table.append((first + previous + 1, list(row)))
        previous = reader.line_num
    return table, delimiter, encoding
