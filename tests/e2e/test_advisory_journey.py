"""Three council secretaries rank, the administrator closes the ranking and bundles, the councils endorse,
and the note opens as a PDF with its points in order."""

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from participation.advisory.models import Council, CouncilMembership, CouncilRound, Proposal
from participation.extensions import db

COUNCILS = [("klimaatraad", "Klimaatraad"), ("jeugdraad", "Jeugdraad"), ("sportraad", "Sportraad")]
PROPOSALS = {
    "klimaatraad": "Een warmtekaart per wijk",
    "jeugdraad": "Een jeugdruimte in elke deelgemeente",
    "sportraad": "Schoolsportzalen open voor clubs",
}
BALLOTS = {  # each secretary's rank numbers, by council of the proposal
    "klimaatraad": {"klimaatraad": "1", "jeugdraad": "2", "sportraad": "3"},
    "jeugdraad": {"klimaatraad": "2", "jeugdraad": "1", "sportraad": "2"},
    "sportraad": {"klimaatraad": "1", "jeugdraad": "3", "sportraad": "2"},
}


def test_councils_rank_bundle_endorse_and_print_the_note(journey, make_user):
    make_user("administrator", email="beheerder@example.org", name="Beheerder")
    round_ = CouncilRound(slug="advies-2026", title="Gezamenlijk advies 2026", step="ranking", point_count=2)
    db.session.add(round_)
    for position, (slug, name) in enumerate(COUNCILS):
        council = Council(slug=slug, name=name, position=position)
        secretary = make_user("council_member", email=f"{slug}@example.org", name=f"Secretaris {name}")
        db.session.add_all([council, CouncilMembership(council=council, user=secretary, role="secretary")])
        db.session.add(Proposal(round=round_, council=council, title=PROPOSALS[slug], elaboration="Concreet."))
    db.session.commit()
    page = journey.page

    for slug, name in COUNCILS:
        journey.log_in(f"{slug}@example.org")
        journey.visit("/adviesraden/rondes/advies-2026")
        journey.check(f"round for {slug}")
        page.get_by_role("link", name=f"Stembiljet van de {name}").click()
        journey.check(f"ballot {slug}")
        for council_slug, rank in BALLOTS[slug].items():
            page.get_by_role("textbox", name=PROPOSALS[council_slug]).fill(rank)
        page.get_by_role("button", name="Stembiljet indienen").click()
        expect(page.locator(".flash-success")).to_contain_text(f"Het stembiljet van de {name} is opgeslagen")
        journey.log_out()

    journey.log_in("beheerder@example.org")
    journey.visit("/beheer/adviesrondes/advies-2026")
    journey.check("admin round in ranking")
    page.get_by_role("button", name="Rangschikking afsluiten").click()  # the browser asks for the box first
    expect(page.locator("h1")).to_have_text("Gezamenlijk advies 2026")
    expect(page.locator("#advance")).to_contain_text("Alle adviesraden hebben gestemd.")
    page.get_by_label("Ik sluit de rangschikking af", exact=False).check()
    page.get_by_role("button", name="Rangschikking afsluiten").click()
    expect(page.locator(".flash-success")).to_contain_text("Bundelen tot ambitiepunten")
    journey.visit("/adviesraden/rondes/advies-2026/rangschikking")
    expect(page.get_by_role("heading", name="Methode: Schulze-methode")).to_be_visible()
    expect(page.get_by_role("table").first).to_be_visible()
    journey.check("result")

    journey.visit("/beheer/adviesrondes/advies-2026/bundelen")
    journey.check("bundling empty")
    for number, title in ((1, "Klimaatbewust Harelbeke"), (2, "Jong en sportief Harelbeke")):
        page.get_by_label("Nummer", exact=True).fill(str(number))
        page.get_by_label("Titel", exact=True).fill(title)
        page.get_by_label("Visie", exact=True).fill(f"Harelbeke kiest voor {title.lower()}.")
        page.get_by_label("SDG-subdoelen", exact=True).fill("13.2" if number == 1 else "3.4, 4.1")
        page.get_by_role("button", name="Ambitiepunt aanmaken").click()
        expect(page.locator(".flash-success")).to_contain_text(f"Ambitiepunt {number} is aangemaakt")
        page.get_by_label("Titel van het CONCREET-deel").fill("Wat we vragen")
        page.get_by_role("button", name="Deel toevoegen").click()
        page.get_by_label("Aanbeveling", exact=True).fill(f"Een eerste stap voor punt {number}.")
        page.get_by_role("button", name="Aanbeveling toevoegen").click()
        expect(page.locator(".flash-success")).to_contain_text("De aanbeveling is toegevoegd")
        if number == 1:
            journey.check("point page")
        page.get_by_role("link", name="Bundelen", exact=False).click()
        expect(page.get_by_role("heading", name="Bundel de voorstellen tot ambitiepunten")).to_be_visible()
    page.get_by_role("combobox", name=PROPOSALS["klimaatraad"]).select_option(label="1. Klimaatbewust Harelbeke")
    page.get_by_role("combobox", name=PROPOSALS["jeugdraad"]).select_option(label="2. Jong en sportief Harelbeke")
    page.get_by_role("combobox", name=PROPOSALS["sportraad"]).select_option(label="2. Jong en sportief Harelbeke")
    journey.check("bundling assigned")
    page.get_by_role("button", name="Bundeling opslaan").click()
    expect(page.locator(".flash-success")).to_contain_text("3 gewijzigd")
    journey.visit("/beheer/adviesrondes/advies-2026")
    page.get_by_role("button", name="Naar de volgende stap: Onderschrijving door de adviesraden").click()
    expect(page.locator(".flash-success")).to_contain_text("Onderschrijving door de adviesraden")
    journey.log_out()

    for slug, name in COUNCILS:
        journey.log_in(f"{slug}@example.org")
        journey.visit("/adviesraden/rondes/advies-2026")
        page.get_by_role("link", name=f"De nota onderschrijven voor de {name}").click()
        page.get_by_label("Onze adviesraad onderschrijft de nota").check()
        if slug == "klimaatraad":
            journey.check("endorse form")
        page.get_by_role("button", name="Antwoord opslaan").click()
        expect(page.locator(".flash-success")).to_contain_text(f"Het antwoord van de {name} is opgeslagen")
        journey.log_out()

    journey.log_in("beheerder@example.org")
    journey.visit("/beheer/adviesrondes/advies-2026")
    page.get_by_role("button", name="Nota publiceren").click()
    expect(page.locator(".flash-success")).to_contain_text("Gepubliceerd")
    journey.log_out()

    journey.visit("/adviesraden/rondes/advies-2026/ambitienota")
    journey.check("published note")
    endorsed = page.locator(".note-councils")
    for _slug, name in COUNCILS:
        expect(endorsed).to_contain_text(name)
    href = page.get_by_role("link", name="Download de nota als pdf").get_attribute("href")
    response = page.request.get(journey.url(href))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages))
    first, second = text.index("Klimaatbewust Harelbeke"), text.index("Jong en sportief Harelbeke")
    assert first < second
    assert "CONCREET" in text and "Een eerste stap voor punt 2." in text and "Sportraad" in text


