"""What the open data API may show: public processes and their published ideas, nothing else.

The API answers the same for everyone, logged in or not: what an anonymous visitor may see."""

from sqlalchemy import Select
from sqlalchemy.orm import joinedload

from participation.core.models import Neighbourhood
from participation.extensions import db
from participation.ideas.models import Idea, ranking_order
from participation.ideas.queries import idea_visibility, place_condition
from participation.processes.models import Process
from participation.processes.services import VISITOR
from participation.sdgs.models import IdeaTarget

OPEN_AUDIENCE = "public"


def open_processes() -> Select:
    return (
        db.select(Process)
        .where(Process.audience == OPEN_AUDIENCE)
        .order_by(Process.created_at.desc(), Process.id.desc())
    )


def open_process(slug: str) -> Process | None:
    return db.session.scalar(db.select(Process).where(Process.slug == slug, Process.audience == OPEN_AUDIENCE))


def open_ideas(process: Process, district_id: int | None = None, neighbourhood_id: int | None = None) -> Select:
    """The ideas of `process` a visitor may see; each idea's process is `process` itself (from the session,
    without joining it again and reading its phases once more)."""
    statement = (
        db.select(Idea)
        .options(joinedload(Idea.district), joinedload(Idea.neighbourhood), joinedload(Idea.partner))
        .where(Idea.process_id == process.id, idea_visibility(VISITOR, listing=True))
        .order_by(*ranking_order())  # the live ranking's order, on its index
    )
    place = place_condition(district_id, neighbourhood_id)
    return statement if place is None else statement.where(place)


def open_idea_points(process: Process) -> list[Idea]:
    """The ideas of an open process a visitor may see that have a spot on the map, most votes first."""
    return list(db.session.scalars(
        db.select(Idea)
        .options(joinedload(Idea.district), joinedload(Idea.neighbourhood).joinedload(Neighbourhood.district))
        .where(Idea.process_id == process.id, idea_visibility(VISITOR, listing=True), Idea.latitude.is_not(None))
        .order_by(Idea.vote_count.desc(), Idea.id)
    ))


def open_idea(idea_id: int) -> Idea | None:
    return db.session.scalar(
        db.select(Idea)
        .options(joinedload(Idea.district), joinedload(Idea.neighbourhood), joinedload(Idea.process),
                 joinedload(Idea.partner))
        .where(Idea.id == idea_id, idea_visibility(VISITOR, listing=True))
    )


def sdg_targets_of(idea_ids: list[int]) -> dict[int, list[str]]:
    """The SDG target codes of a page of ideas, in one query: {idea id: ["11.7", "13.2"]}."""
    found: dict[int, list[str]] = {}
    if not idea_ids:
        return found
    statement = (
        db.select(IdeaTarget.idea_id, IdeaTarget.target_code)
        .where(IdeaTarget.idea_id.in_(idea_ids))
        .order_by(IdeaTarget.idea_id, IdeaTarget.goal_number, IdeaTarget.target_code)
    )
    for idea_id, code in db.session.execute(statement):
        found.setdefault(idea_id, []).append(code)
    return found
