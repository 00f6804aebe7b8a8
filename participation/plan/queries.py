"""Read-side of the plan: the tracker's figures aggregated in SQL, lists loaded eagerly in a fixed number
of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from participation.extensions import db
from participation.ideas.models import Idea
from participation.ideas.queries import idea_visibility
from participation.plan.models import ActionPlan, IdeaAction, PlanAction, PlanActionTarget, PolicyGoal
from participation.plan.money import BudgetFigures as BudgetMixin
from participation.plan.money import sum_amounts
from participation.plan.spreadsheet import Status


@dataclass
class BudgetFigures(BudgetMixin):
    """Sums of a group of actions; blank stays blank (see ``money.sum_amounts``)."""

    expenses_total: int | None = None
    expenses_ordered: int | None = None
    income_total: int | None = None
    income_received: int | None = None

    @property
    def has_expenses(self) -> bool:
        return self.expenses_total is not None or self.expenses_ordered is not None

    @property
    def has_income(self) -> bool:
        return self.income_total is not None or self.income_received is not None

    @classmethod
    def of(cls, actions: list[PlanAction]) -> BudgetFigures:
        return cls(
            sum_amounts(a.expenses_total for a in actions),
            sum_amounts(a.expenses_ordered for a in actions),
            sum_amounts(a.income_total for a in actions),
            sum_amounts(a.income_received for a in actions),
        )


@dataclass
class SdgSummary(BudgetFigures):
    """One SDG of the tracker: its policy goals, tasks (actions) per status and budget totals."""

    sdg: int = 0
    tasks: int = 0
    counts: dict[Status, int] = field(default_factory=dict)
    goals: list[PolicyGoal] = field(default_factory=list)


def sdg_summaries(sdg: int | None = None) -> list[SdgSummary]:
    """Every SDG that has policy goals (or just ``sdg``), with its figures: two queries in all."""
    status_columns = [
        func.sum(case((PlanAction.status == status.value, 1), else_=0)).label(status.value) for status in Status
    ]
    statement = (
        select(
            PolicyGoal.sdg,
            func.count(PlanAction.id).label("tasks"),
            func.sum(PlanAction.expenses_total).label("expenses_total"),
            func.sum(PlanAction.expenses_ordered).label("expenses_ordered"),
            func.sum(PlanAction.income_total).label("income_total"),
            func.sum(PlanAction.income_received).label("income_received"),
            *status_columns,
        )
        .select_from(PolicyGoal)
        .outerjoin(ActionPlan, ActionPlan.goal_id == PolicyGoal.id)
        .outerjoin(PlanAction, PlanAction.action_plan_id == ActionPlan.id)
        .group_by(PolicyGoal.sdg)
        .order_by(PolicyGoal.sdg)
    )
    goals = select(PolicyGoal).order_by(PolicyGoal.sdg, PolicyGoal.code)
    if sdg is not None:
        statement = statement.where(PolicyGoal.sdg == sdg)
        goals = goals.where(PolicyGoal.sdg == sdg)
    goals_by_sdg: dict[int, list[PolicyGoal]] = {}
    for goal in db.session.scalars(goals):
        goals_by_sdg.setdefault(goal.sdg, []).append(goal)
    summaries = []
    for row in db.session.execute(statement):
        summaries.append(
            SdgSummary(
                expenses_total=_int(row.expenses_total),
                expenses_ordered=_int(row.expenses_ordered),
                income_total=_int(row.income_total),
                income_received=_int(row.income_received),
                sdg=row.sdg,
                tasks=row.tasks,
                counts={status: int(getattr(row, status.value) or 0) for status in Status},
                goals=goals_by_sdg.get(row.sdg, []),
            )
        )
    return summaries


def _int(value) -> int | None:
    return None if value is None else int(value)


def goals_with_actions(sdg: int) -> list[PolicyGoal]:
    """The policy goals of an SDG with their action plans, actions and status updates loaded."""
    statement = (
        select(PolicyGoal)
        .where(PolicyGoal.sdg == sdg)
        .order_by(PolicyGoal.code)
        .options(
            selectinload(PolicyGoal.action_plans)
            .selectinload(ActionPlan.actions)
            .selectinload(PlanAction.updates)
        )
    )
    return list(db.session.scalars(statement))


def action_by_code(code: str) -> PlanAction | None:
    statement = (
        select(PlanAction)
        .where(PlanAction.code == code)
        .options(
            joinedload(PlanAction.action_plan).joinedload(ActionPlan.goal),
            selectinload(PlanAction.updates),
            selectinload(PlanAction.targets),
        )
    )
    return db.session.scalar(statement)


def ideas_of_action(action: PlanAction, viewer) -> list[Idea]:
    """The ideas an action realises that the viewer may see in a list (`ideas.queries.idea_visibility`)."""
    statement = (
        select(Idea)
        .join(IdeaAction, IdeaAction.idea_id == Idea.id)
        .where(IdeaAction.action_id == action.id, idea_visibility(viewer, listing=True))
        .order_by(Idea.title, Idea.id)
        .options(joinedload(Idea.process))
    )
    return list(db.session.scalars(statement))


def actions_for_idea(idea_id: int) -> list[PlanAction]:
    """The actions that carry out an idea, each with its quarterly updates: two queries."""
    statement = (
        select(PlanAction)
        .join(IdeaAction, IdeaAction.action_id == PlanAction.id)
        .where(IdeaAction.idea_id == idea_id)
        .order_by(PlanAction.code)
        .options(selectinload(PlanAction.updates))
    )
    return list(db.session.scalars(statement))


def actions_for_sdg_goal(number: int) -> list[PlanAction]:
    """Actions of the policy goals serving SDG ``number`` and actions linked to one of its targets."""
    from participation.sdgs.reference import goal_of, target_codes

    codes = sorted(code for code in target_codes() if goal_of(code) == number)
    linked = select(PlanActionTarget.action_id).where(PlanActionTarget.target_code.in_(codes))
    statement = (
        select(PlanAction)
        .join(PlanAction.action_plan)
        .join(ActionPlan.goal)
        .where(or_(PolicyGoal.sdg == number, PlanAction.id.in_(linked)))
        .order_by(PlanAction.code)
        .options(selectinload(PlanAction.updates))
    )
    return list(db.session.scalars(statement))


def search_actions(query: str, page: int, per_page: int):
    """Actions by code or title, for the moderator who links an idea."""
    statement = select(PlanAction).order_by(PlanAction.code)
    if query:
        like = f"%{query.lower()}%"
        statement = statement.where(
            or_(func.lower(PlanAction.code).like(like), func.lower(PlanAction.title).like(like))
        )
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)


def action_plans() -> list[ActionPlan]:
    """Every action plan with its goal, for the form that creates an action."""
    statement = select(ActionPlan).join(ActionPlan.goal).order_by(PolicyGoal.code, ActionPlan.code)
    return list(db.session.scalars(statement.options(joinedload(ActionPlan.goal))))
