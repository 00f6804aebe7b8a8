"""Following the nine points: the city's dated answer with its history, the plan actions that carry a point
out with their status and budget, and a mail through the outbox to whoever follows the point when its answer
or one of its actions changes. The councils' text of the note stays untouched throughout."""

import pytest
from sqlalchemy import select

from participation.accounts.personal_data import collect_personal_data, delete_account
from participation.advisory import followup
from participation.advisory.models import (
    AmbitionPoint,
    CouncilRound,
    PointAnswer,
    PointFollow,
    Recommendation,
    SubTheme,
)
from participation.advisory.services import AdvisoryError
from participation.clock import local_day
from participation.core.models import City
from participation.extensions import db
from participation.plan.models import PlanAction
from tests.advisory.test_note_as_signed import page_sections
from tests.plan.helpers import add_row, example_text, import_example, import_text

NOTE = "/adviesraden/rondes/ambitienota-2024"
POINT_1 = f"{NOTE}/punten/1"
POINT_4 = f"{NOTE}/punten/4"
SOLIDAIR = "Solidair Harelbeke met respect voor alle mensen"
KINDVRIENDELIJK = "Kindvriendelijk Harelbeke met aandacht voor onderwijs, opvang en rechten van het kind"


@pytest.fixture
def note(db):
    """Two points of the 2024 note, published, and the plan's example actions."""
    round_ = CouncilRound(slug="ambitienota-2024", title="Ambitienota 2024", step="published")
    for number, title, vision, section, text in (
        (1, SOLIDAIR, "Harelbeke creëert een inclusieve en solidaire gemeenschap waarin alle mensen zich "
         "gerespecteerd en gewaardeerd voelen.", "Energie", "Stadsambtenaar voor ondersteuning in "
         "energie-gerelateerde onderwerpen."),
        (4, KINDVRIENDELIJK, "Harelbeke bouwt een kindvriendelijke gemeenschap waar kinderen worden beschermd, "
         "gesteund en aangemoedigd om hun volledige potentieel te bereiken.", "Kinderopvang",
         "Moedig alternatieve opvanginitiatieven aan."),
    ):
        point = AmbitionPoint(round=round_, number=number, title=title, vision=vision)
        point.sub_themes.append(SubTheme(title=section, position=0))
        db.session.add(point)
        db.session.flush()
        db.session.add(Recommendation(sub_theme=point.sub_themes[0], position=0, text=text))
    db.session.add_all([round_, City(name="Harelbeke", slug="harelbeke")])
    db.session.commit()
    import_example()
    return round_


def point(number: int) -> AmbitionPoint:
    return db.session.scalar(select(AmbitionPoint).where(AmbitionPoint.number == number))


def action_id(code: str) -> int:
    return db.session.scalar(select(PlanAction.id).where(PlanAction.code == code))


def link(moderator, number: int, code: str):
    return moderator.post(f"/moderatie/ambitiepunten/ambitienota-2024/{number}",
                          data={"do": "link", "action_id": action_id(code)})


def test_a_moderator_answers_a_point_and_the_earlier_answer_stays_as_history(note, client_as, client):
    moderator = client_as("moderator", name="Moderator Participatie")
    first = moderator.post("/moderatie/ambitiepunten/ambitienota-2024/4",
                           data={"do": "answer", "answer-text": "We onderzoeken extra opvangplaatsen."})
    assert first.status_code == 302
    admin = client_as("administrator", name="Beheerder Stad")
    admin.post("/moderatie/ambitiepunten/ambitienota-2024/4",
               data={"do": "answer", "answer-text": "Het lokaal loket kinderopvang helpt ouders.\n\nZie de acties."})

    answers = db.session.scalars(select(PointAnswer).order_by(PointAnswer.id)).all()
    assert [(a.text[:20], a.author_id) for a in answers] == [
        ("We onderzoeken extra", moderator.user.id), ("Het lokaal loket kin", admin.user.id)]
    page = client.get(POINT_4).get_data(as_text=True)
    city = page_sections(page).of("city-block")
    assert "Het antwoord van de stad" in city and "Beheerder Stad" in city
    assert city.index("Het lokaal loket kinderopvang helpt ouders.") < city.index("1 eerder antwoord")
    assert "We onderzoeken extra opvangplaatsen." in city.split("1 eerder antwoord")[1]
    assert "Moderator Participatie" in city
    assert local_day(answers[1].created_at).strftime("%d/%m/%Y") in city


