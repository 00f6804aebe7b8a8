"""The number of ideas per process and status, kept up to date on every flush that adds, moves or
removes an idea, so lists show their length from one indexed row instead of counting the process."""

from collections import Counter

from sqlalchemy import event, func, inspect, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from participation.extensions import db
from participation.ideas.models import Idea, ProcessIdeaCount


def _changes(session: Session) -> Counter:
    changes: Counter = Counter()
    for idea in session.new:
        if isinstance(idea, Idea):
            changes[(idea.process_id, idea.status)] += 1
    for idea in session.deleted:
        if isinstance(idea, Idea):
            changes[(idea.process_id, idea.status)] -= 1
    for idea in session.dirty:
        if isinstance(idea, Idea):
            history = inspect(idea).attrs.status.history
            if history.has_changes():
                for old in history.deleted:
                    changes[(idea.process_id, old)] -= 1
                for new in history.added:
                    changes[(idea.process_id, new)] += 1
    return Counter({key: delta for key, delta in changes.items() if delta and key[0] is not None})


def _apply(connection, changes: Counter) -> None:
    insert = postgresql_insert if connection.dialect.name == "postgresql" else sqlite_insert
    for (process_id, status), delta in sorted(changes.items()):
        if delta < 0:  # the row exists: the idea was counted when it got this status
            connection.execute(
                db.update(ProcessIdeaCount)
                .where(ProcessIdeaCount.process_id == process_id, ProcessIdeaCount.status == status)
                .values(ideas=ProcessIdeaCount.ideas + delta)
            )
            continue
        statement = insert(ProcessIdeaCount).values(process_id=process_id, status=status, ideas=delta)
        connection.execute(statement.on_conflict_do_update(
            index_elements=["process_id", "status"],
            set_={"ideas": ProcessIdeaCount.ideas + statement.excluded.ideas},
        ))


@event.listens_for(Session, "after_flush")
def _count_ideas(session: Session, _context) -> None:
    changes = _changes(session)
    if changes:
        _apply(session.connection(), changes)


def idea_count(process_id: int, statuses: tuple[str, ...] | list[str]) -> int:
    """The ideas of a process in these statuses, from the counters."""
    return db.session.scalar(
        select(func.coalesce(func.sum(ProcessIdeaCount.ideas), 0))
        .where(ProcessIdeaCount.process_id == process_id, ProcessIdeaCount.status.in_(list(statuses)))
    ) or 0


def recount(process_id: int | None = None) -> None:
    """Count again from the ideas themselves (after ideas were written in bulk, past the ORM)."""
    scope = [] if process_id is None else [ProcessIdeaCount.process_id == process_id]
    db.session.execute(db.delete(ProcessIdeaCount).where(*scope))
    ideas_scope = [] if process_id is None else [Idea.process_id == process_id]
    rows = db.session.execute(
        select(Idea.process_id, Idea.status, func.count()).where(*ideas_scope).group_by(Idea.process_id, Idea.status)
    ).all()
    if rows:
        db.session.execute(db.insert(ProcessIdeaCount),
                           [{"process_id": p, "status": s, "ideas": n} for p, s, n in rows])
