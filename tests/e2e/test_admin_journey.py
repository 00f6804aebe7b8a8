"""An administrator opens a process in the app, sets its vote rule, and exports its ideas and report."""

import csv
import io
from datetime import timedelta

from playwright.sync_api import expect
from pypdf import PdfReader

from participation.database import utcnow
from participation.extensions import db
from participation.ideas.models import Idea
from participation.processes.models import Process


def day(offset: int) -> str:
    return (utcnow() + timedelta(days=offset)).date().isoformat()


def test_administrator_opens_a_process_sets_the_vote_rule_and_exports(journey, make_user):
    make_user("administrator", email="beheerder@harelbeke.be", name="Beheerder Els")
    page = journey.page
    journey.log_in("beheerder@harelbeke.be")

    journey.visit("/beheer/trajecten")
    expect(page.locator("h1")).to_have_text("Trajecten beheren")
    journey.check("manage processes empty")
    page.get_by_role("link", name="Nieuw traject").click()
    journey.check("new process form")
    page.get_by_role("button", name="Traject opslaan").click()
    expect(page.locator(".error-summary")).to_contain_text("Geef het traject een titel.")
    journey.check("new process errors")

    page.get_by_label("Titel", exact=True).fill("Trage wegen in Bavikhove")
    page.get_by_label("Webadres", exact=True).fill("trage-wegen")
    page.get_by_label("Samenvatting", exact=True).fill("Welke wandel- en fietsdoorsteken wil jij?")
    page.get_by_label("Beschrijving", exact=True).fill("Samen tekenen we de trage wegen van morgen.")
    page.get_by_label("Wie neemt deel", exact=True).select_option("public")
    page.get_by_label("Ideeënfase: opent op", exact=True).fill(day(-1))
    page.get_by_label("Ideeënfase: laatste dag", exact=True).fill(day(19))
    page.get_by_label("Stemfase: opent op", exact=True).fill(day(20))
    page.get_by_label("Stemfase: laatste dag", exact=True).fill(day(33))
    page.get_by_role("button", name="Traject opslaan").click()
    expect(page.locator(".flash-success")).to_contain_text("Trage wegen in Bavikhove")
    journey.check("process saved")

    page.get_by_role("link", name="Trage wegen in Bavikhove", exact=True).click()
    expect(page.locator("h1")).to_have_text("Trage wegen in Bavikhove")
    expect(page.locator(".timeline")).to_contain_text("Stemfase")
    journey.check("process page for the administrator")

    page.get_by_role("navigation", name="Over dit traject").get_by_role("link", name="Stemregel").click()
    expect(page.locator("h1")).to_have_text("Stemregel")
    journey.check("vote rule form")
    page.get_by_label("Stippen: een aantal stemmen om te verdelen, met een maximum per idee").check()
    page.get_by_label("Aantal stemmen per deelnemer").fill("5")
    page.get_by_label("Meeste stemmen op één idee").fill("2")
    page.get_by_role("button", name="Stemregel opslaan").click()
    expect(page.locator(".flash-success")).to_contain_text("De stemregel van Trage wegen in Bavikhove is opgeslagen.")
    journey.check("vote totals after the rule")

    process = db.session.scalar(db.select(Process).where(Process.slug == "trage-wegen"))
    assert process is not None and [p.kind for p in process.phases] == ["propose", "vote"]
    for title in ("Een doorsteek langs de Mandel", "Wandelpad achter de kerk"):
        db.session.add(Idea(process_id=process.id, title=title, body="<p>Tekst</p>", theme="planet",
                            status="published"))
    db.session.commit()

    journey.visit("/beheer/exports")
    page.get_by_label("Traject").select_option("trage-wegen")
    page.get_by_role("button", name="Tonen").click()
    journey.check("exports for the new process")
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV Ideeën", exact=True).click()
    assert download.value.suggested_filename.startswith("ideas-trage-wegen-")
    with open(download.value.path(), encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    assert sorted(row["titel"] for row in rows) == ["Een doorsteek langs de Mandel", "Wandelpad achter de kerk"]

    journey.visit("/trajecten/trage-wegen")
    link = page.get_by_role("link", name="Trajectrapport (PDF)")
    report = page.request.get(journey.url(link.get_attribute("href")))
    assert report.status == 200
    assert report.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(report.body())).pages)
    assert "Trage wegen in Bavikhove" in text
    assert "Een doorsteek langs de Mandel" in text
