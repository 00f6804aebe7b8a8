from datetime import date

from participation.advisory.models import CouncilRound
from participation.extensions import db
from participation.meetings.models import Meeting, MeetingAttendance
from tests.security.table import ADMIN, ALL_ROLES, COUNCIL, EMPLOYEE, MODERATOR, Check, everyone, only

STAFF_ONLY = {"anonymous": 404, "resident": 404, "employee": 200, "council_member": 404, "moderator": 200,
              "administrator": 200}


def _meeting(**where) -> Meeting:
    meeting = Meeting(kind="workshop", title="de workshop", held_on=date(2024, 2, 21), place="", facilitator="",
                      report="", **where)
    meeting.attendance.append(MeetingAttendance(position=0, group="Medewerkers", count=12))
    db.session.add(meeting)
    return meeting


def build(world, make_user, make_process) -> None:
    world.meetings_open = make_process("public", slug="sessies-open")
    world.meetings_staff = make_process("staff", slug="sessies-personeel")
    unpublished = CouncilRound(slug="sessies-ronde", title="Ronde", step="groups")
    published = CouncilRound(slug="sessies-gepubliceerd", title="Gepubliceerd", step="published")
    db.session.add_all([unpublished, published])
    world.open_meeting = _meeting(process=world.meetings_open)
    world.staff_meeting = _meeting(process=world.meetings_staff)
    world.round_meeting = _meeting(round=unpublished)
    world.published_round_meeting = _meeting(round=published)
    db.session.commit()


def insiders(code: int = 200, public: int = 404) -> dict[str, int]:
    return {role: code if role in (COUNCIL, ADMIN) else public for role in ALL_ROLES}


SESSION = {"kind": "workshop", "title": "de workshop", "held_on": "2024-02-21"}

