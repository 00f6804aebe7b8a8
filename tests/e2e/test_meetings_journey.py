"""A facilitator records the SDG game with its attendance and two ideas written in the room; the ideas say
where they come from on their road, and the process report counts online and in the room apart. A joint
council session gets its mixed groups' theme votes and a council's ranking from its page; an info evening
in a vote phase gets the votes counted in the room, shown beside the votes online."""

import io
import re
from datetime import date

from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import idea
from tests.e2e.keyboard import Keyboard


def test_facilitator_records_a_session_and_its_ideas_from_the_room(journey, make_user, make_process):
    make_user("moderator", email="facilitator@harelbeke.be", name="Facilitator Stad")
    admin = make_user("administrator", email="beheerder@harelbeke.be", name="Beheerder")
    process = make_process(audience="staff", slug="inspiratienota-2040", title="Inspiratienota 2040")
    idea(process, "Een buddy voor elke nieuwe collega", author=make_user("employee"))
    page = journey.page

    journey.log_in("facilitator@harelbeke.be")
    journey.visit("/trajecten/inspiratienota-2040")
    sessions = page.get_by_role("region", name="Sessies")
    expect(sessions).to_contain_text("Er is nog geen sessie in de zaal vastgelegd.")
    sessions.get_by_role("link", name="Sessie vastleggen").click()
    expect(page.get_by_role("heading", name="Sessie vastleggen", level=1)).to_be_visible()
    journey.check("record a session")

    page.get_by_label("Soort sessie").select_option("game")
    page.get_by_label("Titel", exact=True).fill("het SDG-spel")
    page.get_by_label("Datum", exact=True).fill("2024-01-01")
    page.get_by_label("Alleen de maand is gekend").check()
    page.get_by_label("Groep 1", exact=True).fill("Medewerkers")
    page.get_by_label("Aantal mensen in groep 1").fill("tachtig")
    page.get_by_role("button", name="Sessie opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Schrijf het aantal mensen als een geheel getal.")
    journey.check("attendance refused")

    page.get_by_label("Aantal mensen in groep 1").fill("80")
    page.get_by_label("Kort verslag (niet verplicht)").fill(
        "Ongeveer 80 medewerkers speelden het SDG-spel van **The Forge**.")
    page.get_by_role("button", name="Sessie opslaan").click()
    expect(page.locator(".flash-success")).to_contain_text("De sessie “Het SDG-spel” is opgeslagen.")
    expect(page.get_by_role("heading", name="Het SDG-spel", level=1)).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Medewerkers")
    expect(page.get_by_role("table")).to_contain_text("80")
    expect(page.locator(".prose strong")).to_have_text("The Forge")
    journey.check("session page")

    page.get_by_role("link", name="Idee uit de zaal invoeren").click()
    expect(page.locator(".lead")).to_contain_text("uit het SDG-spel van 01/2024")
    page.get_by_label("Titel", exact=True).fill("Groene speelplaatsen bij elke school")
    page.get_by_label("Je idee", exact=True).fill("Tegels eruit, bomen erin.")
    page.get_by_label("Thema", exact=True).select_option("planet")
    journey.check("idea from the room")
    page.get_by_role("button", name="Invoeren en nog een toevoegen").click()
    expect(page.locator(".flash-success")).to_contain_text("uit het SDG-spel van 01/2024")
    page.get_by_label("Titel", exact=True).fill("Een deelfietsenpunt aan het stadhuis")
    page.get_by_label("Je idee", exact=True).fill("Dienstfietsen delen tussen de diensten.")
    page.get_by_label("Thema", exact=True).select_option("planet")
    page.get_by_role("button", name="Idee ingeven").click()
    expect(page.get_by_role("heading", name="Het SDG-spel", level=1)).to_be_visible()

    # the facilitator is a moderator: they publish both, and the session lists them
    for title in ("Groene speelplaatsen bij elke school", "Een deelfietsenpunt aan het stadhuis"):
        journey.visit("/moderatie/ideeen")
        page.get_by_role("link", name=title).click()
        publish = page.locator("#publish-panel")
        publish.get_by_label("Toelichting", exact=True).fill("Uit het SDG-spel: gepubliceerd.")
        publish.get_by_role("button", name="Dit idee publiceren").click()
        expect(page.locator(".flash-success")).to_be_visible()

    journey.visit("/trajecten/inspiratienota-2040")
    sessions = page.get_by_role("region", name="Sessies")
    expect(sessions).to_contain_text("80 mensen in de zaal")
    sessions.get_by_role("link", name="Het SDG-spel").click()
    room = page.get_by_role("region", name="Ideeën uit deze sessie")
    expect(room.get_by_role("listitem")).to_have_count(2)
    room.get_by_role("link", name="Groene speelplaatsen bij elke school").click()
    expect(page.locator(".idea > p.meta").get_by_role("link", name="uit het SDG-spel van 01/2024")).to_have_attribute(
        "href", re.compile(r"/trajecten/inspiratienota-2040/sessies/\d+$"))
    road = page.get_by_role("region", name="De weg van dit idee")
    expect(road).to_contain_text("uit het SDG-spel van 01/2024")
    expect(page.locator("main")).not_to_contain_text("via het loket")
    journey.check("idea from the room on its road")

    journey.log_out()
    journey.log_in(admin.email)
    response = page.request.get(journey.url("/beheer/trajecten/inspiratienota-2040/rapport.pdf"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    table = text.split("Online en in de zaal", 1)[1]
    assert re.search(r"Deelnemers\s+1\s+80\s+81", table), table[:300]
    assert re.search(r"Ideeën\s+1\s+2\s+3", table), table[:300]
    assert "Het SDG-spel" in text and "01/2024" in text


def test_administrator_records_a_joint_council_session_with_its_mixed_groups(journey, make_user):
    from participation.advisory import services
    from participation.advisory.models import Council, CouncilRound, Proposal
    from participation.extensions import db

    admin = make_user("administrator", email="beheerder@harelbeke.be", name="Beheerder")
    round_ = CouncilRound(slug="ambitienota-2030", title="Ambitienota 2030", step="groups")
    councils = [Council(slug="klimaatraad", name="Klimaatraad"), Council(slug="jeugdraad", name="Jeugdraad")]
    db.session.add_all([round_, *councils])
    db.session.flush()
    group = services.create_group(round_, "Groep 1")
    services.record_group_input(group, "", {"people": 4, "planet": 6, "prosperity": 1, "peace_partnership": 2})
    db.session.commit()
    page = journey.page

    journey.log_in(admin.email)
    journey.visit(f"/beheer/adviesrondes/ambitienota-2030/groepen/{group.id}")
    page.get_by_label("Naam", exact=True).fill("An Vandenberghe")
    page.get_by_label("Namens de adviesraad (niet verplicht)").select_option(label="Jeugdraad")
    page.get_by_role("button", name="Op naam plaatsen").click()
    expect(page.locator(".flash-success")).to_contain_text("An Vandenberghe")
    expect(page.get_by_role("region", name="Leden")).to_contain_text("An Vandenberghe (Jeugdraad)")
    journey.check("guest seated by name")

    journey.visit("/adviesraden/rondes/ambitienota-2030")
    page.get_by_role("region", name="Sessies").get_by_role("link", name="Sessie vastleggen").click()
    page.get_by_label("Soort sessie").select_option("joint_session")
    page.get_by_label("Titel", exact=True).fill("de eerste gezamenlijke sessie")
    page.get_by_label("Datum", exact=True).fill("2030-02-01")
    page.get_by_label("Groep 1", exact=True).fill("Klimaatraad")
    page.get_by_label("Aantal mensen in groep 1").fill("6")
    page.get_by_role("button", name="Sessie opslaan").click()
    expect(page.get_by_role("heading", name="De eerste gezamenlijke sessie", level=1)).to_be_visible()
    page.get_by_label("Groep 1", exact=True).check()
    page.get_by_role("button", name="Groepen opslaan").click()
    groups = page.get_by_role("region", name="Gemengde groepen van deze sessie")
    expect(groups.get_by_role("table")).to_contain_text("An Vandenberghe (Jeugdraad)")
    expect(groups.locator("tfoot")).to_contain_text("6")
    journey.check("joint council session")

    # the facilitator enters the groups' theme votes from the session page
    groups.get_by_role("link", name="Voer de themastemmen van de groepen in").click()
    page.get_by_role("textbox", name="Groep 1 Planet").fill("7")
    page.get_by_role("textbox", name="Groep 1 People").fill("4")
    journey.check("theme votes")
    page.get_by_role("button", name="De themastemmen opslaan").click()
    expect(page.locator(".flash-success")).to_contain_text("uit de eerste gezamenlijke sessie van 01/02/2030")
    expect(page.get_by_role("region", name="Gemengde groepen van deze sessie").locator("tfoot")).to_contain_text("7")

    # in the ranking step, the Klimaatraad's ranking made in the room is entered by keyboard
    round_.step = "ranking"
    for council, title in ((councils[0], "Energie"), (councils[1], "Mobiliteit op mensenmaat")):
        db.session.add(Proposal(round_id=round_.id, council_id=council.id, title=title))
    db.session.commit()
    page.reload()
    keyboard = Keyboard(page, max_steps=90)
    keyboard.new_page()
    keyboard.activate("Rangschikking van de Klimaatraad")
    keyboard.skip_to_content()
    for rank in ("2", "1"):  # Energie, then Mobiliteit op mensenmaat
        while not ((focus := keyboard.tab()).tag == "input" and focus.in_main):
            pass
        keyboard.type_text(rank)
    journey.check("ranking from the room")
    keyboard.activate("De rangschikking opslaan")
    rankings = page.get_by_role("region", name="Rangschikkingen uit deze sessie")
    expect(rankings).to_contain_text("Klimaatraad")
    expect(rankings.get_by_role("listitem").filter(has_text="Klimaatraad").locator("ol li").first).to_have_text(
        "Mobiliteit op mensenmaat")
    expect(rankings).to_contain_text("ingevoerd uit deze sessie")
    journey.check("session with its rankings")


def test_facilitator_enters_the_votes_counted_in_the_room_during_the_vote_phase(journey, make_user, make_process):
    from participation.extensions import db
    from participation.meetings import services
    from participation.votes.models import VoteRule

    make_user("moderator", email="facilitator@harelbeke.be", name="Facilitator Stad")
    process = make_process(slug="hallo-harelbeke", title="Hallo Harelbeke",
                           phases=(("propose", -30, -10), ("vote", -2, 10)))
    db.session.add(VoteRule(process_id=process.id, kind="dots", budget=5, max_per_idea=3))
    bank = idea(process, "Een bank op de Markt", author=make_user())
    idea(process, "Een speelplein in Hulste", author=make_user())
    services.save_meeting(services.Meeting(process=process), services.MeetingData(
        kind="info_evening", title="de infoavond in Hulste", held_on=date(2026, 11, 30),
        attendance=[services.Attendance("Inwoners", 30)]), None)
    db.session.commit()
    page = journey.page

    journey.log_in("facilitator@harelbeke.be")
    journey.visit("/trajecten/hallo-harelbeke")
    page.get_by_role("region", name="Sessies").get_by_role("link", name="De infoavond in Hulste").click()
    page.get_by_role("link", name="Voer de stemmen uit de zaal in").click()
    page.get_by_label("Een bank op de Markt").fill("12")
    page.get_by_label("Een speelplein in Hulste").fill("7")
    journey.check("votes from the room")
    page.get_by_role("button", name="De stemmen uit de zaal opslaan").click()
    expect(page.locator(".flash-success")).to_contain_text("19 stemmen uit de zaal zijn opgeslagen.")
    votes = page.get_by_role("region", name="Stemmen in de zaal")
    expect(votes.get_by_role("row")).to_have_count(3)
    journey.check("session with its votes from the room")

    journey.visit(f"/ideeen/{bank.id}")
    box = page.locator(".vote-box")
    expect(box).to_contain_text("online stemmen")
    expect(box).to_contain_text("12 stemmen in de zaal")
    expect(box.get_by_role("link", name="12 uit de infoavond in Hulste van 30/11/2026")).to_be_visible()
    journey.check("idea with its votes from the room")
    journey.visit("/trajecten/hallo-harelbeke/rangschikking")
    expect(page.locator(".notice")).to_contain_text("telt alleen de online stemmen")

