"""The plan import under hostile files: time and peak memory of ``import_plan`` with the default limits.

* ``zip-bomb``: an XLSX of about 300 KB whose sheet holds 1,000,000 rows (some 87 MB of XML once unpacked);
* ``lines``: 600 KB of ``x\\n`` lines (300,000 rows of one cell);
* ``errors``: 19,000 rows that are each wrong in one cell (under the row limit, every row an error; larger
  than the upload limit of the screen, so only the command would get it).

Each case runs in a fresh Python process (peak RSS from ``VmHWM``, reset before the import).

    .venv/bin/python bench/plan_import/bench.py
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]

SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    '2006/main"><sheetData>'
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
    'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>'
)


def zip_bomb(rows: int = 1_000_000) -> bytes:
    """Rows without their numbers compress to almost nothing: 87 MB of XML in about 300 KB."""
    row = '<row><c t="inlineStr"><is><t>xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx</t></is></c></row>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/worksheets/sheet1.xml", SHEET_HEAD + row * rows + "</sheetData></worksheet>")
    return buffer.getvalue()


def error_rows(rows: int = 19_000) -> bytes:
    example = (ROOT / "tests" / "plan" / "data" / "plan_example.csv").read_text(encoding="utf-8-sig").splitlines()
    header, first = example[0], example[1]
    bad = "99" + first[first.index(";"):]
    return ("\n".join([header] + [bad] * rows) + "\n").encode()


CASES = {"zip-bomb": zip_bomb, "lines": lambda: b"x\n" * 300_000, "errors": error_rows}

CHILD = r"""
import sys, time, json
from pathlib import Path
data = Path(sys.argv[1]).read_bytes()
from participation import create_app
from participation.plan.importer import import_plan
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024
app = create_app()
with app.app_context():
    open("/proc/self/clear_refs", "w").write("5")
    before = hwm()
    started = time.perf_counter()
    report = import_plan(data, dry_run=True)
    took = time.perf_counter() - started
    print(json.dumps({"seconds": round(took, 2), "rss_before_mb": round(before, 1), "peak_mb": round(hwm(), 1),
                      "errors_listed": len(report.errors), "more_errors": report.more_errors,
                      "first": str(report.errors[0]) if report.errors else ""}))
"""


def main() -> None:
    results = {}
    for name, make in CASES.items():
        data = make()
        path = Path("/tmp") / f"plan-import-{name}.bin"
        path.write_bytes(data)
        out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, cwd=ROOT,
                             env={"PATH": "", "SECRET_KEY": "bench", "FLASK_ENV": "development"}, check=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        result["file_kb"] = round(len(data) / 1024)
        results[name] = result
        print(name, result)
        path.unlink()
    (HERE / "results.json").write_text(json.dumps({"measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                                                   "results": results}, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
