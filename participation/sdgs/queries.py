"""Read-side helpers for the SDG pages and the API: goals with targets, links and counts."""

from __future__ import annotations

from collections import defaultdict

from flask import current_app
from sqlalchemy.orm import selectinload

from participation.extensions import db
from participation.ideas.models import Idea
from participation.ideas.queries import idea_visibility, listing_visibility, paginate_ideas
from participation.page_cache import city_wide
from participation.sdgs.models import (
    WHOLE_GOAL,
    CityStatement,
    IdeaGoal,
    IdeaTarget,
    SdgGoal,
    SdgIdeaCount,
    SdgTarget,
)


def all_goals(with_targets: bool = False) -> list[SdgGoal]:
    statement = db.select(SdgGoal).order_by(SdgGoal.number)
    if with_targets:
        statement = statement.options(selectinload(SdgGoal.targets))
    return list(db.session.scalars(statement))


def goal_by_number(number: int) -> SdgGoal | None:
    return db.session.scalar(
        db.select(SdgGoal).where(SdgGoal.number == number).options(selectinload(SdgGoal.targets))
    )


def statements_by_goal() -> dict[int, CityStatement]:
    return {s.goal_number: s for s in db.session.scalars(db.select(CityStatement))}


def page_goal(number: int) -> SdgGoal | None:
    """A goal with its targets as its page shows it. The 17 goals are reference data: with the page cache
    on they are kept per worker while the city-wide generation stands (`page_cache.city_wide`), loose
    from any session, so they are only read."""
    if not current_app.config["PAGE_CACHE"]:
        return goal_by_number(number)
    return city_wide("sdg_goals", _loose_goals).get(number)


def page_statements() -> dict[int, CityStatement]:
    """The city's sentences as the goal pages show them, kept like the goals (`page_goal`)."""
    if not current_app.config["PAGE_CACHE"]:
        return statements_by_goal()
    return city_wide("sdg_statements", lambda: _loose(statements_by_goal()))


def _loose_goals() -> dict[int, SdgGoal]:
    goals = {goal.number: goal for goal in all_goals(with_targets=True)}
    _loose([target for goal in goals.values() for target in goal.targets])
    return _loose(goals)


def _loose(found):
    for instance in found.values() if isinstance(found, dict) else found:
        db.session.expunge(instance)
    return found


def target_choices() -> list[SdgTarget]:
    return list(db.session.scalars(db.select(SdgTarget).order_by(SdgTarget.goal_number, SdgTarget.position)))


def _visible_counts(viewer, statement):
    """Only the counts of ideas the viewer may see in a list (`ideas.queries.listing_visibility`)."""
    return statement.where(listing_visibility(viewer, SdgIdeaCount.process_id, SdgIdeaCount.status))


def idea_counts_by_goal(viewer) -> dict[int, int]:
    """How many ideas the viewer can see are linked to each goal (an idea counts once per goal), from
    the counters."""
    statement = _visible_counts(
        viewer,
        db.select(SdgIdeaCount.goal_number, db.func.sum(SdgIdeaCount.ideas))
        .where(SdgIdeaCount.target_code == WHOLE_GOAL)
        .group_by(SdgIdeaCount.goal_number),
    )
    return {number: count for number, count in db.session.execute(statement) if count}


def ideas_for_goal(number: int, viewer, page: int, per_page: int):
    """A page of the ideas linked to a goal, newest link first, each with its targets of that goal: the
    length from the counters and the page by index, however many ideas the goal has."""
    total = db.session.scalar(_visible_counts(
        viewer,
        db.select(db.func.coalesce(db.func.sum(SdgIdeaCount.ideas), 0))
        .where(SdgIdeaCount.goal_number == number, SdgIdeaCount.target_code == WHOLE_GOAL),
    ))
    statement = (
        db.select(Idea)
        .join(IdeaGoal, IdeaGoal.idea_id == Idea.id)
        .where(IdeaGoal.goal_number == number, idea_visibility(viewer, listing=True))
        .order_by(IdeaGoal.linked_at.desc(), IdeaGoal.idea_id.desc())
    )
    result = paginate_ideas(statement, page, per_page, total or 0)
    ids = [idea.id for idea in result.items]
    codes: dict[int, list[str]] = defaultdict(list)
    if ids:
        rows = db.session.execute(
            db.select(IdeaTarget.idea_id, IdeaTarget.target_code)
            .join(SdgTarget, SdgTarget.code == IdeaTarget.target_code)
            .where(IdeaTarget.idea_id.in_(ids), IdeaTarget.goal_number == number)
            .order_by(SdgTarget.position)
        )
        for idea_id, code in rows:
            codes[idea_id].append(code)
    return result, codes


def idea_counts_by_target(number: int, viewer) -> dict[str, int]:
    """How many ideas the viewer can see are linked to each target of a goal, from the counters."""
    statement = _visible_counts(
        viewer,
        db.select(SdgIdeaCount.target_code, db.func.sum(SdgIdeaCount.ideas))
        .where(SdgIdeaCount.goal_number == number, SdgIdeaCount.target_code != WHOLE_GOAL)
        .group_by(SdgIdeaCount.target_code),
    )
    return {code: count for code, count in db.session.execute(statement) if count}


def links_of_idea(idea_id: int) -> list[IdeaTarget]:
    """The targets an idea is linked to, in the goals' order, with target and goal loaded."""
    return list(
        db.session.scalars(
            db.select(IdeaTarget)
            .join(SdgTarget, SdgTarget.code == IdeaTarget.target_code)
            .where(IdeaTarget.idea_id == idea_id)
            .options(selectinload(IdeaTarget.target).selectinload(SdgTarget.goal))
            .order_by(SdgTarget.goal_number, SdgTarget.position)
        )
    )


def ideas_for_linking(search: str, unlinked_only: bool, page: int, per_page: int):
    """A page of the ideas a moderator may link, newest first, with how many targets each has:
    searched on the title, and optionally only those without any target yet."""
    statement = db.select(Idea).where(Idea.status != "merged").options(selectinload(Idea.process))
    if search:
        statement = statement.where(Idea.title.ilike(f"%{_escape_like(search)}%", escape="\\"))
    if unlinked_only:
        statement = statement.where(~db.exists().where(IdeaTarget.idea_id == Idea.id))
    statement = statement.order_by(Idea.created_at.desc(), Idea.id.desc())
    result = db.paginate(statement, page=page, per_page=per_page, error_out=False)
    ids = [idea.id for idea in result.items]
    counts: dict[int, int] = {}
    if ids:
        counts = dict(
            db.session.execute(
                db.select(IdeaTarget.idea_id, db.func.count(IdeaTarget.id))
                .where(IdeaTarget.idea_id.in_(ids))
                .group_by(IdeaTarget.idea_id)
            ).all()
        )
    return result, counts


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
