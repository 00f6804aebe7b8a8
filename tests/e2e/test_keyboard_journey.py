"""A resident who uses only the keyboard registers, confirms, logs in and finds the processes.

No clicks: Tab, Shift+Tab, Enter, Space and typing. Opening the confirmation link is the one
address typed into the browser, as a person does from the mail. Later steps (propose an idea,
vote) are added as functions like `find_processes(keyboard)` and chained in the test.
"""

from playwright.sync_api import expect

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


def log_in(keyboard: Keyboard, journey) -> None:
    page = keyboard.page
    expect(page.locator(".flash-success")).to_contain_text("bevestigd")
    keyboard.skip_to_content()
    keyboard.fill("E-mailadres", EMAIL)
    keyboard.fill("Wachtwoord", SECRET)
    keyboard.press_enter(navigates=True)
    expect(page.locator(".flash-success")).to_contain_text("Je bent aangemeld")
    journey.check("logged in")


def find_processes(keyboard: Keyboard, journey) -> None:
    page = keyboard.page
    keyboard.activate("Trajecten", backwards=True)
    expect(page.locator("h1")).to_have_text("Trajecten")
    keyboard.skip_to_content()
    journey.check("processes")


def test_resident_journey_with_the_keyboard_alone(journey, make_process):
    make_process("public", slug="speelpleinen", title="Speelpleinen in de Eerste Aard")
    page = journey.page
    keyboard = Keyboard(page)
    journey.visit("/")
    keyboard.skip_to_content()
    journey.check("home after skip link")

    register(keyboard, journey)
    page.goto(journey.outbox_link(EMAIL))
    log_in(keyboard, journey)
    find_processes(keyboard, journey)
    expect(page.get_by_role("link", name="Speelpleinen in de Eerste Aard")).to_be_visible()
    assert "Naar de inhoud" in keyboard.trail


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
