"""A resident registers, confirms the e-mail address, logs in and out, in a real browser."""

from playwright.sync_api import expect

from tests.conftest import PASSWORD


def test_resident_registers_confirms_logs_in_and_out(journey):
    page = journey.page
    journey.visit("/")
    expect(page.locator("h1")).to_be_visible()
    journey.check("home")

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Registreren").click()
    journey.check("register form")
    page.get_by_label("Naam die bij je ideeën verschijnt").fill("Sofie")
    page.get_by_label("E-mailadres", exact=True).fill("sofie@example.org")
    page.get_by_label("Wachtwoord", exact=True).fill("kort")
    page.get_by_label("Herhaal het wachtwoord").fill("kort")
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.locator(".error-summary")).to_be_visible()
    journey.check("register errors")

    page.get_by_label("Wachtwoord", exact=True).fill("Gentsesteenweg-42")
    page.get_by_label("Herhaal het wachtwoord").fill("Gentsesteenweg-42")
    page.get_by_label("Ik ga ermee akkoord").check()
    page.get_by_role("button", name="Account aanmaken").click()
    expect(page.locator("h1")).to_have_text("Kijk in je mailbox")
    journey.check("check mailbox")

    page.goto(journey.url("/account/aanmelden"))
    page.get_by_label("E-mailadres", exact=True).fill("sofie@example.org")
    page.get_by_label("Wachtwoord", exact=True).fill("Gentsesteenweg-42")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.locator(".error-summary")).to_contain_text("Bevestig eerst je e-mailadres")
    journey.check("login unconfirmed")

    page.goto(journey.outbox_link("sofie@example.org"))
    expect(page.locator(".flash-success")).to_have_text("Je e-mailadres is bevestigd en je bent aangemeld. Welkom!")
    journey.check("confirmed and logged in")

    page.get_by_role("button", name="Afmelden").click()
    expect(page.locator(".flash-success")).to_contain_text("Je bent afgemeld")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Aanmelden").click()
    page.get_by_label("E-mailadres", exact=True).fill("sofie@example.org")
    page.get_by_label("Wachtwoord", exact=True).fill("Gentsesteenweg-42")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.locator(".flash-success")).to_contain_text("Je bent aangemeld")
    journey.check("logged in")


def test_wrong_password_and_language_switch(journey, make_user):
    make_user(email="jan@example.org")
    page = journey.page
    journey.visit("/account/aanmelden")
    page.get_by_label("E-mailadres", exact=True).fill("jan@example.org")
    page.get_by_label("Wachtwoord", exact=True).fill("helemaal-fout-1")
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.locator(".error-summary")).to_contain_text("horen niet bij elkaar")
    journey.check("wrong password")
    page.get_by_role("link", name="FR").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_label("Adresse électronique").fill("jan@example.org")
    page.locator("main").get_by_role("button").click()
    expect(page.locator(".flash-success")).to_be_visible()
    journey.check("logged in in french")
