"""A moderator links an idea to target 11.7 in the browser; goal 11's page then lists the idea."""

from playwright.sync_api import expect

from participation.extensions import db
from participation.ideas.models import Idea
from participation.sdgs.models import CityStatement


def test_moderator_links_an_idea_to_target_11_7(journey, make_user, make_process):
    make_user("moderator", email="moderator@example.org")
    process = make_process("public", slug="hallo-harelbeke", title="Hallo Harelbeke")
    idea = Idea(
        process_id=process.id,
        title="Een speelpleintje in de Vlietestraat",
        body="<p>Een groene, veilige speelplek voor kinderen en ouderen in de wijk, met bomen en banken.</p>",
        theme="prosperity",
        status="published",
    )
    db.session.add(idea)
    db.session.add(CityStatement(goal_number=10, sentence="Iedereen telt mee in Harelbeke"))
    db.session.add(CityStatement(goal_number=11, sentence="Harelbeke investeert in de duurzame ruimtelijke "
                                                           "ontwikkeling van de stad"))
    db.session.commit()
    page = journey.page

    journey.visit("/sdgs")
    expect(page.locator("h1")).to_have_text("Duurzame ontwikkelingsdoelen")
    expect(page.locator(".sdg-tile")).to_have_count(17)
    expect(page.locator(".sdg-tile.sdg-10")).to_contain_text("Iedereen telt mee in Harelbeke")
    journey.check("overview")

    journey.log_in("moderator@example.org")

    journey.visit("/sdgs/11")
    page.get_by_role("link", name="Een idee koppelen aan een subdoel").click()
    page.get_by_label("Zoek ideeën op titel").fill("speelplein")
    page.get_by_role("button", name="Zoeken").click()
    journey.check("choose an idea")
    page.get_by_role("link", name="Een speelpleintje in de Vlietestraat").click()
    expect(page.get_by_role("heading", name="Voorgestelde doelen en subdoelen")).to_be_visible()
    journey.check("link page with suggestions")

    page.get_by_label("Subdoel (code)", exact=True).fill("99.1")
    page.get_by_role("button", name="Subdoel koppelen").click()
    expect(page.locator(".field-error")).to_contain_text("Er is geen subdoel 99.1")
    journey.check("unknown code")

    page.get_by_label("Subdoel (code)", exact=True).fill("11.7")
    page.get_by_role("button", name="Subdoel koppelen").click()
    expect(page.locator(".flash-success")).to_contain_text("11.7")
    expect(page.locator(".sdg-chips")).to_contain_text("11.7")
    journey.check("idea linked")

    page.locator(".sdg-chips").get_by_role("link", name="11.7").click()
    expect(page.locator("h1")).to_have_text("Duurzame steden en gemeenschappen")
    expect(page.get_by_role("region", name="Ideeën gekoppeld aan dit doel")).to_contain_text(
        "Een speelpleintje in de Vlietestraat"
    )
    journey.check("goal 11 lists the idea")

    journey.visit("/sdgs")
    expect(page.locator(".sdg-tile.sdg-11")).to_contain_text("1 idee")


def test_moderator_links_target_11_7_from_the_idea_page(journey, make_user, make_process):
    make_user("moderator", email="moderator@example.org")
    process = make_process("public", slug="hallo-harelbeke", title="Hallo Harelbeke")
    idea = Idea(process_id=process.id, title="Een buurtmoestuin in Stasegem", theme="planet", status="published",
                body="<p>Een gedeelde moestuin op het braakliggend terrein, voor de hele buurt.</p>")
    db.session.add(idea)
    db.session.commit()
    page = journey.page

    journey.log_in("moderator@example.org")

    journey.visit("/trajecten/hallo-harelbeke")
    page.get_by_role("link", name="Een buurtmoestuin in Stasegem").click()
    links = page.get_by_role("region", name="Duurzame ontwikkelingsdoelen")
    expect(links).to_contain_text("Dit idee is nog niet gekoppeld aan een SDG-subdoel.")
    journey.check("idea page before linking")

    links.get_by_label("Subdoel (code)", exact=True).fill("11.7")
    links.get_by_role("button", name="Subdoel koppelen").click()
    expect(page.locator(".flash-success")).to_contain_text("11.7")
    expect(page.locator("h1")).to_have_text("Een buurtmoestuin in Stasegem")
    expect(page.locator(".sdg-chips")).to_contain_text("11.7")
    journey.check("idea page with the 11.7 chip")

    page.locator(".sdg-chips").get_by_role("link", name="11.7").click()
    expect(page.locator("h1")).to_have_text("Duurzame steden en gemeenschappen")
    expect(page.get_by_role("region", name="Ideeën gekoppeld aan dit doel")).to_contain_text(
        "Een buurtmoestuin in Stasegem"
    )
    journey.check("goal 11 lists the idea")
