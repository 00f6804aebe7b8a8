"""The frozen result: made once, by the first reader after the vote phase closed.

No button and no scheduler: whoever first opens the ranking after the close freezes it. Two
first readers at once both try; the unique constraint on result_snapshots.process_id lets one
win, the other rolls back its attempt and reads the winner's snapshot.
"""

from flask_babel import gettext as _
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from participation.accounts.models import User
from participation.database import utcnow
from participation.extensions import db
from participation.ideas.models import PUBLIC_STATUSES, Follow, Idea, tie_order
from participation.notifications import services as notifications
from participation.processes.models import Process
from participation.serving import public_url
from participation.votes.models import Ballot, ResultRow, ResultSnapshot, Vote
from participation.votes.ranking import RankedIdea, live_ranking, rank_rows
from participation.votes.rules import CLOSED, rule_for, vote_phase, vote_state


def snapshot_for(process: Process) -> ResultSnapshot | None:
    return db.session.scalar(select(ResultSnapshot).where(ResultSnapshot.process_id == process.id))


def _totals(process_id: int) -> list[tuple[int, str, int]]:
    """Totals counted from the vote rows themselves, not from the running counters, in ranking order."""
    per_idea = (
        select(Vote.idea_id, func.sum(Vote.count).label("votes")).group_by(Vote.idea_id).subquery()
    )
    votes = func.coalesce(per_idea.c.votes, 0)
    statement = (
        select(Idea.id, Idea.title, votes)
        .outerjoin(per_idea, per_idea.c.idea_id == Idea.id)
        .where(Idea.process_id == process_id, Idea.status.in_(PUBLIC_STATUSES))
        .order_by(votes.desc(), *tie_order(Idea.title, Idea.id))
    )
    return [(idea_id, title, int(votes)) for idea_id, title, votes in db.session.execute(statement)]


def frozen_rows(process_id: int) -> list[dict]:
    """The rows of the result as they are frozen: place, whether it is shared, and position."""
    return [
        {"idea_id": row.idea_id, "title": row.title, "votes": row.votes, "rank": row.rank, "shared": row.shared,
         "position": position}
        for position, row in enumerate(rank_rows(_totals(process_id)), start=1)
    ]


def tell_followers_the_result(process: Process, rows: list[dict]) -> int:
    """Whoever follows an idea of the process hears its place once the result is frozen (one query)."""
    by_idea = {row["idea_id"]: row for row in rows}
    followers = db.session.execute(
        select(User, Follow.idea_id).join(Follow, Follow.user_id == User.id).join(Idea, Idea.id == Follow.idea_id)
        .where(Idea.process_id == process.id, User.deleted_at.is_(None)).order_by(User.id, Follow.idea_id)
    ).all()
    told = 0
    for user, idea_id in followers:
        row = by_idea.get(idea_id)
        if row is None:
            continue
        link = public_url("ideas.show", idea_id=idea_id)

        def text(row=row):
            return _("The vote is over: place %(rank)d with %(votes)d votes.", rank=row["rank"], votes=row["votes"])

        def mail(user=user, row=row, link=link):
            return (
                _("Result of the vote: “%(title)s” is number %(rank)d", title=row["title"], rank=row["rank"]),
                _("Hello %(name)s,\n\nThe vote in “%(process)s” is over. The idea “%(title)s” that you follow "
                  "ends at place %(rank)d with %(votes)d votes.\n\nThe idea and the whole ranking:\n%(link)s",
                  name=user.display_name, process=process.title, title=row["title"], rank=row["rank"],
                  votes=row["votes"], link=link),
            )

        notifications.notify(user, "vote_result", row["title"], link, text, mail, idea_id=idea_id)
        told += 1
    return told


def freeze_result(process: Process) -> ResultSnapshot | None:
    """The frozen result of a process whose vote phase has closed; made now if it does not exist."""
    existing = snapshot_for(process)
    if existing is not None or vote_state(process) != CLOSED:
        return existing
    rule = rule_for(process)
    rows = frozen_rows(process.id)
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
        tell_followers_the_result(process, rows)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return snapshot_for(process)
    return snapshot


def standing(process: Process, size: int) -> list[RankedIdea]:
    """The first `size` ideas of the ranking: the frozen result once the vote phase has closed,
    the live totals before (the process report shows what the ranking page shows)."""
    snapshot = freeze_result(process)
    if snapshot is not None:
        rows = db.session.scalars(
            select(ResultRow).where(ResultRow.snapshot_id == snapshot.id).order_by(ResultRow.position).limit(size)
        )
        return [RankedIdea(row.idea_id, row.title, row.votes, row.rank, row.shared) for row in rows]
    return list(live_ranking(process.id, "", 1, size).items)
