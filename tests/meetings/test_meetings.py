"""Sessions in the room: recording one with its attendance, who sees it, and the ideas written there."""

from datetime import date

from participation.extensions import db
from participation.ideas.models import Idea
from participation.meetings.models import Meeting


def session_form(**overrides) -> dict:
    data = {
        "kind": "game", "title": "het SDG-spel", "held_on": "2024-01-01", "month_only": "y",
        "place": "", "facilitator": "The Forge", "report": "Ongeveer **80 medewerkers** speelden het spel.",
        "attendance-0-group": "Medewerkers", "attendance-0-count": "80",
        "attendance-1-group": "", "attendance-1-count": "",
    }
    data.update(overrides)
    return data


def test_moderator_records_a_session_with_attendance_and_everyone_who_sees_the_process_sees_it(
        client_as, make_process):
    make_process(slug="inspiratienota-2040", audience="staff")
    moderator = client_as("moderator")

    response = moderator.post("/trajecten/inspiratienota-2040/sessies/nieuw", data=session_form())

    meeting = db.session.scalar(db.select(Meeting))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/trajecten/inspiratienota-2040/sessies/{meeting.id}")
    assert meeting.held_on == date(2024, 1, 1) and not meeting.day_known
    assert [(row.group, row.count) for row in meeting.attendance] == [("Medewerkers", 80)]
    page = client_as("employee").get(f"/trajecten/inspiratienota-2040/sessies/{meeting.id}").get_data(as_text=True)
    assert "Het SDG-spel" in page and "01/2024" in page and "Medewerkers" in page and ">80<" in page
    assert "<strong>80 medewerkers</strong>" in page  # the report's Markdown, through the one sanitiser
    process_page = client_as("employee").get("/trajecten/inspiratienota-2040").get_data(as_text=True)
    assert "Sessies" in process_page and "Het SDG-spel" in process_page and "80 mensen in de zaal" in process_page
    # a staff-only process's sessions stay as hidden as the process itself
    assert client_as("resident").get(f"/trajecten/inspiratienota-2040/sessies/{meeting.id}").status_code == 404
    assert client_as(None).get(f"/trajecten/inspiratienota-2040/sessies/{meeting.id}").status_code == 404


def test_only_moderators_and_administrators_record_sessions(client_as, make_process):
    make_process(slug="hallo-harelbeke")
    for role in ("resident", "employee", "council_member"):
        assert client_as(role).post("/trajecten/hallo-harelbeke/sessies/nieuw", data=session_form()).status_code == 403
    assert client_as("administrator").post("/trajecten/hallo-harelbeke/sessies/nieuw",
                                           data=session_form()).status_code == 302
    assert db.session.scalar(db.select(db.func.count(Meeting.id))) == 1


def test_attendance_lines_are_checked(moderator_client, make_process):
    make_process(slug="hallo-harelbeke")
    cases = [
        ({"attendance-0-count": "tachtig"}, "Schrijf het aantal mensen als een geheel getal."),
        ({"attendance-0-group": ""}, "Geef de groep een naam"),
        ({"attendance-0-count": ""}, "Vul in hoeveel mensen van Medewerkers er kwamen"),
        ({"attendance-1-group": "medewerkers", "attendance-1-count": "3"}, "staat er twee keer"),
    ]
    for change, message in cases:
        page = moderator_client.post("/trajecten/hallo-harelbeke/sessies/nieuw", data=session_form(**change))
        assert page.status_code == 200
        assert message in page.get_data(as_text=True), change
    assert db.session.scalar(db.select(db.func.count(Meeting.id))) == 0


def test_a_session_is_changed_and_its_attendance_replaced(moderator_client, make_process, make_meeting):
    process = make_process(slug="hallo-harelbeke")
    meeting = make_meeting(process, title="de infoavond", kind="info_evening", held_on=date(2024, 3, 5),
                           attendance=[("Inwoners", 30)])
    response = moderator_client.post(f"/sessies/{meeting.id}/bewerken", data=session_form(
        kind="info_evening", title="de infoavond in Hulste", held_on="2024-03-05", month_only="",
        **{"attendance-0-group": "Inwoners", "attendance-0-count": "31",
           "attendance-1-group": "Medewerkers", "attendance-1-count": "4"}))
    assert response.status_code == 302
    db.session.expire_all()
    meeting = db.session.get(Meeting, meeting.id)
    assert meeting.title == "de infoavond in Hulste" and meeting.day_known
    assert [(row.group, row.count) for row in meeting.attendance] == [("Inwoners", 31), ("Medewerkers", 4)]
    assert meeting.attendance_total == 35


