"""Figures for the process report, counted by the database."""

from dataclasses import dataclass

from sqlalchemy import case, exists, func, literal, union

from participation.accounts.models import UserRole
from participation.core.models import District, Neighbourhood, neighbourhood_label
from participation.extensions import db
from participation.ideas.models import Idea
from participation.processes.models import Process

ANSWERED_STATUSES = ("selected", "in_progress", "realised", "not_selected")
# An idea merged into another proposed the same: the figures count it once, as the idea that stays,
# whether the two came from the room, online or the desk. Its author still counts as someone who took part.
COUNTED_IDEA = Idea.status != "merged"
RANKING_SIZE = 20


@dataclass
class Participation:
    ideas: int
    authors: int
    via_desk: int
    votes: int
    by_theme: list[tuple[str, int]]
    by_district: list[tuple[str | None, int]]
    by_neighbourhood: list[tuple[str, int]] | None = None
    voters: int = 0
    people: int = 0
    by_audience: list[tuple[str, int]] | None = None
    room: "RoomParticipation | None" = None

    @property
    def online_ideas(self) -> int:
        return self.ideas - (self.room.ideas if self.room else 0)

    @property
    def room_votes(self) -> int:
        return self.room.votes if self.room else 0

    @property
    def votes_together(self) -> int:
        """The votes online and the votes counted in the room: two separate counts, added only here."""
        return self.votes + self.room_votes

    @property
    def people_together(self) -> int:
        """Online and in the room added up: someone who took part both ways counts twice here."""
        return self.people + (self.room.people if self.room else 0)


@dataclass
class RoomMeeting:
    id: int
    title: str
    kind: str
    held_on: object
    day_known: bool
    people: int
    ideas: int
    votes: int = 0

    @property
    def heading(self) -> str:
        return self.title[:1].upper() + self.title[1:]


@dataclass
class RoomParticipation:
    """What happened in the room: sessions, the people counted there, the ideas written there and the
    votes counted there."""

    sessions: list[RoomMeeting]
    people: int
    ideas: int
    votes: int = 0


def people_by_audience(process: Process) -> list[tuple[str, int]]:
    """Everyone who took part (proposed an idea or voted), once, by who they are: staff, council
    member or resident; a resident helped at the desk counts as "desk"."""
    from participation.votes.models import Ballot

    people = union(
        db.select(Idea.author_id.label("person")).where(Idea.process_id == process.id, Idea.author_id.is_not(None)),
        db.select(Ballot.user_id.label("person")).where(Ballot.process_id == process.id, Ballot.user_id.is_not(None)),
    ).subquery()

    def holds(role: str):
        return exists().where(UserRole.user_id == people.c.person, UserRole.role == role)

    group = case((holds("employee"), literal("employee")), (holds("council_member"), literal("council_member")),
                 else_=literal("resident")).label("audience")
    grouped = db.select(group).select_from(people).subquery()
    rows = db.session.execute(
        db.select(grouped.c.audience, func.count()).group_by(grouped.c.audience).order_by(grouped.c.audience)
    ).all()
    desk = db.session.scalar(
        db.select(func.count(Idea.id)).where(
            Idea.process_id == process.id, Idea.entered_by_id.is_not(None), Idea.meeting_id.is_(None)
        )
    )
    return [tuple(row) for row in rows] + ([("desk", desk)] if desk else [])


