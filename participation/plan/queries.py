"""Read-side of the plan: the tracker's figures aggregated in SQL, lists loaded eagerly in a fixed number
of queries."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from participation.core.chapters import chapter_of_goal, chapters
from participation.extensions import db
from participation.ideas.models import Idea
from participation.ideas.queries import idea_visibility
from participation.plan.models import (
    ActionPlan,
    IdeaAction,
    PlanAction,
    PlanActionTarget,
    PlanTask,
    PolicyGoal,
    StatusUpdate,
)
from participation.plan.money import BudgetFigures as BudgetMixin
from participation.plan.money import sum_amounts
from participation.plan.spreadsheet import Status

AMOUNTS = ("expenses_total", "expenses_ordered", "income_total", "income_received")


@dataclass
class BudgetFigures(BudgetMixin):
    """Sums of a group of budgets; blank stays blank (see ``money.sum_amounts``)."""

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
    def of(cls, records) -> BudgetFigures:
        records = list(records)
        return cls(*(sum_amounts(getattr(record, name) for record in records) for name in AMOUNTS))


def goal_budget(goal: PolicyGoal, plans: list[ActionPlan]) -> BudgetFigures:
    """A policy goal's budget as the report gives it: its own totals when it has them (the report rounds each
    action plan, so the goal's total may differ by a euro from their sum), else the sum of its plans."""
    if any(getattr(goal, name) is not None for name in AMOUNTS):
        return BudgetFigures.of([goal])
    return BudgetFigures.of(plans)


@dataclass
class Totals(BudgetFigures):
    """The figures of an SDG or a chapter: budget, tasks per status, and the tasks the report counts."""

    tasks: int = 0
    counts: dict[Status, int] = field(default_factory=dict)
    reported_tasks: int = 0  # tasks the report counts, shown or not

    @property
    def hidden_tasks(self) -> int:
        """Tasks the report counts but does not show, so the plan does not hold them."""
        return max(0, self.reported_tasks - self.tasks)

    def add(self, other: Totals) -> None:
        for name in AMOUNTS:
            setattr(self, name, sum_amounts([getattr(self, name), getattr(other, name)]))
        self.tasks += other.tasks
        self.reported_tasks += other.reported_tasks
        for status in Status:
            self.counts[status] = self.counts.get(status, 0) + other.counts.get(status, 0)


@dataclass
class SdgSummary(Totals):
    """One SDG of the tracker: its policy goals, tasks per status and budget totals."""

    sdg: int = 0
    goals: list[PolicyGoal] = field(default_factory=list)


@dataclass
class ChapterSummary(Totals):
    """A chapter of the city's plan (People, Prosperity …) and the SDGs it groups."""

    key: str = ""
    label: str = ""
    sdgs: list[SdgSummary] = field(default_factory=list)


def sdg_summaries(sdg: int | None = None, goals_of_sdg: list[PolicyGoal] | None = None) -> list[SdgSummary]:
    """Every SDG that has policy goals (or just ``sdg``), with its figures: three queries in all, one when
    the policy goals of ``sdg`` are given already loaded with their action plans (`goals_with_actions`).

    Tasks are counted per action plan in SQL; a plan whose report counts more tasks than it shows adds
    the difference to ``reported_tasks``."""
    status_columns = [
        func.sum(case((PlanTask.status == status.value, 1), else_=0)).label(status.value) for status in Status
    ]
    counts = (
        select(PlanAction.action_plan_id, func.count(PlanTask.id).label("tasks"), *status_columns)
        .join(PlanTask, PlanTask.action_id == PlanAction.id)
        .group_by(PlanAction.action_plan_id)
    )
    goals = select(PolicyGoal).order_by(PolicyGoal.sdg, PolicyGoal.code).options(selectinload(PolicyGoal.action_plans))
    if sdg is not None:
        goals = goals.where(PolicyGoal.sdg == sdg)
        counts = counts.join(ActionPlan, ActionPlan.id == PlanAction.action_plan_id).join(
            PolicyGoal, PolicyGoal.id == ActionPlan.goal_id).where(PolicyGoal.sdg == sdg)
    per_plan = {row.action_plan_id: row for row in db.session.execute(counts)}
    summaries: dict[int, SdgSummary] = {}
    for goal in goals_of_sdg if sdg is not None and goals_of_sdg is not None else db.session.scalars(goals):
        summary = summaries.setdefault(goal.sdg, SdgSummary(sdg=goal.sdg, counts=dict.fromkeys(Status, 0)))
        summary.goals.append(goal)
        budget = goal_budget(goal, goal.action_plans)
        for name in AMOUNTS:
            setattr(summary, name, sum_amounts([getattr(summary, name), getattr(budget, name)]))
        for plan in goal.action_plans:
            row = per_plan.get(plan.id)
            shown = row.tasks if row is not None else 0
            summary.tasks += shown
            summary.reported_tasks += max(shown, plan.reported_tasks or 0)
            for status in Status:
                summary.counts[status] += int(getattr(row, status.value) or 0) if row is not None else 0
    return [summaries[number] for number in sorted(summaries)]


