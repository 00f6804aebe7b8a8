"""The ideas per goal and per target (by process and status) and each idea's newest link per goal, kept
up to date on every flush that links or unlinks an idea or changes its status, so the SDG pages count
and list a goal's ideas from a few indexed rows instead of reading every idea linked to it."""

from collections import Counter, defaultdict

from sqlalchemy import event, func, inspect, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from participation.extensions import db
from participation.ideas.models import Idea
from participation.sdgs.models import WHOLE_GOAL, IdeaGoal, IdeaTarget, SdgIdeaCount

_GONE = "sdg_counters_gone"  # session.info key: links of ideas being deleted, read before the flush


def _contribution(process_id: int, status: str, links: set[tuple[int, str]]) -> Counter:
    """What one idea adds to the counters: one per goal it is linked to, one per target."""
    counted: Counter = Counter()
    for goal_number in {goal for goal, _code in links}:
        counted[(goal_number, WHOLE_GOAL, process_id, status)] += 1
    for goal_number, code in links:
        counted[(goal_number, code, process_id, status)] += 1
    return counted


@event.listens_for(Session, "before_flush")
def _remember_deleted_ideas(session: Session, _context, _instances) -> None:
    gone = [idea for idea in session.deleted if isinstance(idea, Idea) and idea.id is not None]
    if not gone:
        return
    links = defaultdict(set)
    for idea_id, goal_number, code in session.execute(
        select(IdeaTarget.idea_id, IdeaTarget.goal_number, IdeaTarget.target_code)
        .where(IdeaTarget.idea_id.in_([idea.id for idea in gone]))
    ):
        links[idea_id].add((goal_number, code))
    session.info[_GONE] = {idea.id: (idea.process_id, _old_status(idea), links[idea.id]) for idea in gone}


def _old_status(idea: Idea) -> str:
    history = inspect(idea).attrs.status.history
    return history.deleted[0] if history.deleted else idea.status


@event.listens_for(Session, "after_flush")
def _count_links(session: Session, _context) -> None:
    added, removed = defaultdict(set), defaultdict(set)
    for link in session.new:
        if isinstance(link, IdeaTarget):
            added[link.idea_id].add((link.goal_number, link.target_code))
    for link in session.deleted:
        if isinstance(link, IdeaTarget):
            removed[link.idea_id].add((link.goal_number, link.target_code))
    moved = {idea.id: _old_status(idea) for idea in session.dirty
             if isinstance(idea, Idea) and inspect(idea).attrs.status.history.has_changes()}
    gone = session.info.pop(_GONE, {})
    changes: Counter = Counter()
    for process_id, status, links in gone.values():
        changes.subtract(_contribution(process_id, status, links))
    relinked = (set(added) | set(removed)) - set(gone)
    affected = (relinked | set(moved)) - {None}
    if affected:
        connection = session.connection()
        now = defaultdict(set)
        for idea_id, goal_number, code in connection.execute(
            select(IdeaTarget.idea_id, IdeaTarget.goal_number, IdeaTarget.target_code)
            .where(IdeaTarget.idea_id.in_(affected))
        ):
            now[idea_id].add((goal_number, code))
        ideas = connection.execute(select(Idea.id, Idea.process_id, Idea.status).where(Idea.id.in_(affected))).all()
        for idea_id, process_id, status in ideas:
            before = (now[idea_id] - added[idea_id]) | removed[idea_id]
            changes.update(_contribution(process_id, status, now[idea_id]))
            changes.subtract(_contribution(process_id, moved.get(idea_id, status), before))
        if relinked:
            _relist(connection, relinked)
    changes = Counter({key: delta for key, delta in changes.items() if delta})
    if changes:
        _apply(session.connection(), changes)


def _relist(connection, idea_ids: set[int]) -> None:
    """Write again the goals of these ideas with their newest link."""
    connection.execute(db.delete(IdeaGoal).where(IdeaGoal.idea_id.in_(idea_ids)))
    rows = connection.execute(
        select(IdeaTarget.idea_id, IdeaTarget.goal_number, func.max(IdeaTarget.created_at))
        .where(IdeaTarget.idea_id.in_(idea_ids)).group_by(IdeaTarget.idea_id, IdeaTarget.goal_number)
    ).all()
    if rows:
        connection.execute(db.insert(IdeaGoal), [{"idea_id": i, "goal_number": g, "linked_at": at}
                                                 for i, g, at in rows])


def _apply(connection, changes: Counter) -> None:
    insert = postgresql_insert if connection.dialect.name == "postgresql" else sqlite_insert
    for (goal_number, code, process_id, status), delta in sorted(changes.items()):
        if delta < 0:  # the row exists: the idea was counted when it got this link and status
            connection.execute(
                db.update(SdgIdeaCount)
                .where(SdgIdeaCount.goal_number == goal_number, SdgIdeaCount.target_code == code,
                       SdgIdeaCount.process_id == process_id, SdgIdeaCount.status == status)
                .values(ideas=SdgIdeaCount.ideas + delta)
            )
            continue
        statement = insert(SdgIdeaCount).values(goal_number=goal_number, target_code=code, process_id=process_id,
                                                status=status, ideas=delta)
        connection.execute(statement.on_conflict_do_update(
            index_elements=["goal_number", "target_code", "process_id", "status"],
            set_={"ideas": SdgIdeaCount.ideas + statement.excluded.ideas},
        ))


def recount() -> None:
    """Count again from the links themselves (after links were written in bulk, past the ORM)."""
    db.session.execute(db.delete(SdgIdeaCount))
    db.session.execute(db.delete(IdeaGoal))
    db.session.execute(db.insert(IdeaGoal).from_select(
        ["idea_id", "goal_number", "linked_at"],
        select(IdeaTarget.idea_id, IdeaTarget.goal_number, func.max(IdeaTarget.created_at))
        .group_by(IdeaTarget.idea_id, IdeaTarget.goal_number),
    ))
    columns = ["goal_number", "target_code", "process_id", "status", "ideas"]
    db.session.execute(db.insert(SdgIdeaCount).from_select(columns, (
        select(IdeaGoal.goal_number, db.literal(WHOLE_GOAL), Idea.process_id, Idea.status, func.count())
        .join(Idea, Idea.id == IdeaGoal.idea_id)
        .group_by(IdeaGoal.goal_number, Idea.process_id, Idea.status)
    )))
    db.session.execute(db.insert(SdgIdeaCount).from_select(columns, (
        select(IdeaTarget.goal_number, IdeaTarget.target_code, Idea.process_id, Idea.status, func.count())
        .join(Idea, Idea.id == IdeaTarget.idea_id)
        .group_by(IdeaTarget.goal_number, IdeaTarget.target_code, Idea.process_id, Idea.status)
    )))
