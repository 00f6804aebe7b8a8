"""A resident follows an ambition point of the councils' 2024 note and sees the plan actions that carry it
out; a moderator answers for the city and links one more action; the resident reads both, from the mail.
The same pages on a 360 px phone. And the ideas of a process filtered by wijk."""

import re

from playwright.sync_api import expect

KINDVRIENDELIJK = "Kindvriendelijk Harelbeke met aandacht voor onderwijs, opvang en rechten van het kind"
NOTE = "/adviesraden/rondes/ambitienota-2024/ambitienota"
POINT = "/adviesraden/rondes/ambitienota-2024/punten/4"
ANSWER = ("De stad opent in 2027 twee nieuwe opvanginitiatieven en zoekt samen met het Lokaal Overleg "
          "Kinderopvang ruimte.")


def load_demo(app) -> None:
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output


def test_a_resident_follows_an_ambition_point_and_sees_its_actions(app, journey, narrow_journey, make_user):
    load_demo(app)
    make_user(email="sofie@example.org", name="Sofie")
    make_user("moderator", email="moderatie@example.org", name="Moderator Participatie")
    page = journey.page

    journey.log_in("sofie@example.org")
    journey.visit("/adviesraden")
    page.get_by_role("link", name="Ambitienota 2024").first.click()
    page.get_by_role("link", name="De ambitienota").click()
    expect(page).to_have_url(re.compile(NOTE + "$"))
    expect(page.get_by_role("heading", name="Wat de stad met de punten doet")).to_be_visible()
    journey.check("the note and the city's block")

    page.get_by_role("link", name=f"4. {KINDVRIENDELIJK}").click()
    expect(page).to_have_url(re.compile(POINT + "$"))
    city = page.locator(".city-block")
    expect(page.get_by_role("heading", name="Wat de adviesraden schreven")).to_be_visible()
    expect(city.get_by_role("link", name="D03/AP01/02 Stimuleren van extra opvangplaatsen")).to_be_visible()
    expect(city.get_by_role("link", name="D10/AP02/05 Jongeren met een beperking kunnen zich uitleven")).to_be_visible()
    expect(city.locator(".status").first).to_have_text("Bezig")
    expect(city).to_contain_text("De stad antwoordde nog niet op dit punt.")
    journey.check("point 4 before following")

    page.get_by_role("button", name="Volg dit punt").click()
    expect(page.locator(".flash-success")).to_contain_text("Je volgt dit punt")
    expect(page.get_by_role("button", name="Dit punt niet meer volgen")).to_be_visible()
    journey.check("point 4 followed")
    journey.visit("/account/gevolgde-punten")
    expect(page.get_by_role("link", name=f"4. {KINDVRIENDELIJK}")).to_be_visible()
    journey.check("points I follow")
    journey.log_out()

    journey.log_in("moderatie@example.org")
    journey.visit(POINT)
    page.get_by_role("link", name="Dit punt beantwoorden of acties koppelen").click()
    journey.check("moderator's page of point 4")
    page.get_by_role("textbox", name="Nieuw antwoord van de stad").fill(ANSWER)
    page.get_by_role("button", name="Antwoord bewaren en de volgers verwittigen").click()
    expect(page.locator(".flash-success")).to_contain_text("Het antwoord van de stad is bewaard")
    page.get_by_label("Zoek op code of titel").fill("D03/AP01/01")
    page.get_by_role("button", name="Zoeken").click()
    journey.check("moderator searches an action")
    page.get_by_role("button", name="Koppelen D03/AP01/01").click()
    expect(page.locator(".flash-success")).to_contain_text("De actie D03/AP01/01 is aan het punt gekoppeld")
    journey.log_out()

    journey.log_in("sofie@example.org")
    link = journey.outbox_link("sofie@example.org")
    assert link.endswith(POINT)
    page.goto(link)
    city = page.locator(".city-block")
    expect(city).to_contain_text(ANSWER)
    expect(city).to_contain_text("Moderator Participatie")
    expect(city.get_by_role("link", name="D03/AP01/01 Verzekeren van buitenschoolse kinderopvang")).to_be_visible()
    expect(city).to_contain_text("41.566 € van 55.325 €")
    journey.check("point 4 with the city's answer")

    phone = narrow_journey
    for path, label in ((POINT, "point 4 on a phone"), (NOTE, "the note on a phone")):
        phone.visit(path)
        phone.fits(360)
        phone.check(label)
    expect(phone.page.locator(".city-block")).to_contain_text(ANSWER)


def test_a_resident_filters_the_ideas_by_wijk(app, journey, narrow_journey):
    load_demo(app)
    for person in (journey, narrow_journey):
        page = person.page
        person.visit("/trajecten/hallo-harelbeke")
        page.get_by_label("Wijk").select_option(label="Stasegem")
        page.get_by_role("button", name="Tonen").click()
        ideas = page.locator(".idea-item")
        expect(ideas).to_have_count(1)
        expect(ideas.first).to_contain_text("Bomen en schaduw op de speelplaatsen")
        expect(ideas.first).to_contain_text("Stasegem (Harelbeke)")
        expect(page.get_by_label("Wijk")).to_have_value(re.compile(r"\d+"))
        person.fits(page.viewport_size["width"])
        person.check("ideas in Stasegem")
        page.get_by_label("Deelgemeente").select_option(label="Hulste (8531)")
        page.get_by_label("Wijk").select_option(label="Alle wijken")
        page.get_by_role("button", name="Tonen").click()
        expect(ideas.first).to_contain_text("Een speelplein in Hulste")