def test_only_moderators_and_administrators_answer(note, client_as, make_user):
    resident = client_as("resident")
    assert resident.post("/moderatie/ambitiepunten/ambitienota-2024/4",
                         data={"do": "answer", "answer-text": "Ik antwoord."}).status_code == 403
    with pytest.raises(AdvisoryError):
        followup.write_answer(point(4), make_user("council_member"), "Ook ik niet.")
    assert db.session.scalar(select(db.func.count()).select_from(PointAnswer)) == 0


def test_followers_get_the_answer_by_mail_but_not_the_moderator_who_wrote_it(note, client_as, outbox):
    council = client_as("council_member", email="klimaatraad@example.org")
    resident = client_as("resident", email="sofie@example.org", name="Sofie")
    moderator = client_as("moderator", email="moderator@example.org")
    for person in (council, resident, moderator):
        assert person.post(f"{POINT_4}/volgen").status_code == 302

    moderator.post("/moderatie/ambitiepunten/ambitienota-2024/4",
                   data={"do": "answer", "answer-text": "We openen twee nieuwe opvanginitiatieven."})

    assert {mail.recipient for mail in outbox()} == {"klimaatraad@example.org", "sofie@example.org"}
    [mail] = outbox("sofie@example.org")
    assert mail.subject == f"De stad antwoordt op ambitiepunt 4 “{KINDVRIENDELIJK}”"
    assert mail.body.startswith("Dag Sofie,")
    assert "We openen twee nieuwe opvanginitiatieven." in mail.body
    assert POINT_4 in mail.body and "omdat je dit ambitiepunt volgt" in mail.body
    page = resident.get("/account/meldingen").get_data(as_text=True)
    assert KINDVRIENDELIJK in page and f'href="{POINT_4}"' in page


def test_a_plan_update_on_a_linked_action_mails_each_follower_once(note, client_as, outbox):
    moderator = client_as("moderator")
    sofie = client_as("resident", email="sofie@example.org")
    sofie.post(f"{POINT_1}/volgen")
    sofie.post(f"{POINT_4}/volgen")
    assert link(moderator, 4, "D03/AP01/02").status_code == 302
    link(moderator, 1, "D03/AP01/02")
    assert len(outbox("sofie@example.org")) == 2, "told once per point the action was linked to"

    report = import_text(add_row(example_text(), "D03/AP01/02", "2023KW2", "Taak voltooid",
                                 "Twee nieuwe opvanginitiatieven gestart."))

    news = outbox("sofie@example.org")[2:]
    assert len(news) == 1 and report.mails == 1
    assert news[0].subject == "Nieuws over ambitiepunt 1: D03/AP01/02 is voltooid"
    assert "2023KW2: Voltooid" in news[0].body and "Twee nieuwe opvanginitiatieven gestart." in news[0].body
    assert POINT_1 in news[0].body
    import_text(add_row(example_text(), "D03/AP01/02", "2023KW2", "Taak voltooid",
                        "Twee nieuwe opvanginitiatieven gestart."))
    assert len(outbox("sofie@example.org")) == 3, "an unchanged re-import is no news"


def test_an_action_linked_twice_is_linked_once_and_unlinking_tells_the_followers(note, client_as, outbox):
    moderator = client_as("moderator")
    client_as("resident", email="sofie@example.org").post(f"{POINT_4}/volgen")
    link(moderator, 4, "D03/AP01/03")
    link(moderator, 4, "D03/AP01/03")
    assert [m.subject for m in outbox()] == ["Ambitiepunt 4: de stad koppelt actie D03/AP01/03"]
    moderator.post("/moderatie/ambitiepunten/ambitienota-2024/4",
                   data={"do": "unlink", "action_id": action_id("D03/AP01/03")})
    assert outbox()[-1].subject == "Ambitiepunt 4: actie D03/AP01/03 is niet meer gekoppeld"
    assert followup.unlink_action(point(4), action_id("D03/AP01/03"), moderator.user) is False


def test_the_actions_show_with_status_and_budget_on_the_point_and_in_the_notes_city_block(note, client_as, client):
    moderator = client_as("moderator")
    link(moderator, 1, "D02/AP01/01")
    link(moderator, 4, "D03/AP01/02")

    page = page_sections(client.get(POINT_1).get_data(as_text=True))
    city = page.of("city-block")
    assert "D02/AP01/01 Een financiële ondersteuningsvorm ontwikkelen" in city and "Voltooid" in city
    assert "Warme schoolmaaltijden Mia's" in city  # its task
    assert "5.521 € van 28.000 €" in city and "2023KW1" in city  # the budget of its action plan, AP01
    assert "D02/AP01/01" not in page.of("note") and "Energie" in page.of("note")

    sections = page_sections(client.get(f"{NOTE}/ambitienota").get_data(as_text=True))
    city = sections.of("city-block")
    assert city.index("D02/AP01/01") < city.index("D03/AP01/02"), "each action under its own point"
    assert "5.521 € van 28.000 €" in city and "41.566 € van 55.325 €" in city
    assert "D02/AP01/01" not in sections.of("note") and "antwoord" not in sections.of("note").lower()