def test_ideas_from_the_room_show_their_session_instead_of_an_author(client_as, make_process, make_meeting):
    process = make_process(slug="inspiratienota-2040", audience="staff", phases=[("propose", -30, -20)])
    meeting = make_meeting(process, month_only=True)
    employee = client_as("employee")

    response = employee.post(f"/trajecten/inspiratienota-2040/sessies/{meeting.id}/ideeen/nieuw", data={
        "title": "Een deelfietsenpunt aan het station", "body": "Fietsen delen tussen diensten.",
        "theme": "planet", "district_id": "", "neighbourhood_id": "",
    })

    assert response.status_code == 302  # the ideas phase is over: the session happened, its outputs still count
    idea = db.session.scalar(db.select(Idea))
    assert idea.meeting_id == meeting.id and idea.author_id is None and not idea.via_desk
    assert idea.status == "submitted"
    own = employee.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "uit het SDG-spel van 01/2024" in own and "via het loket" not in own
    # until a moderator publishes it, it follows the one visibility rule: others do not see it
    other = client_as("employee")
    assert other.get(f"/ideeen/{idea.id}").status_code == 404
    assert "Een deelfietsenpunt" not in other.get(f"/trajecten/inspiratienota-2040/sessies/{meeting.id}").get_data(
        as_text=True)
    moderator = client_as("moderator")
    from participation.ideas.services import set_status

    set_status(idea, "published", moderator.user, "Gepubliceerd.", notify=False)
    db.session.commit()
    session_page = other.get(f"/trajecten/inspiratienota-2040/sessies/{meeting.id}").get_data(as_text=True)
    assert "Een deelfietsenpunt aan het station" in session_page
    process_page = other.get("/trajecten/inspiratienota-2040").get_data(as_text=True)
    assert "uit het SDG-spel van 01/2024" in process_page


def test_residents_and_council_members_cannot_enter_ideas_from_the_room(client_as, make_process, make_meeting):
    process = make_process(slug="hallo-harelbeke")
    meeting = make_meeting(process)
    url = f"/trajecten/hallo-harelbeke/sessies/{meeting.id}/ideeen/nieuw"
    data = {"title": "Een idee", "body": "Tekst van het idee.", "theme": "planet"}
    assert client_as("resident").post(url, data=data).status_code == 403
    assert client_as("council_member").post(url, data=data).status_code == 403
    assert db.session.scalar(db.select(db.func.count(Idea.id))) == 0


def test_the_process_page_lists_sessions_without_a_query_per_session(client, make_process, make_meeting,
                                                                     count_queries):
    process = make_process(slug="hallo-harelbeke")
    make_meeting(process)
    with count_queries() as few:
        assert client.get("/trajecten/hallo-harelbeke").status_code == 200
    for number in range(5):
        make_meeting(process, title=f"workshop {number}", kind="workshop", attendance=[("Inwoners", number)])
    with count_queries() as many:
        assert client.get("/trajecten/hallo-harelbeke").status_code == 200
    assert many.count == few.count


def test_the_demo_holds_the_sdg_game_of_january_2024_with_its_80_employees_once(app, client_as):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    meetings = list(db.session.scalars(db.select(Meeting).order_by(Meeting.held_on)))
    assert [(m.title, m.kind, m.held_on, m.day_known) for m in meetings] == [
        ("het SDG-spel", "game", date(2024, 1, 1), False),
        ("de oefening rond toekomstvisie met Scopernia", "workshop", date(2024, 2, 21), True),
    ]
    assert [(row.group, row.count) for row in meetings[0].attendance] == [("Medewerkers", 80)]
    assert meetings[1].attendance == []  # the seed gives no count for the management team
    assert {m.process.slug for m in meetings} == {"inspiratienota-2040"}
    page = client_as("employee").get("/trajecten/inspiratienota-2040").get_data(as_text=True)
    assert "Het SDG-spel" in page and "01/2024" in page and "21/02/2024" in page


def test_a_refused_attendance_line_keeps_what_was_typed(moderator_client, make_process):
    make_process(slug="hallo-harelbeke")
    page = moderator_client.post("/trajecten/hallo-harelbeke/sessies/nieuw", data=session_form(**{
        "attendance-0-count": "tachtig", "attendance-2-group": "", "attendance-2-count": ""})).get_data(as_text=True)
    assert 'value="tachtig"' in page and 'value="Medewerkers"' in page
    assert page.count('name="attendance-') == 2 * 4  # the line typed, then three empty ones


def test_a_count_that_is_no_plain_number_is_refused_with_a_message(moderator_client, make_process):
    make_process(slug="hallo-harelbeke")
    for count in ("²", "٣", "99999999999999999999", "-3"):
        page = moderator_client.post("/trajecten/hallo-harelbeke/sessies/nieuw",
                                     data=session_form(**{"attendance-0-count": count}))
        assert page.status_code == 200, count
        assert "Schrijf het aantal mensen als een geheel getal." in page.get_data(as_text=True), count
    assert db.session.scalar(db.select(db.func.count(Meeting.id))) == 0
