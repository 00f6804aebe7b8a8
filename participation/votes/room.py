"""Votes counted in the room: a facilitator enters, per idea, the tally of a session held during the vote
phase (dot voting on a wall). They stay apart from the online votes: no ballot, no account, not in the
ranking (docs/sessions.md says why). Pages and the process report show both, apart and together.

The caller checks who may enter them (`meetings.services.can_enter_room_votes`) and commits.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import delete, func, select

from participation.extensions import db
from participation.ideas.models import PUBLIC_STATUSES, Idea
from participation.processes.models import Process
from participation.votes.models import RoomTally
from participation.votes.rules import OPEN, vote_state

TALLY_MAX = 100_000


class RoomVoteError(Exception):
    """A refusal a person should read (translated), optionally about one idea's field."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def votable_ideas(process: Process) -> list[Idea]:
    """The ideas people vote on in this process: its published ideas, by title."""
    return list(db.session.scalars(
        select(Idea).where(Idea.process_id == process.id, Idea.status.in_(PUBLIC_STATUSES))
        .order_by(func.lower(Idea.title), Idea.id)
    ))


def record_room_tallies(process: Process, meeting_id: int, tallies: Mapping[int, int], actor) -> int:
    """The tallies of one session, {idea id: votes}, replace what was entered for that session before
    (0 removes an idea's tally). Only while the vote phase is open, and only for the process's published
    ideas. Returns the votes of the session together."""
    if vote_state(process) != OPEN:
        raise RoomVoteError(_("Votes from the room are entered while the voting phase is open."))
    allowed = {idea.id for idea in votable_ideas(process)}
    for idea_id, votes in tallies.items():
        if idea_id not in allowed:
            raise RoomVoteError(_("Choose published ideas of this process."))
        if votes is None or not 0 <= votes <= TALLY_MAX:
            raise RoomVoteError(_("Fill in a whole number of 0 or more."), f"votes-{idea_id}")
    db.session.execute(delete(RoomTally).where(RoomTally.meeting_id == meeting_id,
                                               RoomTally.idea_id.in_(list(tallies))))
    kept = [RoomTally(meeting_id=meeting_id, idea_id=idea_id, votes=votes, entered_by_id=getattr(actor, "id", None))
            for idea_id, votes in tallies.items() if votes]
    db.session.add_all(kept)
    db.session.flush()
    return sum(tally.votes for tally in kept)


def move_room_tallies_on_merge(duplicate: Idea, target: Idea) -> None:
    """The duplicate's votes in the room go to the idea that stays, added per session, so none is lost
    and none counted twice."""
    moving = list(db.session.scalars(select(RoomTally).where(RoomTally.idea_id == duplicate.id)))
    if not moving:
        return
    present = {tally.meeting_id: tally for tally in db.session.scalars(
        select(RoomTally).where(RoomTally.idea_id == target.id))}
    for tally in moving:
        if tally.meeting_id in present:
            present[tally.meeting_id].votes += tally.votes
            db.session.delete(tally)
        else:
            tally.idea_id = target.id
    db.session.flush()


# Reading ------------------------------------------------------------------------------------------


@dataclass
class RoomVotes:
    """An idea's votes in the room: the total and, per session, the tally."""

    total: int
    tallies: list[RoomTally]


def room_votes_of_idea(idea: Idea) -> RoomVotes:
    from sqlalchemy.orm import joinedload

    tallies = list(db.session.scalars(
        select(RoomTally).where(RoomTally.idea_id == idea.id).options(joinedload(RoomTally.meeting))
        .order_by(RoomTally.meeting_id)
    ))
    return RoomVotes(sum(tally.votes for tally in tallies), tallies)


def room_votes_of_process(process_id: int) -> int:
    """All votes counted in the room on the ideas of a process, by the database."""
    return int(db.session.scalar(
        select(func.coalesce(func.sum(RoomTally.votes), 0)).join(Idea, Idea.id == RoomTally.idea_id)
        .where(Idea.process_id == process_id)
    ) or 0)


def tallies_of_meeting(meeting_id: int) -> dict[int, int]:
    """{idea id: votes} entered for one session."""
    return dict(db.session.execute(
        select(RoomTally.idea_id, RoomTally.votes).where(RoomTally.meeting_id == meeting_id)
    ).all())
