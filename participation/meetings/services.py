"""Every change to a session: recording it with its attendance, and entering the ideas written in the room.

Who may do what is one function per permission, called by the views and handed to the templates.
The caller commits; a refusal is a MeetingError whose message a person should read.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from participation.access import ADMINISTRATOR, EMPLOYEE, MODERATOR
from participation.advisory.models import THEMES, Council, CouncilBallot, MixedGroup
from participation.advisory.services import AdvisoryError, can_view_round, record_theme_votes, store_council_ballot
from participation.extensions import db
from participation.i18n import belgian_date
from participation.ideas.models import Idea
from participation.ideas.services import IdeaError, IdeaText, enter_from_session
from participation.meetings.models import KINDS, Meeting, MeetingAttendance
from participation.processes.models import Process
from participation.processes.services import can_view
from participation.text import normalise_newlines

KIND_LABELS = {
    "workshop": _l("Workshop"),
    "game": _l("Game"),
    "joint_session": _l("Joint council session"),
    "info_evening": _l("Info evening"),
    "stakeholder_round": _l("Stakeholder round"),
}
TITLE_MAX = 200
REPORT_MAX = 20_000
GROUP_MAX = 120


class MeetingError(Exception):
    """A refusal a person should read (translated), optionally about one form field."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


@dataclass
class Attendance:
    group: str
    count: int | None


@dataclass
class MeetingData:
    kind: str
    title: str
    held_on: date | None
    day_known: bool = True
    place: str = ""
    facilitator: str = ""
    report: str = ""
    attendance: list[Attendance] = field(default_factory=list)


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


# Who may do what ---------------------------------------------------------------------------------


def can_view_meeting(user, meeting: Meeting) -> bool:
    """Whoever may see the process (or the council round) sees its sessions."""
    if meeting.process is not None:
        return can_view(user, meeting.process)
    return can_view_round(user, meeting.round)


def can_manage_process_meetings(user, process: Process) -> bool:
    """Moderators and administrators record the sessions of the processes they see."""
    return _signed_in(user) and user.has_any_role(MODERATOR) and can_view(user, process)


def can_manage_round_meetings(user) -> bool:
    """Council rounds are set up by administrators, so their sessions too."""
    return _signed_in(user) and user.has_role(ADMINISTRATOR)


def can_enter_room_ideas(user, meeting: Meeting) -> bool:
    """Staff who facilitate (employees, moderators) type in the ideas written in the room, as at the desk."""
    return (meeting.process is not None and _signed_in(user) and user.has_any_role(EMPLOYEE, MODERATOR)
            and can_view(user, meeting.process))


def can_enter_room_votes(user, meeting: Meeting) -> bool:
    """Facilitators (moderators and administrators) enter the votes counted in the room at a session of a
    process whose voting phase is open."""
    from participation.votes.rules import OPEN, vote_state

    return (meeting.process is not None and can_manage_process_meetings(user, meeting.process)
            and vote_state(meeting.process) == OPEN)


def can_enter_round_outputs(user, meeting: Meeting) -> bool:
    """Facilitators (moderators and administrators) who see the council round enter what a joint session
    produced: the theme votes of its mixed groups and the councils' rankings made in the room."""
    return (meeting.round is not None and _signed_in(user) and user.has_any_role(MODERATOR)
            and can_view_round(user, meeting.round))


# Labels ------------------------------------------------------------------------------------------


def when_label(meeting: Meeting) -> str:
    """21/02/2024, or 01/2024 when only the month is known."""
    if meeting.day_known:
        return belgian_date(meeting.held_on)
    return meeting.held_on.strftime("%m/%Y")


def source_label(meeting: Meeting) -> str:
    """What an idea from the room shows instead of an author: "uit het SDG-spel van 01/2024"."""
    return _("from %(title)s of %(date)s", title=meeting.title, date=when_label(meeting))


# Recording a session -----------------------------------------------------------------------------


def _clean_attendance(rows: list[Attendance]) -> list[Attendance]:
    kept = []
    for index, row in enumerate(rows):
        group = " ".join((row.group or "").split())
        if not group and row.count is None:
            continue
        if not group:
            raise MeetingError(_("Name the group these %(n)d people belong to.", n=row.count),
                               f"attendance-{index}-group")
        if row.count is None or row.count < 0:
            raise MeetingError(_("Fill in how many people of %(group)s came (0 or more).", group=group),
                               f"attendance-{index}-count")
        if len(group) > GROUP_MAX:
            raise MeetingError(_("Keep the name of a group under %(n)d characters.", n=GROUP_MAX),
                               f"attendance-{index}-group")
        if any(other.group.casefold() == group.casefold() for other in kept):
            raise MeetingError(_("%(group)s is listed twice: give each group one line.", group=group),
                               f"attendance-{index}-group")
        kept.append(Attendance(group, int(row.count)))
    return kept