def test_the_note_page_runs_the_same_queries_for_one_action_or_ten(note, client_as, client, count_queries):
    moderator = client_as("moderator")
    link(moderator, 1, "D01/AP01/02")
    moderator.post("/moderatie/ambitiepunten/ambitienota-2024/1", data={"do": "answer", "answer-text": "Eén."})
    with count_queries() as few:
        client.get(f"{NOTE}/ambitienota")
    codes = db.session.scalars(select(PlanAction.code).order_by(PlanAction.code).limit(10)).all()
    for code in codes:
        link(moderator, 4, code)
    moderator.post("/moderatie/ambitiepunten/ambitienota-2024/4", data={"do": "answer", "answer-text": "Eerst."})
    moderator.post("/moderatie/ambitiepunten/ambitienota-2024/4", data={"do": "answer", "answer-text": "Dan."})
    with count_queries() as many:
        client.get(f"{NOTE}/ambitienota")
    assert many.count == few.count, many.statements


def test_a_point_of_an_unpublished_note_has_no_follow_up(note, client_as):
    db.session.add(CouncilRound(slug="concept", title="Concept", step="bundling", points=[
        AmbitionPoint(number=1, title="Een concept")]))
    db.session.commit()
    assert client_as("council_member").get("/adviesraden/rondes/concept/punten/1").status_code == 404
    assert client_as("moderator").get("/moderatie/ambitiepunten/concept/1").status_code == 404
    assert client_as(None).get(f"{NOTE}/punten/7").status_code == 404


def test_following_is_personal_data_that_leaves_with_the_account(note, client_as, outbox):
    resident = client_as("resident", email="sofie@example.org")
    resident.post(f"{POINT_4}/volgen")
    page = resident.get(f"{POINT_4}").get_data(as_text=True)
    assert "Dit punt niet meer volgen" in page and "1 persoon volgt dit punt" in page
    assert KINDVRIENDELIJK in resident.get("/account/gevolgde-punten").get_data(as_text=True)
    data = collect_personal_data(resident.user)
    assert [(f["number"], f["title"]) for f in data["followed_ambition_points"]] == [(4, KINDVRIENDELIJK)]
    delete_account(resident.user)
    db.session.commit()
    assert db.session.scalar(select(db.func.count()).select_from(PointFollow)) == 0


def test_who_stops_following_gets_no_more_mail(note, client_as, outbox):
    resident = client_as("resident", email="sofie@example.org")
    resident.post(f"{POINT_4}/volgen")
    resident.post(f"{POINT_4}/niet-meer-volgen")
    client_as("moderator").post("/moderatie/ambitiepunten/ambitienota-2024/4",
                                data={"do": "answer", "answer-text": "Een antwoord."})
    assert outbox("sofie@example.org") == []


def test_the_city_sets_its_sdg_targets_of_a_published_point(note, client_as, client):
    moderator = client_as("moderator")
    response = moderator.post("/moderatie/ambitiepunten/ambitienota-2024/4",
                              data={"do": "targets", "targets-targets": "16.2, 4.2"})
    assert response.status_code == 302
    assert point(4).target_codes == ["4.2", "16.2"]
    refused = moderator.post("/moderatie/ambitiepunten/ambitienota-2024/4",
                             data={"do": "targets", "targets-targets": "4.2, 18.1"})
    assert refused.status_code == 422 and "18.1" in refused.get_data(as_text=True)
    assert point(4).target_codes == ["4.2", "16.2"]


def test_the_open_data_gives_the_citys_follow_up_apart_from_the_councils_text(note, client_as, client):
    moderator = client_as("moderator")
    link(moderator, 4, "D03/AP01/03")
    moderator.post("/moderatie/ambitiepunten/ambitienota-2024/4",
                   data={"do": "answer", "answer-text": "Het loket helpt ouders."})
    points = client.get("/api/v1/ambition-points").get_json()["data"]
    four = next(p for p in points if p["number"] == 4)
    assert four["title"] == KINDVRIENDELIJK and four["sub_themes"][0]["title"] == "Kinderopvang"
    assert four["city"]["answer"]["text"] == "Het loket helpt ouders."
    assert four["city"]["plan_actions"] == [
        {"code": "D03/AP01/03", "title": "Lokaal loket kinderopvang", "status": "in_progress"}]
    assert four["links"]["html"].endswith(POINT_4)
