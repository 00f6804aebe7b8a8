from participation import page_cache
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


def shown_process_by_slug(slug: str) -> Process | None:
    """The process as its pages show it (the process page, its ranking), with its phases, kept in this worker
    while the city-wide generation of the page cache stands (every write to a process or its phases bumps it)
    instead of two statements per request. The instance is detached from every session: read it, never write
    through it or hang new rows on it (a view that writes reads `process_by_slug`). An unknown slug is not
    kept."""

    def load(slugs: list[str]) -> dict[str, Process]:
        found = {}
        for each in slugs:
            process = process_by_slug(each)
            if process is not None:
                db.session.expunge(process)  # with its phases (the cascade)
                found[each] = process
        return found

    return page_cache.kept_fragments("shown-processes", (page_cache.CITY,), [slug], load).get(slug)


def all_processes() -> list[Process]:
    return list(db.session.scalars(db.select(Process).order_by(Process.created_at.desc(), Process.id.desc())))
