"""The kinds this package owns: users (administrators only), ideas, and vote totals per idea."""

from collections.abc import Iterator
from itertools import islice

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func

from participation.accounts.models import User, UserRole
from participation.core.models import District, Neighbourhood
from participation.exports.registry import BATCH, Column, ExportOptions, register_export
from participation.extensions import db
from participation.ideas.models import PUBLIC_STATUSES, Idea
from participation.processes.models import Process


def stream(statement: Select) -> Iterator[tuple]:
    """Rows from the database in batches (a server-side cursor on PostgreSQL), as plain tuples."""
    result = db.session.execute(statement.execution_options(yield_per=BATCH))
    for row in result:
        yield tuple(row)


def for_process(statement: Select, options: ExportOptions) -> Select:
    if options.process_id is not None:
        statement = statement.where(Idea.process_id == options.process_id)
    return statement


USER_COLUMNS = [
    Column("id", "id", "Number of the account."),
    Column("name", "naam", "Name shown with the person's ideas."),
    Column("email", "e_mailadres", "E-mail address: only in this export."),
    Column("roles", "rollen", "Roles, separated by a comma: resident, employee, council_member, moderator, "
                              "administrator."),
    Column("confirmed_at", "bevestigd_op", "When the e-mail address was confirmed (UTC)."),
    Column("created_at", "aangemaakt_op", "When the account was made (UTC)."),
    Column("deleted_at", "verwijderd_op", "When the person deleted the account (UTC); empty if active."),
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
    Column("status", "status", "submitted, published, hidden, selected, not_selected, in_progress, realised "
                               "or merged."),
    Column("theme", "thema", "Key of the city's chapter (Harelbeke: people, prosperity, planet, public_services or "
                             "partnership)."),
    Column("district", "deelgemeente", "Deelgemeente, empty when the idea is about the whole city."),
    Column("neighbourhood", "wijk", "Wijk of that deelgemeente, empty when the idea is not about one wijk."),
    Column("votes", "stemmen", "Vote total of the idea."),
    Column("created_at", "ingediend_op", "When the idea was submitted (UTC)."),
    Column("via_desk", "via_loket", "ja when an employee entered the idea for a resident at the desk."),
]


def idea_rows(options: ExportOptions) -> Iterator[tuple]:
    statement = (
        db.select(
            Idea.id, Process.slug, Idea.title, Idea.status, Idea.theme, District.name, Neighbourhood.name,
            Idea.vote_count, Idea.created_at, Idea.entered_by_id.is_not(None),
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
    rank = func.rank().over(partition_by=Idea.process_id, order_by=Idea.vote_count.desc())
    statement = (
        db.select(Idea.id, Process.slug, Idea.title, Idea.vote_count, rank)
        .join(Process, Idea.process_id == Process.id)
        .where(Idea.status.in_(PUBLIC_STATUSES))
        .order_by(Process.slug, Idea.vote_count.desc(), Idea.id)
    )
    return stream(for_process(statement, options))


register_export(
    "users", _l("Users"), USER_COLUMNS, user_rows, public=False, by_process=False,
    description=_l("Every account with its e-mail address and roles. Contains personal data: keep it safe."),
)
register_export(
    "ideas", _l("Ideas"), IDEA_COLUMNS, idea_rows, public=False,
    description=_l("Every idea with its status, theme, district, neighbourhood and vote total, also ideas not "
                   "published."),
)
register_export(
    "vote_totals", _l("Vote totals per idea"), VOTE_TOTAL_COLUMNS, vote_total_rows, public=True,
    description=_l("The published ideas with their vote total and place in the ranking. Never who voted."),
)