ROUTES = {
    "meetings.process_meeting": [
        Check(lambda w: f"/trajecten/sessies-open/sessies/{w.open_meeting.id}", everyone()),
        Check(lambda w: f"/trajecten/sessies-personeel/sessies/{w.staff_meeting.id}", STAFF_ONLY),
        Check(lambda w: f"/trajecten/sessies-personeel/sessies/{w.open_meeting.id}", everyone(404),
              note="a session is found under its own process only"),
        Check(lambda w: "/trajecten/sessies-open/sessies/999999", everyone(404)),
    ],
    "meetings.round_meeting": [
        Check(lambda w: f"/adviesraden/rondes/sessies-ronde/sessies/{w.round_meeting.id}", insiders()),
        Check(lambda w: f"/adviesraden/rondes/sessies-gepubliceerd/sessies/{w.published_round_meeting.id}",
              everyone()),
        Check(lambda w: f"/adviesraden/rondes/sessies-gepubliceerd/sessies/{w.round_meeting.id}", everyone(404)),
    ],
    "meetings.new_for_process": [
        Check(lambda w: "/trajecten/sessies-open/sessies/nieuw", only(MODERATOR)),
        Check(lambda w: "/trajecten/sessies-open/sessies/nieuw", only(MODERATOR), method="POST",
              data=lambda w: {}, note="an empty form is shown again with its errors"),
        Check(lambda w: "/trajecten/sessies-personeel/sessies/nieuw", only(MODERATOR)),
        Check(lambda w: "/trajecten/bestaat-niet/sessies/nieuw", only(MODERATOR, code=404)),
    ],
    "meetings.new_for_round": [
        Check(lambda w: "/beheer/adviesrondes/sessies-ronde/sessies/nieuw", only(ADMIN)),
        Check(lambda w: "/beheer/adviesrondes/sessies-ronde/sessies/nieuw", only(ADMIN), method="POST",
              data=lambda w: {}),
        Check(lambda w: "/beheer/adviesrondes/bestaat-niet/sessies/nieuw", only(ADMIN, code=404)),
    ],
    "meetings.edit": [
        Check(lambda w: f"/sessies/{w.open_meeting.id}/bewerken", only(MODERATOR)),
        Check(lambda w: f"/sessies/{w.open_meeting.id}/bewerken", only(MODERATOR, code=302), method="POST",
              data=lambda w: {}, note="an empty form keeps what is stored"),
        Check(lambda w: f"/sessies/{w.round_meeting.id}/bewerken", only(ADMIN),
              note="council rounds are set up by administrators, so their sessions too"),
        Check(lambda w: "/sessies/999999/bewerken", only(MODERATOR, code=404)),
    ],
    "meetings.round_meeting_groups": [
        Check(lambda w: f"/beheer/adviesrondes/sessies-ronde/sessies/{w.round_meeting.id}/groepen",
              only(ADMIN, code=302), method="POST", data=lambda w: {}, note="no group chosen: none met here"),
        Check(lambda w: f"/beheer/adviesrondes/sessies-ronde/sessies/{w.open_meeting.id}/groepen",
              only(ADMIN, code=404), method="POST", data=lambda w: {}),
    ],
    "meetings.room_idea": [
        Check(lambda w: f"/trajecten/sessies-open/sessies/{w.open_meeting.id}/ideeen/nieuw",
              only(EMPLOYEE, MODERATOR)),
        Check(lambda w: f"/trajecten/sessies-open/sessies/{w.open_meeting.id}/ideeen/nieuw",
              only(EMPLOYEE, MODERATOR), method="POST", data=lambda w: {}),
        Check(lambda w: f"/trajecten/sessies-personeel/sessies/{w.staff_meeting.id}/ideeen/nieuw",
              only(EMPLOYEE, MODERATOR)),
        Check(lambda w: f"/trajecten/sessies-open/sessies/{w.round_meeting.id}/ideeen/nieuw",
              only(EMPLOYEE, MODERATOR, code=404)),
    ],
    "meetings.session_ballot": [
        Check(lambda w: f"/adviesraden/rondes/sessies-ronde/sessies/{w.round_meeting.id}/rangschikking/proefraad",
              {**only(MODERATOR), MODERATOR: 404},
              note="facilitators who see the round; a moderator outside the councils does not see it"),
        Check(lambda w: f"/adviesraden/rondes/sessies-ronde/sessies/{w.round_meeting.id}/rangschikking/proefraad",
              {**only(MODERATOR), MODERATOR: 404}, method="POST", data=lambda w: {},
              note="the round is not ranking yet: the form says so"),
        Check(lambda w: f"/adviesraden/rondes/sessies-gepubliceerd/sessies/{w.published_round_meeting.id}"
                        "/rangschikking/bestaat-niet", only(MODERATOR, code=404)),
        Check(lambda w: f"/adviesraden/rondes/sessies-ronde/sessies/{w.open_meeting.id}/rangschikking/proefraad",
              only(MODERATOR, code=404), note="a session of a process has no council rankings"),
    ],
    "meetings.session_theme_votes": [
        Check(lambda w: f"/adviesraden/rondes/sessies-ronde/sessies/{w.round_meeting.id}/themastemmen",
              {**only(MODERATOR), MODERATOR: 404}),
        Check(lambda w: f"/adviesraden/rondes/sessies-ronde/sessies/{w.round_meeting.id}/themastemmen",
              {**only(MODERATOR), MODERATOR: 404}, method="POST", data=lambda w: {},
              note="no group met in this session: nothing to save"),
        Check(lambda w: f"/adviesraden/rondes/sessies-gepubliceerd/sessies/{w.published_round_meeting.id}"
                        "/themastemmen", only(MODERATOR)),
    ],
    "meetings.room_votes": [
        Check(lambda w: f"/trajecten/sessies-open/sessies/{w.open_meeting.id}/stemmen", only(MODERATOR),
              note="outside the vote phase the page says when votes from the room are entered"),
        Check(lambda w: f"/trajecten/sessies-open/sessies/{w.open_meeting.id}/stemmen", only(MODERATOR),
              method="POST", data=lambda w: {}),
        Check(lambda w: f"/trajecten/sessies-personeel/sessies/{w.staff_meeting.id}/stemmen", only(MODERATOR)),
        Check(lambda w: f"/trajecten/sessies-open/sessies/{w.round_meeting.id}/stemmen", only(MODERATOR, code=404)),
    ],
}
