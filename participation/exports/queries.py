"""Figures for the process report, counted by the database."""

from dataclasses import dataclass

from sqlalchemy import case, func

from participation.core.models import District
from participation.extensions import db
from participation.ideas.models import PUBLIC_STATUSES, Idea
from participation.processes.models import Process

ANSWERED_STATUSES = ("selected", "in_progress", "realised", "not_selected")
RANKING_SIZE = 20


@dataclass
class Participation:
    ideas: int
    authors: int
    via_desk: int
    votes: int
    by_theme: list[tuple[str, int]]
    by_district: list[tuple[str | None, int]]


def participation_figures(process: Process) -> Participation:
    in_process = Idea.process_id == process.id
    ideas, authors, via_desk, votes = db.session.execute(
        db.select(
            func.count(Idea.id),
            func.count(func.distinct(Idea.author_id)),
            func.count(Idea.entered_by_id),
            func.coalesce(func.sum(Idea.vote_count), 0),
        ).where(in_process)
    ).one()
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
    return Participation(
        ideas=ideas, authors=authors, via_desk=via_desk, votes=int(votes),
        by_theme=[tuple(row) for row in by_theme], by_district=[tuple(row) for row in by_district],
    )


@dataclass
class Ranked:
    place: int
    id: int
    title: str
    votes: int


def ranking(process: Process, size: int = RANKING_SIZE) -> list[Ranked]:
    """The published ideas with the most votes; ideas with the same total share a place (1, 2, 2, 4)."""
    rows = db.session.execute(
        db.select(Idea.id, Idea.title, Idea.vote_count)
        .where(Idea.process_id == process.id, Idea.status.in_(PUBLIC_STATUSES))
        .order_by(Idea.vote_count.desc(), Idea.id)
        .limit(size)
    ).all()
    ranked: list[Ranked] = []
    for index, (idea_id, title, votes) in enumerate(rows, start=1):
        place = ranked[-1].place if ranked and ranked[-1].votes == votes else index
        ranked.append(Ranked(place, idea_id, title, votes))
    return ranked


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
