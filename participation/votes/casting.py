"""The writes of one vote: the idea's total, the ballot's votes spent and the vote row, each conditional.

Each function returns the three new figures (the idea's total, the ballot's votes spent, the person's
votes on the idea), None for a write whose condition failed: the caller then rolls back and refuses.
The idea row is written first, then the ballot row, then the vote row (the order of `services.py`).

On PostgreSQL the three writes are one statement (data-modifying CTEs, each running only when the one
before it wrote), so a vote is one round trip to the database before its commit. Elsewhere (SQLite, which
writes one transaction at a time) they are three statements with the same conditions, in the same order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import delete, text, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from participation.database import utcnow
from participation.ideas.models import PUBLIC_STATUSES, Idea
from participation.votes.models import Ballot, Vote

if TYPE_CHECKING:
    from participation.votes.services import VoteContext

Figures = tuple[int | None, int | None, int | None]

ATTEMPTS = (1, 2)  # a take-back whose vote row changed under it (a parallel vote) is tried once more

ONE_MORE = text("""
WITH idea AS (
    UPDATE ideas SET vote_count = vote_count + 1, updated_at = :now
    WHERE id = :idea_id AND process_id = :process_id AND status = ANY(:statuses)
    RETURNING vote_count
), ballot AS (
    UPDATE ballots SET used = used + 1
    WHERE id = :ballot_id AND (CAST(:budget AS INTEGER) IS NULL OR used < :budget) AND EXISTS (SELECT 1 FROM idea)
    RETURNING used
), vote AS (
    INSERT INTO votes (ballot_id, idea_id, user_id, count, updated_at)
    SELECT CAST(:ballot_id AS INTEGER), CAST(:idea_id AS INTEGER), CAST(:user_id AS INTEGER), 1, :now FROM ballot
    ON CONFLICT (ballot_id, idea_id) DO UPDATE SET count = votes.count + 1, updated_at = excluded.updated_at
    WHERE votes.count < :max_per_idea
    RETURNING count
)
SELECT (SELECT vote_count FROM idea), (SELECT used FROM ballot), (SELECT count FROM vote)
""")

ONE_LESS = text("""
WITH idea AS (
    UPDATE ideas SET vote_count = vote_count - 1, updated_at = :now
    WHERE id = :idea_id AND vote_count > 0
    RETURNING vote_count
), ballot AS (
    UPDATE ballots SET used = used - 1
    WHERE id = :ballot_id AND used > 0 AND EXISTS (SELECT 1 FROM idea)
    RETURNING used
), fewer AS (
    UPDATE votes SET count = count - 1, updated_at = :now
    WHERE ballot_id = :ballot_id AND idea_id = :idea_id AND count > 1 AND EXISTS (SELECT 1 FROM ballot)
    RETURNING count
), gone AS (
    DELETE FROM votes
    WHERE ballot_id = :ballot_id AND idea_id = :idea_id AND count = 1 AND EXISTS (SELECT 1 FROM ballot)
    RETURNING 0 AS count
)
SELECT (SELECT vote_count FROM idea), (SELECT used FROM ballot),
       (SELECT count FROM fewer UNION ALL SELECT count FROM gone)
""")


def _is_postgresql(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def one_vote_more(session: Session, context: VoteContext, ballot_id: int, user_id: int) -> Figures:
    """One vote more on the idea: its total, the ballot within its budget, the vote row within the maximum
    per idea (created by the first vote; a parallel first vote updates it instead)."""
    rule, now = context.rule, utcnow()
    if _is_postgresql(session):
        return tuple(session.execute(ONE_MORE, {
            "now": now, "idea_id": context.idea_id, "process_id": context.process_id,
            "statuses": list(PUBLIC_STATUSES), "ballot_id": ballot_id, "budget": rule.budget, "user_id": user_id,
            "max_per_idea": rule.max_per_idea,
        }).one())
    total = session.execute(
        update(Idea.__table__)
        .where(Idea.id == context.idea_id, Idea.process_id == context.process_id, Idea.status.in_(PUBLIC_STATUSES))
        .values(vote_count=Idea.vote_count + 1, updated_at=now).returning(Idea.vote_count)
    ).scalar()
    if total is None:
        return None, None, None
    within_budget = [Ballot.id == ballot_id] + ([] if rule.budget is None else [Ballot.used < rule.budget])
    used = session.execute(
        update(Ballot.__table__).where(*within_budget).values(used=Ballot.used + 1).returning(Ballot.used)
    ).scalar()
    if used is None:
        return total, None, None
    upsert = sqlite_insert(Vote.__table__).values(ballot_id=ballot_id, idea_id=context.idea_id, user_id=user_id,
                                                  count=1, updated_at=now)
    mine = session.execute(
        upsert.on_conflict_do_update(
            index_elements=["ballot_id", "idea_id"],
            set_={"count": Vote.__table__.c.count + 1, "updated_at": now},
            where=Vote.__table__.c.count < rule.max_per_idea,
        ).returning(Vote.__table__.c.count)
    ).scalar()
    return total, used, mine


def one_vote_less(session: Session, context: VoteContext) -> Figures:
    """One vote less on the idea: its total, the ballot, and the vote row (one less, or gone at its last)."""
    now, ballot_id, idea_id = utcnow(), context.ballot_id, context.idea_id
    if _is_postgresql(session):
        return tuple(session.execute(ONE_LESS, {"now": now, "idea_id": idea_id, "ballot_id": ballot_id}).one())
    total = session.execute(
        update(Idea.__table__).where(Idea.id == idea_id, Idea.vote_count > 0)
        .values(vote_count=Idea.vote_count - 1, updated_at=now).returning(Idea.vote_count)
    ).scalar()
    used = session.execute(
        update(Ballot.__table__).where(Ballot.id == ballot_id, Ballot.used > 0)
        .values(used=Ballot.used - 1).returning(Ballot.used)
    ).scalar()
    if total is None or used is None:
        return total, used, None
    fewer = session.execute(
        update(Vote.__table__).where(Vote.ballot_id == ballot_id, Vote.idea_id == idea_id, Vote.count > 1)
        .values(count=Vote.count - 1, updated_at=now).returning(Vote.count)
    ).scalar()
    if fewer is not None:
        return total, used, fewer
    gone = session.execute(
        delete(Vote.__table__).where(Vote.ballot_id == ballot_id, Vote.idea_id == idea_id, Vote.count == 1)
    ).rowcount
    return total, used, 0 if gone else None
