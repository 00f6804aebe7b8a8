"""A resident who uses only the keyboard registers, confirms, logs in and finds the processes.

No clicks: Tab, Shift+Tab, Enter, Space, arrow keys and typing. Opening the confirmation link is
the one address typed into the browser, as a person does from the mail. Then the resident proposes
an idea in one process and casts a vote in another, still with the keyboard alone.
"""

from playwright.sync_api import expect

from participation.extensions import db
from participation.ideas.models import Idea
from participation.votes.models import VoteRule
from tests.e2e.keyboard import Keyboard

EMAIL = "ruben@example.org"
SECRET = "Overleiestraat-9"


def register(keyboard: Keyboard, journey) -> None:
    page = keyboard.page
    keyboard.activate("Registreren", backwards=True)
    expect(page.locator("h1")).to_have_text("Maak een account aan")
    journey.check("register form")
    keyboard.fill("Naam die bij je ideeën verschijnt", "Ruben")
    keyboard.fill("E-mailadres", EMAIL)
    keyboard.fill("Wachtwoord", SECRET)
    keyboard.fill("Herhaal het wachtwoord", SECRET)
    focus = keyboard.tab_to("Ik ga ermee akkoord")
    assert focus.type == "checkbox"
    keyboard.press_space()
    expect(page.get_by_label("Ik ga ermee akkoord")).to_be_checked()
    keyboard.activate("Account aanmaken")
    expect(page.locator("h1")).to_have_text("Kijk in je mailbox")
    journey.check("check mailbox")


def confirmed_and_logged_in(keyboard: Keyboard, journey) -> None:
    """The link in the mail confirms the address and logs the person in."""
    page = keyboard.page
    expect(page.locator(".flash-success")).to_contain_text("bevestigd en je bent aangemeld")
    keyboard.skip_to_content()
    journey.check("logged in")


def find_processes(keyboard: Keyboard, journey) -> None:
    page = keyboard.page
    keyboard.activate("Trajecten", backwards=True)
    expect(page.locator("h1")).to_have_text("Trajecten")
    keyboard.skip_to_content()
    journey.check("processes")


def go_to(keyboard: Keyboard, name: str) -> None:
    """Follow a link with Enter; when the skip link already put the focus on it, no Tab is needed."""
    if keyboard.last is None or not keyboard.last.name.startswith(name):
        keyboard.tab_to(name)
    keyboard.press_enter(navigates=True)


def propose_idea(keyboard: Keyboard, journey) -> None:
    page = keyboard.page
    go_to(keyboard, "Speelpleinen in de Eerste Aard")
    expect(page.locator("h1")).to_have_text("Speelpleinen in de Eerste Aard")
    keyboard.skip_to_content()
    journey.check("process page")
    go_to(keyboard, "Dien een idee in")
    keyboard.skip_to_content()
    journey.check("idea form")
    keyboard.fill("Titel", "Een schaduwzeil boven de zandbak")
    keyboard.fill("Je idee", "In de zomer is de zandbak te heet. Een zeil geeft schaduw aan de kleinsten.")
    focus = keyboard.tab_to("Thema", exact=True)
    assert focus.tag == "select"
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Thema", exact=True)).to_have_value("people")
    keyboard.activate("Idee indienen")
    expect(page.locator(".flash-success")).to_contain_text("Je idee is ingediend")
    expect(page.locator("h1")).to_have_text("Een schaduwzeil boven de zandbak")
    journey.check("idea submitted")


def cast_vote(keyboard: Keyboard, journey) -> None:
    page = keyboard.page
    keyboard.activate("Trajecten", backwards=True)
    keyboard.skip_to_content()
    go_to(keyboard, "Fietsstraten in Harelbeke")
    keyboard.skip_to_content()
    go_to(keyboard, "Stem en bekijk de rangschikking")
    expect(page.locator("h1")).to_have_text("Rangschikking")
    expect(page.locator("[data-vote-remaining]")).to_have_text("Je hebt nog 3 stemmen van de 3.")
    keyboard.skip_to_content()
    journey.check("ranking")
    focus = keyboard.tab_to("Geef een stem: Fietsstraat in de Stationsstraat")
    assert focus.tag == "button"
    keyboard.press_enter()
    expect(page.locator("[data-vote-remaining]")).to_have_text("Je hebt nog 2 stemmen van de 3.")
    expect(page.locator("[data-vote-mine]").first).to_have_text("1")
    journey.check("vote cast")


def test_resident_journey_with_the_keyboard_alone(journey, make_process):
    make_process("public", slug="speelpleinen", title="Speelpleinen in de Eerste Aard")
    voting = make_process("public", phases=[("propose", -20, -10), ("vote", -1, 5)], slug="fietsstraten",
                          title="Fietsstraten in Harelbeke")
    db.session.add(VoteRule(process_id=voting.id, kind="dots", budget=3, max_per_idea=2))
    db.session.add(Idea(process_id=voting.id, title="Fietsstraat in de Stationsstraat", theme="planet",
                        body="<p>Auto's te gast, fietsers eerst.</p>", status="published"))
    db.session.commit()
    page = journey.page
    keyboard = Keyboard(page)
    journey.visit("/")
    keyboard.skip_to_content()
    journey.check("home after skip link")

    register(keyboard, journey)
    page.goto(journey.outbox_link(EMAIL))
    confirmed_and_logged_in(keyboard, journey)
    find_processes(keyboard, journey)
    expect(page.get_by_role("link", name="Speelpleinen in de Eerste Aard")).to_be_visible()
    propose_idea(keyboard, journey)
    cast_vote(keyboard, journey)
    assert "Naar de inhoud" in keyboard.trail
    idea = db.session.scalar(db.select(Idea).where(Idea.title == "Een schaduwzeil boven de zandbak"))
    assert idea is not None and idea.status == "submitted" and idea.theme == "people"
    db.session.expire_all()
    voted = db.session.scalar(db.select(Idea).where(Idea.title == "Fietsstraat in de Stationsstraat"))
    assert voted.vote_count == 1


def test_focus_is_visible_on_every_control_of_the_home_page(journey, make_process):
    """Tab through the whole home page and back: every stop shows where the focus is."""
    make_process("public", slug="fietsroutes", title="Fietsroutes")
    keyboard = Keyboard(journey.page, max_steps=80)
    journey.visit("/")
    keyboard.new_page()
    forward = []
    for _ in range(keyboard.max_steps):
        focus = keyboard.tab()
        forward.append(focus.name)
        if focus.name == "Privacy":
            break
    assert forward[0] == "Naar de inhoud"
    assert "Fietsroutes" in forward
    back = keyboard.tab_to("Naar de inhoud", backwards=True)
    assert back.name == "Naar de inhoud"
