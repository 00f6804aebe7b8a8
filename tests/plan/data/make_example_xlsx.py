"""Write plan_example.xlsx from plan_example.csv, as the administration would keep it in Excel.

Amounts become numbers with a euro format and the SDG a number, so that reading the XLSX exercises the
numeric cells; everything else is text. The output is the same on every run (fixed document dates), so
the file only changes in git when the CSV does.

    python tests/plan/data/make_example_xlsx.py
"""

import csv
import sys
from datetime import datetime
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from participation.plan.money import parse_amount  # noqa: E402
from participation.plan.spreadsheet import AMOUNT_COLUMNS, SDG  # noqa: E402

WIDTHS = {SDG: 6, "Actieplan": 40, "Actie": 36, "Actie omschrijving": 50, "Toelichting": 80}


def main(source: Path = HERE / "plan_example.csv", target: Path = HERE / "plan_example.xlsx") -> None:
    with source.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle, delimiter=";"))
    workbook = xlsxwriter.Workbook(str(target))
    workbook.set_properties({"created": datetime(2023, 4, 1)})
    bold = workbook.add_format({"bold": True})
    euros = workbook.add_format({"num_format": '#,##0 "€"'})
    euros_and_cents = workbook.add_format({"num_format": '#,##0.00 "€"'})
    sheet = workbook.add_worksheet("Meerjarenplan")
    sheet.write_row(0, 0, header, bold)
    for column, title in enumerate(header):
        sheet.set_column(column, column, WIDTHS.get(title, 16))
    for number, row in enumerate(rows, start=1):
        for column, (title, text) in enumerate(zip(header, row, strict=True)):
            if title in AMOUNT_COLUMNS and text:
                cents = parse_amount(text)
                if cents % 100:
                    sheet.write_number(number, column, cents / 100, euros_and_cents)
                else:
                    sheet.write_number(number, column, cents // 100, euros)
            elif title == SDG:
                sheet.write_number(number, column, int(text))
            else:
                sheet.write_string(number, column, text)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(header) - 1)
    workbook.close()


if __name__ == "__main__":
    main()
