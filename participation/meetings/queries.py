"""Read-side helpers for sessions: the sessions of a process or round, one session, its ideas."""

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from participation.advisory.models import (
    THEMES,
    Council,
    CouncilBallot,
    MixedGroup,
    MixedGroupGuest,
    MixedGroupMember,
    Proposal,
    ThemeVote,
)
from participation.advisory.services import tiers_from_ranks
from participation.extensions import db
from participation.ideas.models import Idea
from participation.ideas.queries import idea_visibility, visible_ideas, with_list_loads
from participation.meetings.models import Meeting


def meetings_of_process(process_id: int) -> list[Meeting]:
    """Newest first; attendance comes along in one more query (selectin), whatever the number of sessions."""
    return list(db.session.scalars(
        select(Meeting).where(Meeting.process_id == process_id).order_by(Meeting.held_on.desc(), Meeting.id.desc())
    ))


def meetings_of_round(round_id: int) -> list[Meeting]:
    return list(db.session.scalars(
        select(Meeting).where(Meeting.round_id == round_id).order_by(Meeting.held_on, Meeting.id)
    ))


def meeting_by_id(meeting_id: int) -> Meeting | None:
    return db.session.scalar(
        select(Meeting).where(Meeting.id == meeting_id)
        .options(joinedload(Meeting.process), joinedload(Meeting.round))
    )


def ideas_of_meeting(meeting: Meeting, viewer) -> list[Idea]:
    """The ideas written in the session that this viewer may see (the one rule of `visible_ideas`)."""
    return list(db.session.scalars(with_list_loads(
        visible_ideas(viewer, listing=True).where(Idea.meeting_id == meeting.id).order_by(Idea.created_at, Idea.id)
    )))


def groups_of_meeting(meeting: Meeting) -> list[MixedGroup]:
    """The mixed groups that met in this session, with who sat in them and their theme votes."""
    return list(db.session.scalars(
        select(MixedGroup).where(MixedGroup.meeting_id == meeting.id)
        .options(
            selectinload(MixedGroup.members).selectinload(MixedGroupMember.user),
            selectinload(MixedGroup.members).selectinload(MixedGroupMember.council),
            selectinload(MixedGroup.guests).selectinload(MixedGroupGuest.council),
            selectinload(MixedGroup.theme_votes),
        )
        .order_by(MixedGroup.name)
    ))


def theme_totals(meeting: Meeting) -> list[tuple[str, int]]:
    """The votes per theme of all groups of the session together, counted by the database, in the
    order of the themes."""
    totals = dict(db.session.execute(
        select(ThemeVote.theme, func.sum(ThemeVote.votes))
        .join(MixedGroup, MixedGroup.id == ThemeVote.group_id)
        .where(MixedGroup.meeting_id == meeting.id)
        .group_by(ThemeVote.theme)
    ).all())
    return [(theme, int(totals.get(theme) or 0)) for theme in THEMES] if totals else []


@dataclass
class SessionRanking:
    """A council's ranking entered from the session: its order, best first, as tiers of proposals."""

    council: Council
    tiers: list[list[Proposal]]


def rankings_of_meeting(meeting: Meeting) -> list[SessionRanking]:
    """The councils' ballots entered from this session, in the councils' order (two queries, whatever
    the number of ballots: the ranks come along by selectin)."""
    ballots = list(db.session.scalars(
        select(CouncilBallot).join(Council, Council.id == CouncilBallot.council_id)
        .where(CouncilBallot.meeting_id == meeting.id)
        .options(joinedload(CouncilBallot.council))
        .order_by(Council.position, Council.name)
    ))
    if not ballots:
        return []
    proposals = {proposal.id: proposal for proposal in db.session.scalars(
        select(Proposal).where(Proposal.round_id == meeting.round_id))}
    return [
        SessionRanking(ballot.council, [[proposals[pid] for pid in tier] for tier in
                                        tiers_from_ranks((rank.proposal_id, rank.rank) for rank in ballot.ranks)])
        for ballot in ballots
    ]


def room_votes_of_meeting(meeting: Meeting, viewer) -> list[tuple[Idea, int]]:
    """The ideas this viewer may see with the votes they got in the room at this session, most first."""
    from participation.votes.models import RoomTally

    rows = db.session.execute(
        select(Idea, RoomTally.votes)
        .join(RoomTally, RoomTally.idea_id == Idea.id)
        .where(RoomTally.meeting_id == meeting.id, idea_visibility(viewer, listing=True))
        .order_by(RoomTally.votes.desc(), func.lower(Idea.title), Idea.id)
    ).all()
    return [(idea, votes) for idea, votes in rows]
