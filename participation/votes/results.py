"""The frozen result: made once, by the first reader after the vote phase closed.

No button and no scheduler: whoever first opens the ranking after the close freezes it. Two
first readers at once both try; the unique constraint on result_snapshots.process_id lets one
win, the other rolls back its attempt and reads the winner's snapshot.
"""

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from participation.database import utcnow
from participation.extensions import db
from participation.ideas.models import PUBLIC_STATUSES, Idea
from participation.processes.models import Process
from participation.votes.models import Ballot, ResultRow, ResultSnapshot, Vote
from participation.votes.rules import CLOSED, rule_for, vote_phase, vote_state


def snapshot_for(process: Process) -> ResultSnapshot | None:
    return db.session.scalar(select(ResultSnapshot).where(ResultSnapshot.process_id == process.id))


def ranked(totals: list[tuple[int, str, int]]) -> list[dict]:
    """Competition ranking (1, 2, 2, 4): ideas with equal votes share a rank, the next rank skips
    the shared places; within a shared rank, ideas are in alphabetical order of their title."""
    ordered = sorted(totals, key=lambda row: (-row[2], row[1].casefold(), row[0]))
    counts: dict[int, int] = {}
    for _id, _title, votes in ordered:
        counts[votes] = counts.get(votes, 0) + 1
    rows, rank, previous = [], 0, None
    for position, (idea_id, title, votes) in enumerate(ordered, start=1):
        if votes != previous:
            rank, previous = position, votes
        rows.append({
            "idea_id": idea_id, "title": title, "votes": votes, "rank": rank,
            "shared": counts[votes] > 1, "position": position,
        })
    return rows


def _totals(process_id: int) -> list[tuple[int, str, int]]:
    """Totals counted from the vote rows themselves, not from the running counters."""
    per_idea = (
        select(Vote.idea_id, func.sum(Vote.count).label("votes")).group_by(Vote.idea_id).subquery()
    )
    statement = (
        select(Idea.id, Idea.title, func.coalesce(per_idea.c.votes, 0))
        .outerjoin(per_idea, per_idea.c.idea_id == Idea.id)
        .where(Idea.process_id == process_id, Idea.status.in_(PUBLIC_STATUSES))
    )
    return [(idea_id, title, int(votes)) for idea_id, title, votes in db.session.execute(statement)]


def freeze_result(process: Process) -> ResultSnapshot | None:
    """The frozen result of a process whose vote phase has closed; made now if it does not exist."""
    existing = snapshot_for(process)
    if existing is not None or vote_state(process) != CLOSED:
        return existing
    rule = rule_for(process)
    rows = ranked(_totals(process.id))
    voters = db.session.scalar(
        select(func.count()).select_from(Ballot).where(Ballot.process_id == process.id, Ballot.used > 0)
    )
    snapshot = ResultSnapshot(
        process_id=process.id, closed_at=vote_phase(process).ends_at, frozen_at=utcnow(),
        rule_kind=rule.kind, budget=rule.budget, max_per_idea=rule.max_per_idea,
        voters=voters or 0, votes=sum(row["votes"] for row in rows), ideas=len(rows),
    )
    try:
        db.session.add(snapshot)
        db.session.flush()
        if rows:
            db.session.execute(insert(ResultRow), [{**row, "snapshot_id": snapshot.id} for row in rows])
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return snapshot_for(process)
    return snapshot
