"""An administrator downloads the ideas as CSV and XLSX from the exports page, and both files open."""

import csv
import json

import openpyxl
from playwright.sync_api import expect

from tests.conftest import PASSWORD, idea
from tests.exports.factories import district


def test_administrator_downloads_ideas_as_csv_and_xlsx(journey, make_user, make_process):
    admin = make_user("administrator", email="beheerder@harelbeke.be", name="Beheerder")
    process = make_process(slug="hallo-harelbeke", title="Hallo Harelbeke")
    idea(process, "Meer bomen op de markt", votes=12, district=district("Stasegem"))
    idea(process, "Een zitbank aan de Leie", votes=30)
    page = journey.page

    journey.log_in(admin.email)

    journey.visit("/beheer/exports")
    expect(page.get_by_role("heading", name="Exporteren", level=1)).to_be_visible()
    journey.check("exports page")

    page.get_by_label("Traject").select_option("hallo-harelbeke")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_label("Traject")).to_have_value("hallo-harelbeke")
    journey.check("exports for one process")

    with page.expect_download() as csv_download:
        page.get_by_role("link", name="CSV Ideeën", exact=True).click()
    path = csv_download.value.path()
    assert csv_download.value.suggested_filename.startswith("ideas-hallo-harelbeke-")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert sorted(row["titel"] for row in rows) == ["Een zitbank aan de Leie", "Meer bomen op de markt"]

    with page.expect_download() as xlsx_download:
        page.get_by_role("link", name="XLSX Ideeën", exact=True).click()
    assert xlsx_download.value.suggested_filename.endswith(".xlsx")
    with open(xlsx_download.value.path(), "rb") as handle:
        rows = list(openpyxl.load_workbook(handle, read_only=True).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("id", "traject", "titel")
    assert {row[2] for row in rows[1:]} == {"Een zitbank aan de Leie", "Meer bomen op de markt"}


def test_resident_takes_their_data_and_leaves(journey, make_user, make_process):
    resident = make_user(email="inwoner@example.org", name="Ann")
    idea(make_process(slug="hallo-harelbeke"), "Een speeltuin in Hulste", author=resident)
    page = journey.page

    journey.log_in(resident.email)
    page.get_by_role("link", name="Mijn account").click()
    journey.check("account page")

    with page.expect_download() as download:
        page.get_by_role("link", name="Mijn gegevens downloaden (JSON)").click()
    with open(download.value.path(), encoding="utf-8") as handle:
        data = json.load(handle)
    assert data["profile"]["email"] == "inwoner@example.org"
    assert [i["title"] for i in data["ideas"]] == ["Een speeltuin in Hulste"]

    page.get_by_role("link", name="Mijn account verwijderen").click()
    page.get_by_label("Je wachtwoord", exact=True).fill("niet-mijn-wachtwoord")
    page.get_by_role("button", name="Mijn account definitief verwijderen").click()
    expect(page.get_by_text("Dit wachtwoord klopt niet.").first).to_be_visible()
    journey.check("wrong password")

    page.get_by_label("Je wachtwoord", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Mijn account definitief verwijderen").click()
    expect(page.get_by_role("status")).to_contain_text("Je account is verwijderd")
    expect(page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Aanmelden")).to_be_visible()
    journey.check("account deleted")