def participation_figures(process: Process) -> Participation:
    ideas, authors, via_desk, votes = db.session.execute(
        db.select(
            func.count(case((COUNTED_IDEA, Idea.id))),
            func.count(func.distinct(Idea.author_id)),
            func.count(case((COUNTED_IDEA & Idea.meeting_id.is_(None), Idea.entered_by_id))),
            func.coalesce(func.sum(Idea.vote_count), 0),
        ).where(Idea.process_id == process.id)
    ).one()
    in_process = (Idea.process_id == process.id) & COUNTED_IDEA
    by_theme = db.session.execute(
        db.select(Idea.theme, func.count(Idea.id)).where(in_process).group_by(Idea.theme).order_by(Idea.theme)
    ).all()
    by_district = db.session.execute(
        db.select(District.name, func.count(Idea.id))
        .select_from(Idea)
        .outerjoin(District, Idea.district_id == District.id)
        .where(in_process)
        .group_by(District.name, District.position)
        .order_by(District.position.is_(None), District.position)
    ).all()
    by_neighbourhood = db.session.execute(
        db.select(District.name, Neighbourhood.name, func.count(Idea.id))
        .select_from(Idea)
        .join(Neighbourhood, Idea.neighbourhood_id == Neighbourhood.id)
        .join(District, Neighbourhood.district_id == District.id)
        .where(in_process)
        .group_by(District.name, District.position, Neighbourhood.name, Neighbourhood.position)
        .order_by(District.position, Neighbourhood.position)
    ).all()
    from participation.votes.models import Ballot

    voters = db.session.scalar(db.select(func.count(Ballot.id)).where(Ballot.process_id == process.id, Ballot.used > 0))
    by_audience = people_by_audience(process)
    return Participation(
        ideas=ideas, authors=authors, via_desk=via_desk, votes=int(votes),
        by_theme=[tuple(row) for row in by_theme], by_district=[tuple(row) for row in by_district],
        by_neighbourhood=[(neighbourhood_label(wijk, district), count) for district, wijk, count in by_neighbourhood],
        voters=voters, people=sum(count for _audience, count in by_audience), by_audience=by_audience,
        room=room_participation(process),
    )


def room_participation(process: Process) -> RoomParticipation:
    """Per session of the process: the people counted in the room, the ideas written there and the votes
    counted there (three grouped queries, whatever the number of sessions). An idea merged into another
    is counted once, as the idea that stays (`COUNTED_IDEA`), here as in the totals."""
    from participation.meetings.models import Meeting, MeetingAttendance
    from participation.votes.models import RoomTally

    people = (
        db.select(MeetingAttendance.meeting_id, func.sum(MeetingAttendance.count).label("people"))
        .group_by(MeetingAttendance.meeting_id).subquery()
    )
    ideas = (
        db.select(Idea.meeting_id, func.count(Idea.id).label("ideas"))
        .where(Idea.process_id == process.id, Idea.meeting_id.is_not(None), COUNTED_IDEA)
        .group_by(Idea.meeting_id).subquery()
    )
    votes = (
        db.select(RoomTally.meeting_id, func.sum(RoomTally.votes).label("votes"))
        .join(Idea, Idea.id == RoomTally.idea_id)
        .where(Idea.process_id == process.id)
        .group_by(RoomTally.meeting_id).subquery()
    )
    rows = db.session.execute(
        db.select(Meeting.id, Meeting.title, Meeting.kind, Meeting.held_on, Meeting.day_known,
                  func.coalesce(people.c.people, 0), func.coalesce(ideas.c.ideas, 0),
                  func.coalesce(votes.c.votes, 0))
        .outerjoin(people, people.c.meeting_id == Meeting.id)
        .outerjoin(ideas, ideas.c.meeting_id == Meeting.id)
        .outerjoin(votes, votes.c.meeting_id == Meeting.id)
        .where(Meeting.process_id == process.id)
        .order_by(Meeting.held_on, Meeting.id)
    ).all()
    sessions = [RoomMeeting(*row[:7], votes=int(row[7])) for row in rows]
    return RoomParticipation(sessions=sessions, people=sum(s.people for s in sessions),
                             ideas=sum(s.ideas for s in sessions), votes=sum(s.votes for s in sessions))


def answered_ideas(process: Process) -> list[Idea]:
    return list(
        db.session.scalars(
            db.select(Idea)
            .where(Idea.process_id == process.id, Idea.status.in_(ANSWERED_STATUSES))
            .order_by(
                case({status: n for n, status in enumerate(ANSWERED_STATUSES)}, value=Idea.status),
                Idea.vote_count.desc(),
                Idea.id,
            )
        )
    )
