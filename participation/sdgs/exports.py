"""Export kinds of the SDG links: every link between an idea or a plan action and an SDG target, and the
target codes of each idea as a column of the ``ideas`` kind."""

from collections.abc import Iterator

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, cast, literal

from participation.exports.kinds import stream
from participation.exports.registry import Column, ExportOptions, extend_export, register_export
from participation.extensions import db
from participation.ideas.models import Idea
from participation.plan.models import PlanAction, PlanActionTarget
from participation.processes.models import Process
from participation.sdgs.models import IdeaTarget, SdgTarget

SUBJECT_IDEA = "idea"
SUBJECT_PLAN_ACTION = "plan_action"
CODES_SEPARATOR = ", "
SUBJECT_LABELS = {SUBJECT_IDEA: _l("Idea"), SUBJECT_PLAN_ACTION: _l("Action of the multi-year plan")}

SDG_LINK_COLUMNS = [
    Column("subject", "onderwerp", "What is linked, as the screens say it: an idea or an action of the plan.",
           label=lambda subject: str(SUBJECT_LABELS.get(subject, subject))),
    Column("subject_id", "onderwerp_id", "Number of the idea, or code of the plan action (D10/AP01/04)."),
    Column("process", "traject", "Slug of the idea's process; empty for a plan action."),
    Column("title", "titel", "Title of the idea or the action."),
    Column("target", "subdoel", "Code of the SDG target (11.7, 1.a)."),
    Column("goal", "sdg", "Number of the SDG (1 to 17)."),
    Column("linked_at", "gekoppeld_op", "When a moderator linked the idea (Brussels time); empty for a plan action."),
]


def sdg_link_rows(options: ExportOptions) -> Iterator[tuple]:
    """The links of ideas, then those of plan actions; with a process, only the links of its ideas."""
    ideas = (
        db.select(
            literal(SUBJECT_IDEA), cast(Idea.id, String), Process.slug, Idea.title, IdeaTarget.target_code,
            IdeaTarget.goal_number, IdeaTarget.created_at,
        )
        .join(Idea, IdeaTarget.idea_id == Idea.id)
        .join(Process, Idea.process_id == Process.id)
        .order_by(Idea.id, IdeaTarget.goal_number, IdeaTarget.target_code)
    )
    if options.process_id is not None:
        yield from stream(ideas.where(Idea.process_id == options.process_id))
        return
    yield from stream(ideas)
    yield from stream(_plan_action_links())


def _plan_action_links():
    return (
        db.select(
            literal(SUBJECT_PLAN_ACTION), PlanAction.code, literal(None, String), PlanAction.title,
            PlanActionTarget.target_code, SdgTarget.goal_number, literal(None, String),
        )
        .join(PlanAction, PlanActionTarget.action_id == PlanAction.id)
        .outerjoin(SdgTarget, PlanActionTarget.target_code == SdgTarget.code)
        .order_by(PlanAction.code, SdgTarget.goal_number, PlanActionTarget.target_code)
    )


def targets_of_ideas(options: ExportOptions, keys: list) -> dict:
    """{idea id: ("11.7, 13.2",)} for a batch of ideas, in one query."""
    found: dict[int, list[str]] = {}
    statement = (
        db.select(IdeaTarget.idea_id, IdeaTarget.target_code)
        .where(IdeaTarget.idea_id.in_(keys))
        .order_by(IdeaTarget.idea_id, IdeaTarget.goal_number, IdeaTarget.target_code)
    )
    for idea_id, code in db.session.execute(statement):
        found.setdefault(idea_id, []).append(code)
    return {idea_id: (CODES_SEPARATOR.join(codes),) for idea_id, codes in found.items()}


register_export(
    "sdg_links", _l("SDG links"), SDG_LINK_COLUMNS, sdg_link_rows, public=False,
    description=_l("Every link between an SDG target and an idea (also ideas not published) or an action of "
                   "the multi-year plan."),
)
extend_export(
    "ideas",
    [Column("sdg_targets", "sdg_subdoelen", "SDG targets of the idea, separated by a comma (11.7, 13.2).")],
    values=targets_of_ideas,
)
