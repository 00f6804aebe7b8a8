"""A moderator invites W13 to a process for invited partners; a W13 person uses the link on a phone with
the keyboard, proposes an idea shown "namens W13"; a newcomer of W13 registers from the link and, on
confirming their address, is back on it; the moderator revokes the link, which then says so, and the
person can no longer propose."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from participation.extensions import db
from participation.ideas.models import Idea
from participation.partners.models import Partner
from participation.processes.models import ProcessInvitation
from tests.conftest import PASSWORD
from tests.e2e.keyboard import Keyboard

TITLE = "Sien online in heel de regio"


def test_a_partners_link_is_used_and_then_revoked(journey, narrow_journey, phone_journey, browser, make_user,
                                                   make_process):
    make_user("moderator", email="moderator@harelbeke.be", name="Moderator Stad")
    make_user(email="sofie@w13.be", name="Sofie Vandamme")
    db.session.add_all([Partner(slug="w13", name="W13", full_name="Intergemeentelijke vereniging W13"),
                        Partner(slug="leiedal", name="Leiedal", position=1)])
    make_process("invited", slug="gbo", title="Geïntegreerd breed onthaal")
    page = journey.page

    # The moderator makes W13's link from the process page.
    journey.log_in("moderator@harelbeke.be")
    journey.visit("/trajecten/gbo")
    expect(page.locator(".meta .tag")).to_have_text("Uitgenodigde partners")
    page.get_by_role("link", name="Partners uitnodigen").click()
    expect(page.get_by_role("heading", name="Uitgenodigde partners", level=1)).to_be_visible()
    journey.check("invitations page")
    page.get_by_label("Partnerorganisatie").select_option(label="W13")
    page.get_by_role("button", name="Link maken").click()
    expect(page.get_by_role("heading", name="De link voor W13")).to_be_visible()
    link = page.get_by_label("Uitnodigingslink").input_value()
    assert re.fullmatch(r"https?://[^/]+/uitnodiging/[0-9a-f]{16}[\w-]{40,}", link), link
    table = page.get_by_role("table")
    expect(table).to_contain_text("W13")
    expect(table).to_contain_text("Actief")
    journey.check("link shown once")
    path = link.split("/", 3)[3]

    # Sofie of W13 opens it on a phone and goes on with the keyboard alone.
    phone = narrow_journey.page
    keyboard = Keyboard(phone, max_steps=80)
    narrow_journey.visit("/" + path)
    expect(phone.get_by_role("heading", name="Uitnodiging voor W13", level=1)).to_be_visible()
    expect(phone.locator("main")).to_contain_text("Geïntegreerd breed onthaal")
    narrow_journey.check("invitation for a visitor")
    keyboard.skip_to_content()
    keyboard.follow("Aanmelden om te aanvaarden")
    keyboard.skip_to_content()
    keyboard.fill("E-mailadres", "sofie@w13.be")
    keyboard.fill("Wachtwoord", PASSWORD)
    keyboard.activate("Aanmelden")
    expect(phone.get_by_role("heading", name="Uitnodiging voor W13", level=1)).to_be_visible()
    narrow_journey.check("invitation for a signed-in person")
    keyboard.new_page()  # the message "Je bent aangemeld" holds the focus: Tab goes on from there
    keyboard.follow("Deelnemen namens W13")
    expect(phone.locator(".flash-success")).to_contain_text(
        "Je neemt nu deel aan “Geïntegreerd breed onthaal” namens W13.")
    expect(phone.locator(".on-behalf-notice")).to_contain_text("namens W13")
    narrow_journey.check("process for a partner")

    keyboard.new_page()
    keyboard.follow("Dien een idee in")
    keyboard.skip_to_content()
    keyboard.fill("Titel", TITLE)
    keyboard.fill("Je idee", "Eén digitaal loket voor elke inwoner van de dertien gemeenten.")
    keyboard.tab_to("Thema", exact=True)
    phone.keyboard.press("ArrowDown")
    keyboard.activate("Idee indienen")
    expect(phone.locator(".flash-success")).to_contain_text("Je idee is ingediend")
    expect(phone.locator(".idea > p.meta")).to_contain_text("door Sofie Vandamme · namens W13")
    narrow_journey.check("idea on behalf of W13")

    # A colleague of Sofie has no account yet: she registers from the link, and confirming brings her back.
    newcomer = phone_journey.page
    phone_journey.visit("/" + path)
    newcomer.get_by_role("link", name="Maak een account aan").click()
    newcomer.get_by_label("Naam die bij je ideeën verschijnt").fill("Lotte Declercq")
    newcomer.get_by_label("E-mailadres", exact=True).fill("lotte@w13.be")
    newcomer.get_by_label("Wachtwoord", exact=True).fill("Gentsesteenweg-42")
    newcomer.get_by_label("Herhaal het wachtwoord").fill("Gentsesteenweg-42")
    newcomer.get_by_label("Ik ga ermee akkoord").check()
    newcomer.get_by_role("button", name="Account aanmaken").click()
    expect(newcomer.locator("h1")).to_have_text("Kijk in je mailbox")
    newcomer.goto(phone_journey.outbox_link("lotte@w13.be"))
    expect(newcomer.locator(".flash-success")).to_contain_text("Je e-mailadres is bevestigd en je bent aangemeld.")
    expect(newcomer.get_by_role("heading", name="Uitnodiging voor W13", level=1)).to_be_visible()
    phone_journey.check("invitation after confirming")
    newcomer.get_by_role("button", name="Deelnemen namens W13").click()
    expect(newcomer.locator(".on-behalf-notice")).to_contain_text("namens W13")

    # The moderator publishes it: the list of the process shows it on W13's behalf.
    idea = db.session.scalar(db.select(Idea).where(Idea.title == TITLE))
    journey.visit(f"/moderatie/ideeen/{idea.id}")
    expect(page.locator("main")).to_contain_text("namens W13")
    publish = page.locator("#publish-panel")
    publish.get_by_label("Toelichting", exact=True).fill("Gepubliceerd.")
    publish.get_by_role("button", name="Dit idee publiceren").click()
    expect(page.locator(".flash-success")).to_be_visible()
    journey.visit("/trajecten/gbo")
    expect(page.locator(".idea-item").filter(has_text=TITLE)).to_contain_text("namens W13")
    journey.check("process list with the label")

    # ... and revokes the link, with the keyboard.
    journey.visit("/trajecten/gbo")
    page.get_by_role("link", name="Partners uitnodigen").click()
    desk = Keyboard(page, max_steps=80)
    desk.new_page()
    # From the form's button (the date field's parts take Tab presses of their own), Tab reaches the link's.
    page.get_by_role("button", name="Link maken").focus()
    desk.last = desk.focused()
    desk.activate("Intrekken de link van W13")
    expect(page.locator(".flash-success")).to_contain_text("De link van W13 is ingetrokken")
    expect(page.get_by_role("table")).to_contain_text("Ingetrokken")
    expect(page.get_by_role("table").locator("td.num")).to_have_text("2")  # Sofie and Lotte came in through it
    journey.check("link revoked")

    # The link now says it was revoked, and Sofie can no longer propose.
    response = phone.goto(narrow_journey.url("/" + path))
    assert response.status == 410
    expect(phone.get_by_role("heading", level=1)).to_have_text("Deze uitnodiging is ingetrokken")
    expect(phone.locator("main")).to_contain_text("Vraag je contactpersoon bij de stad om een nieuwe link")
    narrow_journey.check("revoked link")
    assert phone.goto(narrow_journey.url("/trajecten/gbo/ideeen/nieuw")).status == 404

    # Without JavaScript, on the smallest phone, the revoked link reads the same.
    context = browser.new_context(java_script_enabled=False, locale="nl-BE", viewport={"width": 360, "height": 780})
    try:
        plain = context.new_page()
        response = plain.goto(narrow_journey.url("/" + path))
        assert response.status == 410
        expect(plain.get_by_role("heading", level=1)).to_have_text("Deze uitnodiging is ingetrokken")
        assert plain.evaluate("document.documentElement.scrollWidth") <= 360
    finally:
        context.close()
    db.session.expire_all()
    assert db.session.scalar(db.select(Idea.partner_id).where(Idea.title == TITLE)) is not None


LINKS_OFF_SCREEN = """() => [...document.querySelectorAll('#links-title ~ * *')]
  .filter(el => el.checkVisibility() && el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map(el => el.tagName.toLowerCase() + ' ' + (el.innerText || '').trim().slice(0, 40))"""


def test_the_links_of_a_process_read_well_on_a_phone(narrow_journey, make_user, make_process):
    """Every link's partner, state, last day, people and revoke button on the 360 px screen, none behind a
    sideways scroll; still a table for a screen reader, and the buttons reached with Tab."""
    from participation.clock import brussels_today
    from participation.processes import invitations

    moderator = make_user("moderator", email="moderator@harelbeke.be", name="Moderator Stad")
    partners = [Partner(slug="w13", name="W13"), Partner(slug="leiedal", name="Leiedal", position=1),
                Partner(slug="vzw-schuldbemiddeling", name="Vzw Schuldbemiddeling", position=2)]
    db.session.add_all(partners)
    process = make_process("invited", slug="gbo", title="Geïntegreerd breed onthaal")
    for partner in partners:
        invitations.create_invitation(process, partner, brussels_today() + timedelta(days=30), moderator)
    revoked = db.session.scalar(db.select(ProcessInvitation).where(ProcessInvitation.partner_id == partners[1].id))
    invitations.revoke_invitation(revoked, moderator)
    db.session.commit()

    page = narrow_journey.page
    narrow_journey.log_in("moderator@harelbeke.be", next=f"/beheer/trajecten/{process.id}/uitnodigingen")
    table = page.get_by_role("table", name="3 links")
    expect(table.get_by_role("columnheader", name="Geldig tot en met")).to_have_count(1)
    expect(table.get_by_role("row")).to_have_count(4)  # the header and one per link
    expect(table.get_by_role("rowheader", name="Vzw Schuldbemiddeling")).to_be_visible()
    narrow_journey.check("links on a phone")
    assert page.evaluate(LINKS_OFF_SCREEN) == []
    for name in ("W13", "Vzw Schuldbemiddeling"):
        box = page.get_by_role("button", name=f"Intrekken de link van {name}").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, (name, box)
    expect(page.get_by_role("button", name="Intrekken de link van Leiedal")).to_have_count(0)

    keyboard = Keyboard(page, max_steps=60)
    keyboard.new_page()
    # From the form's button (the date field's parts take Tab presses of their own), Tab reaches the links'.
    page.get_by_role("button", name="Link maken").focus()
    keyboard.last = keyboard.focused()
    keyboard.activate("Intrekken de link van Vzw Schuldbemiddeling")
    expect(page.locator(".flash-success")).to_contain_text("De link van Vzw Schuldbemiddeling is ingetrokken")
    narrow_journey.check("a link revoked on a phone")
    assert page.evaluate(LINKS_OFF_SCREEN) == []
