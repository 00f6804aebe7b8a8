"""Read-side helpers of the partners: the index with its counts, one partner's tasks, a task's partners."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import joinedload

from participation.extensions import db
from participation.partners.models import Partner, TaskPartner
from participation.partners.signals import process_counts, processes_of_partner
from participation.plan.models import ActionPlan, PlanAction, PlanTask


@dataclass
class PartnerRow:
    partner: Partner
    tasks: int
    named_tasks: int
    processes: int


def ordered(statement):
    return statement.order_by(Partner.position, Partner.name, Partner.id)


def all_partners() -> list[Partner]:
    return list(db.session.scalars(ordered(select(Partner))))


def partner_rows(viewer) -> list[PartnerRow]:
    """Every partner with how many plan tasks name it (in all, and in the task itself) and how many
    processes it takes part in that the viewer may see: one query, plus one per feature that relates
    processes."""
    tasks = func.count(TaskPartner.task_id)
    named = func.coalesce(func.sum(case((TaskPartner.named_in == "task", 1), else_=0)), 0)
    statement = ordered(
        select(Partner, tasks, named).outerjoin(TaskPartner, TaskPartner.partner_id == Partner.id).group_by(Partner.id)
    )
    processes: dict[int, int] = defaultdict(int)
    for _listener, counts in process_counts.send(None, viewer=viewer):
        for partner_id, count in (counts or {}).items():
            processes[partner_id] += count
    return [PartnerRow(partner, count, named_count, processes[partner.id])
            for partner, count, named_count in db.session.execute(statement)]


def partner_by_slug(slug: str) -> Partner | None:
    return db.session.scalar(select(Partner).where(Partner.slug == slug))


def links_of_partner(partner: Partner) -> list[TaskPartner]:
    """The plan tasks that name the partner, in the plan's order, with their action, action plan, goal and
    latest update loaded; tasks named in the task itself come before those named only in an explanation."""
    statement = (
        select(TaskPartner)
        .join(PlanTask, PlanTask.id == TaskPartner.task_id)
        .join(PlanAction, PlanAction.id == PlanTask.action_id)
        .where(TaskPartner.partner_id == partner.id)
        .order_by(case((TaskPartner.named_in == "task", 0), else_=1), PlanAction.code, PlanTask.position,
                  PlanTask.id)
        .options(
            joinedload(TaskPartner.task).joinedload(PlanTask.action).joinedload(PlanAction.action_plan)
            .joinedload(ActionPlan.goal),
            joinedload(TaskPartner.task).selectinload(PlanTask.updates),
        )
    )
    return list(db.session.scalars(statement).unique())


def processes_with(partner: Partner, viewer) -> list:
    """The processes the partner takes part in that the viewer may see, as the features that relate them
    say (see ``signals``)."""
    from participation.processes.services import can_view

    found = {}
    for _listener, processes in processes_of_partner.send(partner):
        for process in processes or []:
            if can_view(viewer, process):
                found[process.id] = process
    return sorted(found.values(), key=lambda process: (process.title, process.id))


def partners_by_task(task_ids: list[int]) -> dict[int, list[Partner]]:
    """The partners each task names, in the partners' order: one query for a whole page of tasks."""
    if not task_ids:
        return {}
    statement = ordered(
        select(TaskPartner.task_id, Partner).join(Partner, Partner.id == TaskPartner.partner_id)
        .where(TaskPartner.task_id.in_(task_ids))
    )
    found: dict[int, list[Partner]] = defaultdict(list)
    for task_id, partner in db.session.execute(statement):
        found[task_id].append(partner)
    return dict(found)


def task_links_by_partner(partner_ids: list[int] | None = None) -> dict[int, list[TaskPartner]]:
    """Every partner's task links with the task's action loaded, for the API and the export."""
    statement = (
        select(TaskPartner)
        .join(PlanTask, PlanTask.id == TaskPartner.task_id)
        .join(PlanAction, PlanAction.id == PlanTask.action_id)
        .order_by(PlanAction.code, PlanTask.position, PlanTask.id)
        .options(joinedload(TaskPartner.task).joinedload(PlanTask.action))
    )
    if partner_ids is not None:
        statement = statement.where(TaskPartner.partner_id.in_(partner_ids))
    found: dict[int, list[TaskPartner]] = defaultdict(list)
    for link in db.session.scalars(statement):
        found[link.partner_id].append(link)
    return dict(found)


