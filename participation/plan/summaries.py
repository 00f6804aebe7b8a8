"""What other features show of a plan action: its code, title, status, budget and quarterly updates.

Other features (the follow-up of the councils' ambition points) link to actions by id and read them only
through ``action_summaries``, so they keep working when the plan's model changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from participation.extensions import db
from participation.plan.models import PlanAction, StatusUpdate
from participation.plan.queries import BudgetFigures


@dataclass
class ActionSummary:
    id: int
    code: str
    title: str
    status: str | None
    status_label: str
    budget: BudgetFigures
    updates: list[StatusUpdate] = field(default_factory=list)

    @property
    def latest_update(self) -> StatusUpdate | None:
        return self.updates[0] if self.updates else None


def summarise(action: PlanAction) -> ActionSummary:
    return ActionSummary(
        id=action.id, code=action.code, title=action.title, status=action.status, status_label=action.status_label,
        budget=BudgetFigures.of([action]), updates=list(action.updates),
    )


def action_summaries(action_ids: set[int] | list[int]) -> dict[int, ActionSummary]:
    """Action id -> its summary, newest update first; two queries, whatever the number of actions."""
    if not action_ids:
        return {}
    actions = db.session.scalars(
        select(PlanAction).where(PlanAction.id.in_(set(action_ids))).options(selectinload(PlanAction.updates))
    )
    return {action.id: summarise(action) for action in actions}
