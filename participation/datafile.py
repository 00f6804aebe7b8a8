"""A data file the city uploads (the multi-year plan, the indicators): its text, its rows and their errors.

A CSV file arrives as the program that saved it wrote it: UTF-8 with or without BOM, UTF-16 with its BOM
(Excel's "Unicode text") or without it, or Windows-1252 (older Excel), with ``;``, ``,`` or a tab between
cells. Errors name a row as the spreadsheet numbers it (the header is row 1) and a column by its header.
A file may hold thousands of errors: the first ones are kept and the others only counted.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

MAX_ROWS = 20_000
MAX_ERRORS = 200
DELIMITERS = (";", ",", "\t")


class FileError(ValueError):
    """The file cannot be read at all; ``message`` is translatable."""

    def __init__(self, message: str | LazyString) -> None:
        super().__init__(message)
        self.message = message


class NotTextError(FileError):
    """The file holds bytes that no text has (a picture, a zip, a binary spreadsheet)."""

    def __init__(self) -> None:
        super().__init__(_l("The file is not a CSV text file."))


@dataclass(frozen=True)
class RowError:
    """One problem in the file: ``row`` as the spreadsheet numbers it (the header is row 1), ``column``
    its header (``None`` for the file as a whole), ``message`` translatable."""

    row: int
    column: str | None
    message: str | LazyString

    def __str__(self) -> str:
        if self.column is None:
            return str(_l("Row %(row)s: %(message)s", row=self.row, message=self.message))
        return str(
            _l(
                "Row %(row)s, column “%(column)s”: %(message)s",
                row=self.row,
                column=self.column,
                message=self.message,
            )
        )


@dataclass
class RowErrors:
    """The errors of a file, all at once: the first ``max_errors`` listed, the others counted."""

    errors: list[RowError] = field(default_factory=list)
    more_errors: int = 0
    max_errors: int = field(default=MAX_ERRORS, repr=False, compare=False)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def error(self, row: int, column: str | None, message: str | LazyString) -> None:
        self.add_errors([RowError(row, column, message)])

    def add_errors(self, errors: Iterable[RowError], more: int = 0) -> None:
        """Add errors found elsewhere (and the number of those not listed there)."""
        for error in errors:
            if len(self.errors) < self.max_errors:
                self.errors.append(error)
            else:
                self.more_errors += 1
        self.more_errors += more

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.more_errors


def decode(data: bytes) -> str:
    """The text of the file, without its byte order mark.

    UTF-16 is recognised by its byte order mark or, without one, by the zero bytes every other byte of
    plain text has in it; any other zero byte means the file is no text at all (:class:`NotTextError`).
    What is not UTF-8 is read as Windows-1252.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16(data, "utf-16")
    head = data[:200]
    if head and head.count(0) * 3 >= len(head):
        return _decode_utf16(data, "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            raise NotTextError
        return text
    raise NotTextError


def _decode_utf16(data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        message = _l("The file looks like UTF-16 text but cannot be read as such: save it as CSV UTF-8.")
        raise FileError(message) from error
    if "\x00" in text:
        raise NotTextError
    return text


def sniff_delimiter(text: str) -> str:
    """``;``, ``,`` or a tab: whichever the first non-empty line (the header) has most of."""
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    return max(DELIMITERS, key=header_line.count)


def csv_grid(text: str) -> Iterator[tuple[int, list[str]]]:
    """The rows of a CSV text with their numbers, cells stripped; a quoted newline stays in its cell, so a
    record spread over several lines is one row, as in a spreadsheet."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=sniff_delimiter(text))
    try:
        for number, cells in enumerate(reader, start=1):
            yield number, [cell.strip() for cell in cells]
    except csv.Error as error:
        raise FileError(_l("The CSV file cannot be read: %(error)s", error=str(error))) from error


def check_row_count(grid: Iterable[tuple[int, list[str]]], max_rows: int = MAX_ROWS) -> None:
    """Refuse a file of more than ``max_rows`` rows below its header, counting without keeping them."""
    for number, _cells in grid:
        if number > max_rows + 1:
            limit = f"{max_rows:,}".replace(",", ".")
            raise FileError(_l("The file has more than %(max)s rows: split it into smaller files.", max=limit))


def read_csv(data: bytes | str, max_rows: int = MAX_ROWS) -> list[tuple[int, list[str]]]:
    """Every row of a CSV file with its number, after checking its encoding and length (:class:`FileError`)."""
    text = decode(data) if isinstance(data, bytes) else data
    check_row_count(csv_grid(text), max_rows)
    return list(csv_grid(text))
