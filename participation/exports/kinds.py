"""The kinds this package owns: users (administrators only), ideas, and vote totals per idea."""

from collections.abc import Iterator
from itertools import islice

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select

from participation.accounts.forms import role_label
from participation.accounts.models import User, UserRole
from participation.core.chapters import chapter_label
from participation.core.models import District, Neighbourhood
from participation.exports.registry import BATCH, Column, ExportOptions, extend_export, register_export
from participation.extensions import db
from participation.ideas.models import PUBLIC_STATUSES, Idea, tie_order
from participation.ideas.rules import STATUS_LABELS
from participation.processes.models import Process
from participation.text import readable_text
from participation.votes.ranking import places_by_process


def stream(statement: Select) -> Iterator[tuple]:
    """Rows from the database in batches (a server-side cursor on PostgreSQL), as plain tuples."""
    result = db.session.execute(statement.execution_options(yield_per=BATCH))
    for row in result:
        yield tuple(row)


def for_process(statement: Select, options: ExportOptions) -> Select:
    if options.process_id is not None:
        statement = statement.where(Idea.process_id == options.process_id)
    return statement


def role_labels(roles: str) -> str:
    return ", ".join(role_label(role) for role in roles.split(",") if role)


USER_COLUMNS = [
    Column("id", "id", "Number of the account."),
    Column("name", "naam", "Name shown with the person's ideas."),
    Column("email", "e_mailadres", "E-mail address: only in this export."),
    Column("roles", "rollen", "Roles, separated by a comma, in the language of the export (in Dutch: Inwoner, "
                              "Medewerker, Lid van een adviesraad, Moderator, Beheerder).", label=role_labels),
    Column("confirmed_at", "bevestigd_op", "When the e-mail address was confirmed (Brussels time)."),
    Column("created_at", "aangemaakt_op", "When the account was made (Brussels time)."),
    Column("deleted_at", "verwijderd_op", "When the person deleted the account (Brussels time); empty if active."),
]


def user_rows(options: ExportOptions) -> Iterator[tuple]:
    statement = db.select(
        User.id, User.display_name, User.email, User.email_confirmed_at, User.created_at, User.deleted_at
    ).order_by(User.id)
    rows = stream(statement)
    while batch := list(islice(rows, BATCH)):
        ids = [row[0] for row in batch]
        roles: dict[int, list[str]] = {}
        for user_id, role in db.session.execute(
            db.select(UserRole.user_id, UserRole.role).where(UserRole.user_id.in_(ids)).order_by(UserRole.role)
        ):
            roles.setdefault(user_id, []).append(role)
        for user_id, name, email, confirmed, created, deleted in batch:
            yield user_id, name, email, ",".join(roles.get(user_id, [])), confirmed, created, deleted


IDEA_COLUMNS = [
    Column("id", "id", "Number of the idea."),
    Column("process", "traject", "Slug of the process the idea belongs to."),
    Column("title", "titel", "Title of the idea."),
    Column("status", "status", "Status as the screens show it, in the language of the export (in Dutch: "
                               "Ingediend, Gepubliceerd, Verborgen, Gekozen, Niet gekozen, Bezig, "
                               "Gerealiseerd, Samengevoegd).", label=lambda code: str(STATUS_LABELS.get(code, code))),
    Column("theme", "thema", "The city's chapter (pijler) as the screens name it (Harelbeke: People, Prosperity, "
                             "Planet, Public Services or Partnerships).",
           label=lambda key: chapter_label(key) or key),
    Column("district", "deelgemeente", "Deelgemeente, empty when the idea is about the whole city."),
    Column("neighbourhood", "wijk", "Wijk of that deelgemeente, empty when the idea is not about one wijk."),
    Column("votes", "stemmen", "Vote total of the idea."),
    Column("created_at", "ingediend_op", "When the idea was submitted (Brussels time)."),
    Column("via_desk", "via_loket", "ja when an employee entered the idea for a resident at the desk."),
]


def idea_rows(options: ExportOptions) -> Iterator[tuple]:
    statement = (
        db.select(
            Idea.id, Process.slug, Idea.title, Idea.status, Idea.theme, District.name, Neighbourhood.name,
            Idea.vote_count, Idea.created_at, db.and_(Idea.entered_by_id.is_not(None), Idea.meeting_id.is_(None)),
        )
        .join(Process, Idea.process_id == Process.id)
        .outerjoin(District, Idea.district_id == District.id)
        .outerjoin(Neighbourhood, Idea.neighbourhood_id == Neighbourhood.id)
        .order_by(Idea.id)
    )
    return stream(for_process(statement, options))


VOTE_TOTAL_COLUMNS = [
    Column("id", "idee_id", "Number of the idea."),
    Column("process", "traject", "Slug of the process."),
    Column("title", "titel", "Title of the idea."),
    Column("votes", "stemmen", "Vote total: how many votes the idea received, never who gave them."),
    Column("rank", "rang", "Place in the process's ranking (ties share a place)."),
]


def vote_total_rows(options: ExportOptions) -> Iterator[tuple]:
    """The ranking page's places (one small histogram per process), streamed in the page's order."""
    found = places_by_process(None if options.process_id is None else [options.process_id])
    statement = (
        db.select(Idea.id, Process.slug, Idea.title, Idea.vote_count, Idea.process_id)
        .join(Process, Idea.process_id == Process.id)
        .where(Idea.status.in_(PUBLIC_STATUSES))
        .order_by(Process.slug, Idea.vote_count.desc(), *tie_order(Idea.title, Idea.id))
    )
    for idea_id, slug, title, votes, process_id in stream(for_process(statement, options)):
        yield idea_id, slug, title, votes, found[process_id, votes].place


def idea_texts(options: ExportOptions, keys: list[int]) -> dict[int, tuple]:
    """The text of each idea of a batch, as a reader sees it (paragraphs kept, no marks)."""
    rows = db.session.execute(db.select(Idea.id, Idea.body).where(Idea.id.in_(keys)))
    return {idea_id: (readable_text(body),) for idea_id, body in rows}


register_export(
    "users", _l("Users"), USER_COLUMNS, user_rows, public=False, by_process=False,
    description=_l("Every account with its e-mail address and roles. Contains personal data: keep it safe."),
)
register_export(
    "ideas", _l("Ideas"), IDEA_COLUMNS, idea_rows, public=False,
    description=_l("Every idea with its status, theme, district, neighbourhood and vote total, also ideas not "
                   "published."),
)
extend_export("ideas", [Column("text", "tekst", "The text of the idea, as the idea's page shows it, without "
                                               "marks; paragraphs apart.")], idea_texts, last=True)
register_export(
    "vote_totals", _l("Vote totals per idea"), VOTE_TOTAL_COLUMNS, vote_total_rows, public=True,
    description=_l("The published ideas with their vote total and place in the ranking. Never who voted."),
)
