"""Export kind ``partners``: one row per partner per plan task that names it (a partner no task names has
one row with the task columns empty); and the ideas and comments exports name the partner an idea was
proposed, or a comment written, on behalf of."""

from collections.abc import Iterator

from flask_babel import lazy_gettext as _l

from participation.comments.models import Comment
from participation.exports.kinds import stream
from participation.exports.registry import Column, ExportOptions, extend_export, register_export
from participation.extensions import db
from participation.ideas.models import Idea
from participation.partners.models import Partner, TaskPartner
from participation.plan.models import PlanAction, PlanTask

COLUMNS = [
    Column("slug", "partner", "Short name of the partner in addresses (w13)."),
    Column("name", "organisatie", "Name as the city writes it (W13)."),
    Column("full_name", "voluit", "Full name, when the city gives it."),
    Column("site", "website", "Site of the partner, when known."),
    Column("description", "omschrijving", "What the partner does with the city."),
    Column("action", "actie_code", "Code of the action of a task that names the partner (D03/AP02/07)."),
    Column("task", "taak", "Title of the task."),
    Column("named_in", "genoemd_in", "taak: the task or its action names the partner; toelichting: only a "
                                     "quarterly explanation does."),
]
NAMED_IN_WORDS = {"task": "taak", "explanation": "toelichting"}


def partner_rows(options: ExportOptions) -> Iterator[tuple]:
    statement = (
        db.select(Partner.slug, Partner.name, Partner.full_name, Partner.site, Partner.description,
                  PlanAction.code, PlanTask.title, TaskPartner.named_in)
        .outerjoin(TaskPartner, TaskPartner.partner_id == Partner.id)
        .outerjoin(PlanTask, PlanTask.id == TaskPartner.task_id)
        .outerjoin(PlanAction, PlanAction.id == PlanTask.action_id)
        .order_by(Partner.position, Partner.name, Partner.id, PlanAction.code, PlanTask.position, PlanTask.id)
    )
    for row in stream(statement):
        slug, name, full_name, site, description, action, task, named_in = row
        yield (slug, name, full_name, site, description, action, task, NAMED_IN_WORDS.get(named_in))


register_export(
    "partners", _l("Partners"), COLUMNS, rows=partner_rows, public=True, by_process=False,
    description=_l("The organisations the city works with, one row per plan task that names them."),
)


def partner_names(model):
    """The values of a "namens" column for `model` (ideas, comments): {id: (partner name,)} for the rows of a
    batch written on behalf of a partner, in one query."""

    def values(options: ExportOptions, keys: list) -> dict:
        statement = (db.select(model.id, Partner.name).join(Partner, Partner.id == model.partner_id)
                     .where(model.id.in_(keys)))
        return {row_id: (name,) for row_id, name in db.session.execute(statement)}

    return values


extend_export(
    "ideas",
    [Column("on_behalf_of", "namens", "Name of the partner the idea was proposed on behalf of (W13), by someone "
                                      "who came in through its invitation; empty otherwise.")],
    values=partner_names(Idea),
)
extend_export(
    "comments",
    [Column("on_behalf_of", "namens", "Name of the partner the comment was written on behalf of (W13), by "
                                      "someone who came in through its invitation; empty otherwise.")],
    values=partner_names(Comment),
)
