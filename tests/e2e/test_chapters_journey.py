"""The Inspiratienota 2040 in a real browser: after the staff round a moderator keeps a staff idea for a
chapter, and finds it on the note's page and on the idea's road; a visitor reads the note without it, and
finds the SDGs under the city's own chapters."""

from playwright.sync_api import expect

from participation.demo.chapters import load_chapters, load_vision_notes
from participation.demo.loader import DATA_DIR
from participation.extensions import db
from participation.ideas import services

HARELBEKE = DATA_DIR / "harelbeke"


def staff_round_with_an_idea(make_process, make_user):
    process = make_process("staff", slug="inspiratienota-2040", title="Inspiratienota 2040",
                           phases=[("propose", -60, -30), ("vote", -30, -10)])
    load_chapters(HARELBEKE, [])
    load_vision_notes(HARELBEKE, ["inspiratienota_2040.json"], [])
    employee = make_user("employee", email="medewerker@example.org", name="Medewerker Tom")
    moderator = make_user("moderator", email="moderator@example.org", name="Moderator Ann")
    text = services.clean_text(services.IdeaText(
        title="Eén digitaal loket voor alle aanvragen", theme="public_services",
        body="<p>Eén digitaal loket, met altijd een mens aan de balie voor wie niet digitaal mee kan.</p>"))
    idea = services._new_idea(process, text, employee, author_id=employee.id)
    services.set_status(idea, "published", moderator, "Bedankt voor je idee.", notify=False)
    db.session.commit()
    return idea


def test_moderator_keeps_a_staff_idea_for_a_chapter(journey, make_process, make_user):
    idea = staff_round_with_an_idea(make_process, make_user)
    page = journey.page

    journey.log_in("moderator@example.org")
    journey.visit("/trajecten/inspiratienota-2040")
    page.get_by_role("link", name="Lees de Inspiratienota 2040, hoofdstuk per hoofdstuk").click()
    expect(page.locator("h1")).to_have_text("Inspiratienota 2040")
    services_chapter = page.locator("section", has=page.locator("#chapter-public_services"))
    expect(services_chapter).to_contain_text("Maatschappelijke uitdaging: A Digital Future")
    expect(services_chapter).to_contain_text("Voor dit hoofdstuk werd geen idee bewaard.")
    journey.check("the note before any keep")

    journey.visit(f"/moderatie/ideeen/{idea.id}")
    journey.check("screening with the keep form")
    page.get_by_label("Hoofdstuk", exact=True).select_option(label="Public Services")
    page.get_by_label("Toelichting van het managementteam").fill(
        "Het managementteam neemt dit mee in het hoofdstuk over dienstverlening: A Digital Future.")
    page.get_by_role("button", name="Bewaren voor dit hoofdstuk").click()
    expect(page.locator(".flash-success")).to_contain_text("Het idee is bewaard voor het hoofdstuk Public Services")
    journey.check("kept on the screening page")

    journey.visit("/nota/inspiratienota-2040")
    kept = page.locator("section", has=page.locator("#chapter-public_services")).locator(".kept-ideas")
    expect(kept).to_contain_text("Eén digitaal loket voor alle aanvragen")
    expect(kept).to_contain_text("hoofdstuk over dienstverlening")
    people = page.locator("section", has=page.locator("#chapter-people"))
    expect(people.locator(".kept-ideas")).to_have_count(0)
    journey.check("the note with the kept idea")

    kept.get_by_role("link", name="Eén digitaal loket voor alle aanvragen").click()
    timeline = page.locator(".idea-timeline")
    expect(timeline).to_contain_text("Bewaard voor het hoofdstuk Public Services")
    expect(timeline).to_contain_text("het managementteam")
    journey.check("the keep on the idea's road")
    journey.log_out()

    journey.visit("/nota/inspiratienota-2040")
    expect(page.locator("#chapter-public_services")).to_be_visible()
    expect(page.get_by_text("Eén digitaal loket voor alle aanvragen")).to_have_count(0)
    journey.check("the note for a visitor")

    journey.visit("/sdgs")
    services_chapter = page.locator("section", has=page.locator("#chapter-public_services"))
    expect(services_chapter).to_contain_text(
        "Evolueren naar een flexibele, open, extern gerichte en innovatieve organisatie")
    expect(services_chapter.get_by_role("link", name="16")).to_be_visible()
    journey.check("the SDGs under the city's chapters")
