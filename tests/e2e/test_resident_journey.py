"""One whole resident journey: register, propose, follow, vote, and see the frozen result.

Phases follow the clock, so between steps the test moves the phase dates in the database, as the
calendar would: first the ideas phase is open, then the voting phase, then voting has closed.
A moderator publishes the idea in a second browser window of their own.
"""

import re
from datetime import timedelta

from playwright.sync_api import expect

from participation.database import utcnow
from participation.extensions import db
from participation.ideas.models import Idea
from participation.processes.models import Process
from participation.votes.models import VoteRule
from tests.e2e.conftest import DESKTOP, Journey

EMAIL = "hanne@example.org"
SECRET = "Kortrijksestraat-12"
TITLE = "Een drinkfontein aan het Vlaspark"


def move_phases(slug: str, propose: tuple[int, int], vote: tuple[int, int]) -> None:
    """Set the phases to (start, end) in hours from now, as the calendar moves on."""
    db.session.expire_all()
    process = db.session.scalar(db.select(Process).where(Process.slug == slug))
    now = utcnow()
    for phase in process.phases:
        start, end = propose if phase.kind == "propose" else vote
        phase.starts_at = now + timedelta(hours=start)
        phase.ends_at = now + timedelta(hours=end)
    db.session.commit()


def setup_world(make_process, make_user) -> None:
    process = make_process("public", phases=[("propose", -1, 10), ("vote", 10, 20)], slug="vlaspark",
                           title="Een groener Vlaspark")
    make_process("public", phases=[("propose", -30, -20)], slug="oud-traject", title="Kermis 2025")
    db.session.add(VoteRule(process_id=process.id, kind="dots", budget=3, max_per_idea=2))
    db.session.add(Idea(process_id=process.id, title="Zitbanken in de schaduw", theme="planet",
                        body="<p>Banken onder de bomen, voor wie even wil rusten.</p>", status="published"))
    db.session.commit()
    make_user("moderator", email="moderator@example.org", name="Moderator An")


def register_and_log_in(journey: Journey) -> None:
    page = journey.page
    journey.visit("/")
    journey.check("home")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Registreren").click()
    expect(page.locator("h1")).to_have_text("Maak een account aan")
    journey.check("register form")
    page.get_by_label("Naam die bij je ideeën verschijnt").fill("Hanne")
    page.get_by_label("E-mailadres", exact=True).fill(EMAIL)
    page.get_by_label("Wachtwoord", exact=True).fill(SECRET)
    page.get_by_label("Herhaal het wachtwoord").fill(SECRET)
    page.get_by_label("Ik ga ermee akkoord").check()
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.locator("h1")).to_have_text("Kijk in je mailbox")
    journey.check("check mailbox")

    page.goto(journey.outbox_link(EMAIL))
    expect(page.locator(".flash-success")).to_contain_text("bevestigd en je bent aangemeld")
    journey.check("address confirmed and logged in")


def propose(journey: Journey) -> str:
    page = journey.page
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Trajecten").click()
    expect(page.get_by_role("link", name="Een groener Vlaspark")).to_be_visible()
    journey.check("processes")
    page.get_by_role("link", name="Een groener Vlaspark").click()
    expect(page.locator("h1")).to_have_text("Een groener Vlaspark")
    expect(page.locator(".process-links")).to_contain_text("Rangschikking")
    journey.check("process in its ideas phase")
    page.get_by_role("link", name="Dien een idee in").click()
    journey.check("idea form")
    page.get_by_label("Titel", exact=True).fill(TITLE)
    page.get_by_label("Je idee", exact=True).fill(
        "Op warme dagen spelen daar veel kinderen. Een drinkfontein bij de speeltuin helpt iedereen.")
    page.get_by_label("Thema", exact=True).select_option("people")
    page.get_by_role("button", name="Idee indienen").click()
    expect(page.locator(".flash-success")).to_contain_text("Je idee is ingediend")
    expect(page.locator("main .tag").first).to_have_text("Ingediend")
    journey.check("idea submitted")
    return page.url


