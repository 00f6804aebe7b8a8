"""What other features show of a plan action: its code, title, status, tasks, its action plan's budget and
the quarterly updates of its tasks.

Other features (the follow-up of the councils' ambition points) link to actions by id and read them only
through ``action_summaries``, so they keep working when the plan's model changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from participation.extensions import db
from participation.plan.models import PlanAction, PlanTask, StatusUpdate
from participation.plan.queries import BudgetFigures


@dataclass
class ActionSummary:
    id: int
    code: str
    title: str
    status: str | None
    status_label: str
    budget: BudgetFigures  # the budget of the action's action plan: the report keeps budgets per plan
    plan_code: str = ""
    plan_title: str = ""
    tasks: list[PlanTask] = field(default_factory=list)
    updates: list[StatusUpdate] = field(default_factory=list)

    @property
    def latest_update(self) -> StatusUpdate | None:
        return self.updates[0] if self.updates else None


def summarise(action: PlanAction) -> ActionSummary:
    plan = action.action_plan
    return ActionSummary(
        id=action.id, code=action.code, title=action.title, status=action.status, status_label=action.status_label,
        budget=BudgetFigures.of([plan]), plan_code=plan.code, plan_title=plan.short_title, tasks=list(action.tasks),
        updates=list(action.updates),
    )


def action_summaries(action_ids: set[int] | list[int]) -> dict[int, ActionSummary]:
    """Action id -> its summary, newest update first; four queries, whatever the number of actions."""
    if not action_ids:
        return {}
    actions = db.session.scalars(
        select(PlanAction).where(PlanAction.id.in_(set(action_ids))).options(
            joinedload(PlanAction.action_plan),
            selectinload(PlanAction.tasks),
            selectinload(PlanAction.updates).joinedload(StatusUpdate.task),
        )
    )
    return {action.id: summarise(action) for action in actions}
