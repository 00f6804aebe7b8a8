from participation.extensions import db
from participation.processes.models import Process
from participation.processes.services import process_visibility


def visible_processes(user) -> list[Process]:
    statement = (
        db.select(Process)
        .where(process_visibility(user))
        .order_by(Process.created_at.desc(), Process.id.desc())
    )
    return list(db.session.scalars(statement))


def process_by_slug(slug: str) -> Process | None:
    return db.session.scalar(db.select(Process).where(Process.slug == slug))


def all_processes() -> list[Process]:
    return list(db.session.scalars(db.select(Process).order_by(Process.created_at.desc(), Process.id.desc())))
