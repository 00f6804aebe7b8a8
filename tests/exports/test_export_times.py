"""Exports write Brussels time, as the screens show it, not the UTC the database keeps."""

import csv
import io
import json
from datetime import datetime

import openpyxl

from participation.extensions import db
from tests.conftest import idea


def test_csv_xlsx_and_json_write_the_brussels_clock(admin_client, make_process):
    process = make_process(slug="tijd")
    late = idea(process, "Laat op de avond")
    late.created_at = datetime(2026, 12, 20, 23, 30)  # UTC: in Brussels it is already 21/12 at 00:30
    summer = idea(process, "Op een zomeravond")
    summer.created_at = datetime(2026, 7, 1, 20, 15)  # UTC: 22:15 in Brussels (summer time)
    db.session.commit()

    rows = list(csv.DictReader(io.StringIO(admin_client.get("/beheer/exports/ideas.csv").data.decode("utf-8-sig")),
                               delimiter=";"))
    by_title = {row["titel"]: row["ingediend_op"] for row in rows}
    assert by_title == {"Laat op de avond": "2026-12-21 00:30:00", "Op een zomeravond": "2026-07-01 22:15:00"}

    items = json.loads(admin_client.get("/beheer/exports/ideas.json").data)
    assert {item["titel"]: item["ingediend_op"] for item in items} == {
        "Laat op de avond": "2026-12-21T00:30:00+01:00", "Op een zomeravond": "2026-07-01T22:15:00+02:00",
    }

    sheet = openpyxl.load_workbook(io.BytesIO(admin_client.get("/beheer/exports/ideas.xlsx").data)).active
    headers = [cell.value for cell in sheet[1]]
    values = {row[headers.index("titel")]: row[headers.index("ingediend_op")]
              for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values == {"Laat op de avond": datetime(2026, 12, 21, 0, 30),
                      "Op een zomeravond": datetime(2026, 7, 1, 22, 15)}


def test_an_idea_page_shows_the_same_brussels_day(client, make_process):
    process = make_process(slug="tijd")
    late = idea(process, "Laat op de avond")
    late.created_at = datetime(2026, 12, 20, 23, 30)
    db.session.commit()
    page = client.get(f"/ideeen/{late.id}").get_data(as_text=True)
    assert "21/12/2026" in page
    assert "20/12/2026" not in page