def save_meeting(meeting: Meeting, data: MeetingData, actor) -> Meeting:
    """Record a new session or change one; its attendance is replaced by the lines given."""
    title = " ".join((data.title or "").split())
    if data.kind not in KINDS:
        raise MeetingError(_("Choose what kind of session it was."), "kind")
    if not title:
        raise MeetingError(_("Give the session a title."), "title")
    if len(title) > TITLE_MAX:
        raise MeetingError(_("Keep the title under %(n)d characters.", n=TITLE_MAX), "title")
    if data.held_on is None:
        raise MeetingError(_("Fill in when the session was held."), "held_on")
    report = normalise_newlines(data.report or "").strip()
    if len(report) > REPORT_MAX:
        raise MeetingError(_("Keep the report under %(n)d characters.", n=REPORT_MAX), "report")
    rows = _clean_attendance(data.attendance)
    meeting.kind, meeting.title = data.kind, title
    meeting.held_on = data.held_on if data.day_known else data.held_on.replace(day=1)
    meeting.day_known = bool(data.day_known)
    meeting.place = " ".join((data.place or "").split())[:200]
    meeting.facilitator = " ".join((data.facilitator or "").split())[:200]
    meeting.report = report
    if meeting.id is None:
        meeting.created_by_id = getattr(actor, "id", None)
        db.session.add(meeting)
    meeting.attendance.clear()
    db.session.flush()
    for position, row in enumerate(rows):
        meeting.attendance.append(MeetingAttendance(position=position, group=row.group, count=row.count))
    db.session.flush()
    return meeting


def record_for_process(process: Process, data: MeetingData, actor) -> Meeting:
    if not can_manage_process_meetings(actor, process):
        raise MeetingError(_("Only moderators and administrators record the sessions of this process."))
    return save_meeting(Meeting(process=process), data, actor)


def record_for_round(round_, data: MeetingData, actor) -> Meeting:
    if not can_manage_round_meetings(actor):
        raise MeetingError(_("Only administrators record the sessions of a council round."))
    return save_meeting(Meeting(round=round_), data, actor)


def update_meeting(meeting: Meeting, data: MeetingData, actor) -> Meeting:
    allowed = (can_manage_process_meetings(actor, meeting.process) if meeting.process is not None
               else can_manage_round_meetings(actor))
    if not allowed:
        raise MeetingError(_("You cannot change this session."))
    return save_meeting(meeting, data, actor)


# Ideas from the room -----------------------------------------------------------------------------


def enter_room_idea(meeting: Meeting, facilitator, text: IdeaText) -> Idea:
    """An idea written on paper or a board during the session: it has no author and no account behind it;
    it keeps the session as its source and who typed it in, and goes to the moderators like every idea.

    The ideas phase need not be open: the session happened, its outputs are recorded afterwards.
    """
    if not can_enter_room_ideas(facilitator, meeting):
        raise IdeaError(_("You cannot enter ideas of this session."))
    return enter_from_session(meeting.process, facilitator, text, meeting.id)


# The mixed groups of a joint council session -------------------------------------------------------


def set_meeting_groups(meeting: Meeting, group_ids: Iterable[int], actor) -> list[MixedGroup]:
    """Say which mixed groups of the round met in this session; their theme votes then count as the
    session's. A group of another round is refused; a group linked to another session moves here."""
    if meeting.round is None or not can_manage_round_meetings(actor):
        raise MeetingError(_("Only administrators link the mixed groups of a council round to its sessions."))
    wanted = set(group_ids)
    groups = list(db.session.scalars(db.select(MixedGroup).where(MixedGroup.round_id == meeting.round_id)))
    if wanted - {group.id for group in groups}:
        raise MeetingError(_("Choose groups of this round."))
    for group in groups:
        if group.id in wanted:
            group.meeting_id = meeting.id
        elif group.meeting_id == meeting.id:
            group.meeting_id = None
    db.session.flush()
    return [group for group in groups if group.id in wanted]


def enter_theme_votes(meeting: Meeting, votes: dict[int, dict[str, int]], actor) -> list[MixedGroup]:
    """The votes per theme of the mixed groups that met in this session, as counted in the room:
    {group id: {theme: votes}}. Only groups linked to this session; the whole entry is refused when
    one count is not a whole number of 0 or more, so nothing is half-saved."""
    if not can_enter_round_outputs(actor, meeting):
        raise MeetingError(_("You cannot enter the outputs of this session."))
    groups = {group.id: group for group in db.session.scalars(
        db.select(MixedGroup).where(MixedGroup.meeting_id == meeting.id))}
    if set(votes) - set(groups):
        raise MeetingError(_("Choose groups that met in this session."))
    if any(theme not in THEMES or value is None or value < 0 for counts in votes.values()
           for theme, value in counts.items()):
        raise MeetingError(_("Votes per theme are whole numbers of 0 or more."))
    for group_id, counts in votes.items():
        record_theme_votes(groups[group_id], counts)
    return [groups[group_id] for group_id in votes]


def enter_session_ballot(meeting: Meeting, council: Council, actor, entries: list[tuple[int, int]]) -> CouncilBallot:
    """A council's ranking made in a joint session (on paper, with stickers on a wall), entered by its
    facilitator with the session as its source. It is the council's one ballot of the round: it replaces
    one submitted online, and a ballot the secretary submits later replaces it. The ranking counts it
    like any ballot, once."""
    if not can_enter_round_outputs(actor, meeting):
        raise MeetingError(_("You cannot enter the outputs of this session."))
    try:
        return store_council_ballot(meeting.round, council, entries, submitted_by=actor, meeting_id=meeting.id)
    except AdvisoryError as error:
        raise MeetingError(str(error)) from error


def enter_room_votes(meeting: Meeting, tallies: dict[int, int], actor) -> int:
    """The votes each idea got in the room at this session ({idea id: votes}), with the session as their
    source; kept apart from the online votes (`votes.room`). Returns the session's votes together."""
    from participation.votes.room import RoomVoteError, record_room_tallies

    if not can_enter_room_votes(actor, meeting):
        raise MeetingError(_("Votes from the room are entered while the voting phase is open."))
    try:
        return record_room_tallies(meeting.process, meeting.id, tallies, actor)
    except RoomVoteError as error:
        raise MeetingError(str(error), error.field) from error