def chapter_summaries(summaries: list[SdgSummary]) -> list[ChapterSummary]:
    """The SDG figures added up per chapter of the city, in the chapters' order; chapters without a plan
    SDG are left out. The only place that asks which chapter an SDG belongs to."""
    found = [ChapterSummary(key=c.key, label=c.label, counts=dict.fromkeys(Status, 0)) for c in chapters()]
    by_key = {chapter.key: chapter for chapter in found}
    for summary in summaries:
        holder = chapter_of_goal(summary.sdg)
        if holder is None:
            continue
        chapter = by_key[holder.key]
        chapter.sdgs.append(summary)
        chapter.add(summary)
    return [chapter for chapter in found if chapter.sdgs]


def goals_with_actions(sdg: int) -> list[PolicyGoal]:
    """The policy goals of an SDG with their action plans, actions and status updates loaded."""
    statement = (
        select(PolicyGoal)
        .where(PolicyGoal.sdg == sdg)
        .order_by(PolicyGoal.code)
        .options(
            selectinload(PolicyGoal.action_plans)
            .selectinload(ActionPlan.actions)
            .selectinload(PlanAction.tasks)
            .selectinload(PlanTask.updates)
        )
    )
    return list(db.session.scalars(statement))


def action_by_code(code: str) -> PlanAction | None:
    statement = (
        select(PlanAction)
        .where(PlanAction.code == code)
        .options(
            joinedload(PlanAction.action_plan).joinedload(ActionPlan.goal),
            selectinload(PlanAction.tasks).selectinload(PlanTask.updates),
            selectinload(PlanAction.updates).joinedload(StatusUpdate.task),
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
        .options(selectinload(PlanAction.updates).joinedload(StatusUpdate.task))
    )
    return list(db.session.scalars(statement))


@dataclass
class ActionOnRoad:
    """An action that carries out an idea, its updates split at the day the idea was proposed: what came
    after is a step on the idea's road, what came before is the action's own history."""

    action: PlanAction
    steps: list[StatusUpdate]
    history: list[StatusUpdate]


def road_of_idea(idea: Idea) -> list[ActionOnRoad]:
    """The actions of an idea with their updates split: an update whose quarter ended before the idea was
    proposed is older than the idea, so it is the action's history, not a later step of the idea."""
    proposed = idea.created_at.date()
    road = []
    for action in actions_for_idea(idea.id):
        steps = [update for update in action.updates if update.period.ends_on >= proposed]
        history = [update for update in action.updates if update.period.ends_on < proposed]
        road.append(ActionOnRoad(action, steps, history))
    return road


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
    """Actions by code, by their own text or by the title of one of their tasks."""
    statement = select(PlanAction).order_by(PlanAction.code)
    if query:
        like = f"%{query.lower()}%"
        task_matches = select(PlanTask.action_id).where(func.lower(PlanTask.title).like(like))
        statement = statement.where(
            or_(
                func.lower(PlanAction.code).like(like),
                func.lower(PlanAction.title).like(like),
                PlanAction.id.in_(task_matches),
            )
        )
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)


def action_plans() -> list[ActionPlan]:
    """Every action plan with its goal, for the form that creates an action."""
    statement = select(ActionPlan).join(ActionPlan.goal).order_by(PolicyGoal.code, ActionPlan.code)
    return list(db.session.scalars(statement.options(joinedload(ActionPlan.goal))))
