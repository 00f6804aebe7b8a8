"""Writers that stream: rows in, bytes out, a few rows in memory at a time.

CSV: UTF-8 with a byte order mark and `;` between fields, the way Excel opens a file on a Belgian
(nl-BE, fr-BE) computer without an import wizard; decimal numbers are written with a dot.
JSON: one array of objects, keyed by the Dutch headers, written row by row.
XLSX: XlsxWriter in constant-memory mode writes to a temporary file that is then streamed back.

Text that a person wrote can start with "=", "+", "-" or "@"; a spreadsheet would run it as a formula.
In CSV such a cell gets a leading apostrophe; XLSX cells are written as text and need nothing.

Moments are stored in UTC and written on the Brussels clock, as the screens show them: CSV and XLSX
without a zone (what a spreadsheet understands), JSON in ISO 8601 with the offset (+01:00 or +02:00).
"""

import csv
import io
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime

import xlsxwriter

from participation.clock import brussels_wall_time, iso_brussels

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
CSV_DELIMITER = ";"
FLUSH_EVERY = 500
CHUNK = 64 * 1024
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_value(value) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime):
        return brussels_wall_time(value).isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value  # a title like "=HYPERLINK(…)" must stay text when Excel opens the file
    return value


def json_value(value):
    if isinstance(value, datetime):
        return iso_brussels(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def write_csv(headers: list[str], rows: Iterable[tuple]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow(headers)
    yield b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    for count, row in enumerate(rows, start=1):
        writer.writerow([csv_value(value) for value in row])
        if count % FLUSH_EVERY == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def write_json(headers: list[str], rows: Iterable[tuple]) -> Iterator[bytes]:
    yield b"["
    parts: list[str] = []
    first = True
    for row in rows:
        item = json.dumps({h: json_value(v) for h, v in zip(headers, row, strict=True)}, ensure_ascii=False)
        parts.append(("\n" if first else ",\n") + item)
        first = False
        if len(parts) >= FLUSH_EVERY:
            yield "".join(parts).encode("utf-8")
            parts.clear()
    parts.append("\n]\n")
    yield "".join(parts).encode("utf-8")


def build_xlsx(headers: list[str], rows: Iterable[tuple], sheet: str = "export") -> str:
    """Write the workbook to a temporary file and return its path; the caller removes it."""
    handle, path = tempfile.mkstemp(suffix=".xlsx", prefix="export-")
    os.close(handle)
    workbook = xlsxwriter.Workbook(path, {"constant_memory": True, "tmpdir": tempfile.gettempdir()})
    worksheet = workbook.add_worksheet(sheet[:31])
    bold = workbook.add_format({"bold": True})
    moment = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"})
    day = workbook.add_format({"num_format": "dd/mm/yyyy"})
    worksheet.freeze_panes(1, 0)
    for col, header in enumerate(headers):
        worksheet.write_string(0, col, header, bold)
    for number, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, bool):
                worksheet.write_string(number, col, "ja" if value else "nee")
            elif isinstance(value, datetime):
                worksheet.write_datetime(number, col, brussels_wall_time(value), moment)
            elif isinstance(value, date):
                worksheet.write_datetime(number, col, value, day)
            elif isinstance(value, int | float):
                worksheet.write_number(number, col, value)
            else:
                worksheet.write_string(number, col, str(value))
    workbook.close()
    return path


def stream_file(path: str) -> Iterator[bytes]:
    """Read a file back in chunks and remove it, also when the download is broken off."""
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(CHUNK):
                yield chunk
    finally:
        os.unlink(path)


def write_xlsx(headers: list[str], rows: Iterable[tuple], sheet: str = "export") -> Iterator[bytes]:
    yield from stream_file(build_xlsx(headers, rows, sheet))


def write(fmt: str, headers: list[str], rows: Iterable[tuple], sheet: str = "export") -> Iterator[bytes]:
    if fmt == "csv":
        return write_csv(headers, rows)
    if fmt == "json":
        return write_json(headers, rows)
    if fmt == "xlsx":
        return write_xlsx(headers, rows, sheet)
    raise ValueError(f"Unknown format {fmt!r}")
