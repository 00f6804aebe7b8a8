"""A data file as another program saves it: in another encoding, with another delimiter."""

import csv
import io

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"]
DELIMITERS = [";", ",", "\t"]


def resave(text: str, *, encoding: str = "utf-8", delimiter: str = ";") -> bytes:
    """The ``;``-separated ``text`` written again with ``delimiter`` between cells, in ``encoding``
    (``utf-16`` writes a byte order mark, ``utf-16-le`` and ``utf-16-be`` none)."""
    text = text.removeprefix("\ufeff")
    if delimiter != ";":
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
        writer.writerows(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        text = out.getvalue()
    return text.encode(encoding)