def moderator_publishes(browser, live_server: str, idea_url: str) -> None:
    context = browser.new_context(bypass_csp=True, locale="nl-BE", viewport=DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    moderator = Journey(page, live_server, "resident_journey_moderator")
    try:
        moderator.log_in("moderator@example.org")
        page.goto(idea_url)
        page.get_by_role("link", name="Dit idee beoordelen").click()
        moderator.check("screening the idea")
        publish = page.locator("#publish-panel")
        publish.get_by_label("Toelichting", exact=True).fill("Bedankt, Hanne! Je idee staat online.")
        page.get_by_role("button", name="Dit idee publiceren").click()
        expect(page.locator(".flash-success")).to_contain_text("Het idee is nu: Gepubliceerd.")
        moderator.check("idea published")
    finally:
        context.close()


def test_resident_proposes_follows_votes_and_sees_the_result(journey, browser, live_server, make_process,
                                                              make_user, outbox):
    setup_world(make_process, make_user)
    page = journey.page
    register_and_log_in(journey)
    idea_url = propose(journey)

    moderator_publishes(browser, live_server, idea_url)

    page.reload()
    expect(page.locator("main .tag").first).to_have_text("Gepubliceerd")
    expect(page.locator(".idea-timeline")).to_contain_text("Bedankt, Hanne!")
    expect(page.get_by_role("button", name="Niet meer volgen")).to_be_visible()
    journey.check("own idea published and followed")
    assert any("Gepubliceerd" in mail.subject for mail in outbox(EMAIL)), "the author follows from the start"

    page.get_by_role("link", name="Een groener Vlaspark").click()
    page.get_by_role("link", name="Zitbanken in de schaduw").click()
    page.get_by_role("button", name="Volg dit idee").click()
    expect(page.locator(".flash-success")).to_contain_text("Je volgt dit idee")
    journey.check("following another idea")
    page.get_by_role("link", name="Mijn ideeën").click()
    page.get_by_role("link", name="Ideeën die ik volg").click()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    expect(page.get_by_role("link", name="Zitbanken in de schaduw")).to_be_visible()
    journey.check("followed ideas")

    move_phases("vlaspark", propose=(-48, -24), vote=(-1, 24))
    journey.visit("/trajecten/vlaspark")
    page.get_by_role("link", name="Stem en bekijk de rangschikking").click()
    expect(page.locator("h1")).to_have_text("Rangschikking")
    expect(page.locator("[data-vote-remaining]")).to_have_text("Je hebt nog 3 stemmen van de 3.")
    journey.check("ranking with votes to spend")
    mine = page.get_by_role("button", name=f"Geef een stem: {TITLE}")
    mine.click()
    expect(page.locator("[data-vote-remaining]")).to_have_text("Je hebt nog 2 stemmen van de 3.")
    mine.click()
    expect(page.locator("[data-vote-remaining]")).to_have_text("Je hebt nog 1 stem van de 3.")
    expect(mine).to_be_disabled()
    page.get_by_role("button", name="Geef een stem: Zitbanken in de schaduw").click()
    expect(page.locator("[data-vote-remaining]")).to_have_text("Je hebt nog 0 stemmen van de 3.")
    journey.check("all votes spent")

    page.get_by_role("link", name=TITLE).click()
    expect(page.locator(".vote-box")).to_contain_text("Jouw stemmen op dit idee: 2")
    journey.check("idea page during voting")

    move_phases("vlaspark", propose=(-72, -48), vote=(-24, -1))
    journey.visit("/trajecten/vlaspark")
    page.get_by_role("link", name="Bekijk de uitslag van de stemming").click()
    expect(page.locator(".lead")).to_contain_text("Deze uitslag is definitief")
    rows = page.locator("table.ranking tbody tr")
    expect(rows.first).to_contain_text(TITLE)
    expect(rows.first.locator("td").nth(2)).to_have_text("2")
    expect(page.locator(".vote-facts")).to_contain_text("Stemmers: 1")
    journey.check("frozen result")
    assert not page.get_by_role("button", name=re.compile("Geef een stem")).count()