def test_admin_seats_members_forms_a_mixed_group_and_a_secretary_enters_proposals(journey, make_user):
    make_user("administrator", email="beheerder@example.org", name="Beheerder")
    make_user(email="an@example.org", name="An Klimaat")
    make_user(email="bert@example.org", name="Bert Jeugd")
    for position, (slug, name) in enumerate(COUNCILS[:2]):
        db.session.add(Council(slug=slug, name=name, position=position))
    db.session.commit()
    page = journey.page

    journey.log_in("beheerder@example.org")
    journey.visit("/adviesraden")
    page.get_by_role("link", name="Adviesraden en rondes beheren").click()
    journey.check("councils")
    seats = (("klimaatraad", "an@example.org", "Secretaris"), ("jeugdraad", "bert@example.org", "Lid"))
    for slug, email, role in seats:
        journey.visit(f"/beheer/adviesraden/{slug}")
        page.get_by_label("E-mailadres van de persoon").fill(email)
        page.get_by_label(role, exact=True).check()
        page.get_by_role("button", name="Toevoegen aan de adviesraad").click()
        expect(page.locator(".flash-success")).to_contain_text("zetelt in de")
    journey.check("council members")

    journey.visit("/beheer/adviesrondes")
    page.get_by_label("Titel", exact=True).fill("Advies over de stadskern")
    page.get_by_label("Webadres").fill("advies-stadskern")
    page.get_by_label("Borda-telling").check()
    page.get_by_label("Aantal ambitiepunten").fill("3")
    journey.check("new round form")
    page.get_by_role("button", name="Ronde aanmaken").click()
    expect(page.locator(".flash-success")).to_contain_text("Advies over de stadskern")
    journey.check("admin round")

    page.get_by_role("link", name="Gemengde groepen van de eerste gezamenlijke sessie").click()
    page.get_by_label("Naam van de groep").fill("Tafel 1")
    page.get_by_role("button", name="Groep aanmaken").click()
    for email, council in (("an@example.org", "Klimaatraad"), ("bert@example.org", "Jeugdraad")):
        page.get_by_label("E-mailadres van het lid").fill(email)
        page.get_by_label("Namens adviesraad").select_option(label=council)
        page.get_by_role("button", name="Toevoegen aan de groep").click()
        expect(page.locator(".flash-success")).to_contain_text("Tafel 1")
    page.get_by_label("Input van de groep").fill("Meer groen en veilige fietsroutes.")
    page.get_by_label("Planet").fill("4")
    page.get_by_label("People").fill("2")
    page.get_by_role("button", name="Input opslaan").click()
    expect(page.locator(".flash-success")).to_contain_text("is opgeslagen")
    journey.check("group")
    page.get_by_role("link", name="Gemengde groepen").click()
    expect(page.get_by_role("table")).to_contain_text("An Klimaat (Klimaatraad)")
    journey.check("groups")
    journey.visit("/beheer/adviesrondes/advies-stadskern")
    page.get_by_role("button", name="Naar de volgende stap: Voorstellen van elke adviesraad").click()
    journey.log_out()

    journey.log_in("an@example.org")
    journey.visit("/adviesraden/rondes/advies-stadskern")
    page.get_by_role("link", name="Voorstellen van de Klimaatraad").click()
    page.get_by_label("Voorstel", exact=True).fill("   ")
    page.get_by_role("button", name="Voorstel toevoegen").click()
    expect(page.locator(".error-summary")).to_contain_text("Vul het voorstel in")
    journey.check("proposal error")
    page.get_by_label("Voorstel", exact=True).fill("Een autoluwe Marktstraat")
    page.get_by_label("Concrete uitwerking").fill("Proefproject van zes maanden, met een telling voor en na.")
    page.get_by_role("button", name="Voorstel toevoegen").click()
    expect(page.locator(".flash-success")).to_contain_text("Het voorstel is toegevoegd")
    expect(page.locator(".proposal-list")).to_contain_text("Een autoluwe Marktstraat")
    journey.check("proposals")
