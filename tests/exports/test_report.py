import io

from pypdf import PdfReader

from tests.conftest import idea
from tests.exports.factories import counted_votes, district, neighbourhood


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_process_report_has_figures_ranking_chart_and_answers(admin_client, make_process, make_user):
    process = make_process(slug="hallo-harelbeke", title="Hallo Harelbeke",
                           phases=[("propose", -20, -10), ("vote", -10, -1), ("result", -1, None)])
    resident = make_user()
    hulste = district("Hulste")
    counted_votes(idea(process, "Fietsstraat naar school", author=resident, district=hulste, status="selected",
                       answer="<p>We nemen dit op in het meerjarenplan.</p>"), 41)
    counted_votes(idea(process, "Bloemen aan het station", author=resident, status="not_selected",
                       answer="<p>Het station is van de NMBS.</p>"), 17)
    counted_votes(idea(process, "Petanquebaan in Bavikhove", entered_by=make_user("employee")), 9)
    idea(process, "Nog niet gemodereerd", status="submitted")
    counted_votes(idea(process, "Schaduw op de speelplaats", author=resident,
                       neighbourhood=neighbourhood("Stasegem")), 3)

    response = admin_client.get("/beheer/trajecten/hallo-harelbeke/rapport.pdf")

    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    text = pdf_text(response.data)
    assert "Hallo Harelbeke" in text
    assert "Ideeënfase" in text and "Stemfase" in text
    assert "Ideeën per deelgemeente" in text and "Hulste" in text
    assert "Ideeën per wijk" in text and "Stasegem (Harelbeke)" in text
    assert "Rangschikking" in text
    # the chart's labels and the table alternative both carry the ranking
    assert text.count("1. Fietsstraat naar school") >= 1
    assert "2. Bloemen aan het station" in text and "3. Petanquebaan in Bavikhove" in text
    assert text.index("Fietsstraat naar school") < text.index("Bloemen aan het station")
    assert "Nog niet gemodereerd" not in text.split("Rangschikking", 1)[1]
    assert "We nemen dit op in het meerjarenplan." in text
    assert "<p>" not in text
    assert "Het station is van de NMBS." in text


def test_ideas_with_the_same_total_share_a_place(app, make_process):
    from participation.votes.results import standing

    process = make_process()
    for title, votes in (("A", 9), ("c", 5), ("B", 5), ("D", 2)):
        idea(process, title, votes=votes)
    assert [(row.rank, row.title) for row in standing(process, 20)] == [(1, "A"), (2, "B"), (2, "c"), (4, "D")]


def test_report_of_an_empty_process_says_so(admin_client, make_process):
    make_process(slug="leeg")
    text = pdf_text(admin_client.get("/beheer/trajecten/leeg/rapport.pdf").data)
    assert "Nog geen gepubliceerde ideeën om te rangschikken." in text


def test_report_is_for_administrators_only(client_as, make_process):
    make_process(slug="hallo-harelbeke")
    assert client_as("moderator").get("/beheer/trajecten/hallo-harelbeke/rapport.pdf").status_code == 403
    assert client_as("administrator").get("/beheer/trajecten/bestaat-niet/rapport.pdf").status_code == 404


def test_report_counts_who_took_part_per_group(app, make_process, make_user):
    from participation.exports.queries import participation_figures
    from participation.extensions import db
    from participation.votes.models import Ballot

    process = make_process()
    resident, employee, member = make_user(), make_user("employee"), make_user("council_member")
    idea(process, "Een idee van een inwoner", author=resident)
    idea(process, "Een idee van een medewerker", author=employee)
    idea(process, "Aan het loket", entered_by=employee)
    db.session.add_all([Ballot(process_id=process.id, user_id=member.id, used=2),
                        Ballot(process_id=process.id, user_id=resident.id, used=1)])
    db.session.commit()

    figures = participation_figures(process)

    assert figures.voters == 2
    assert figures.people == 3 + 1  # resident, employee, council member, and one idea at the desk
    assert dict(figures.by_audience) == {"resident": 1, "employee": 1, "council_member": 1, "desk": 1}


LONG_TITLE = ("Een petanqueveld met zitbanken, schaduwbomen en een drinkwaterfontein op het dorpsplein van "
              "Bavikhove, voor jong en oud")


def test_the_report_is_a_tagged_pdf_whose_text_stays_on_the_page(admin_client, make_process, make_user):
    from tests.exports.pdf_checks import page_texts, tagged, text_outside_pages

    process = make_process(slug="hallo-harelbeke", title="Hallo Harelbeke")
    for number in range(18):
        district(f"Deelgemeente met een lange naam {number}", position=number)
    resident = make_user()
    idea(process, LONG_TITLE, votes=40, author=resident)
    for number in range(20):
        idea(process, f"Idee {number} over de Leie en de wijken errond", votes=number, author=make_user())
    data = admin_client.get("/beheer/trajecten/hallo-harelbeke/rapport.pdf").data

    assert tagged(data) == {"struct_tree": True, "marked": True, "lang": "nl", "title_shown": True}
    assert text_outside_pages(data) == []
    text = "\n".join(page_texts(data))
    assert "Aantal personen" in text and "Aantal ideeën" in text
    # the chart's label is the whole title (wrapped), never cut off with an ellipsis
    flat = " ".join(text.split())
    assert f"1. {LONG_TITLE}" in flat
    assert "…" not in text

def test_report_counts_online_and_in_the_room_apart_and_together(admin_client, make_process, make_user,
                                                                  make_meeting):
    from datetime import date

    from participation.exports.queries import participation_figures
    from participation.extensions import db
    from participation.ideas.services import IdeaText, enter_from_session

    process = make_process(slug="inspiratienota-2040", title="Inspiratienota 2040")
    game = make_meeting(process, month_only=True, attendance=[("Medewerkers", 80)])
    make_meeting(process, title="de concretisering", kind="workshop", held_on=date(2024, 2, 19),
                 attendance=[("Managementteam", 9), ("Medewerkers", 3)])
    employee = make_user("employee")
    idea(process, "Een idee van een medewerker", author=employee)
    facilitator = make_user("moderator")
    for title in ("Groene speelplaatsen", "Een deelfietsenpunt"):
        enter_from_session(process, facilitator, IdeaText(title=title, body="Uit de zaal.", theme="planet"), game.id)
    db.session.commit()

    figures = participation_figures(process)

    assert (figures.people, figures.room.people, figures.people_together) == (1, 92, 93)
    assert (figures.online_ideas, figures.room.ideas, figures.ideas) == (1, 2, 3)
    assert figures.via_desk == 0 and "desk" not in dict(figures.by_audience)
    assert [(s.title, s.people, s.ideas) for s in figures.room.sessions] == [
        ("het SDG-spel", 80, 2), ("de concretisering", 12, 0)]
    text = pdf_text(admin_client.get("/beheer/trajecten/inspiratienota-2040/rapport.pdf").data)
    assert "Online en in de zaal" in text and "Sessies in de zaal" in text
    assert "Het SDG-spel" in text and "01/2024" in text and "19/02/2024" in text
