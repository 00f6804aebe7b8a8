"""What the open data API may show: public processes and their published ideas, nothing else."""

from sqlalchemy import Select
from sqlalchemy.orm import joinedload

from participation.extensions import db
from participation.ideas.models import PUBLIC_STATUSES, Idea
from participation.processes.models import Process

OPEN_AUDIENCE = "public"


def open_processes() -> Select:
    return (
        db.select(Process)
        .where(Process.audience == OPEN_AUDIENCE)
        .order_by(Process.created_at.desc(), Process.id.desc())
    )


def open_process(slug: str) -> Process | None:
    return db.session.scalar(db.select(Process).where(Process.slug == slug, Process.audience == OPEN_AUDIENCE))


def open_ideas(process: Process) -> Select:
    return (
        db.select(Idea)
        .options(joinedload(Idea.district), joinedload(Idea.process))
        .where(Idea.process_id == process.id, Idea.status.in_(PUBLIC_STATUSES))
        .order_by(Idea.vote_count.desc(), Idea.id)
    )


def open_idea(idea_id: int) -> Idea | None:
    return db.session.scalar(
        db.select(Idea)
        .options(joinedload(Idea.district), joinedload(Idea.process))
        .join(Process, Idea.process_id == Process.id)
        .where(Idea.id == idea_id, Idea.status.in_(PUBLIC_STATUSES), Process.audience == OPEN_AUDIENCE)
    )
