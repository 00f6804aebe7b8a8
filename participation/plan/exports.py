"""Export kinds of the multi-year plan: its tasks (each under its action, action plan and policy goal, with
its status), the budgets per action plan, the quarterly updates, and the codes of the actions that carry out
an idea as a column of the ``ideas`` kind.

Budgets are kept in cents and exported in euros (a whole number when there are no cents); a blank budget
stays blank, and the percentages and remainders are computed as the tracker shows them (``money.py``).
"""

from collections.abc import Iterator

from flask_babel import lazy_gettext as _l

from participation.exports.kinds import stream
from participation.exports.registry import Column, ExportOptions, extend_export, register_export
from participation.extensions import db
from participation.plan.models import ActionPlan, IdeaAction, PlanAction, PlanTask, PolicyGoal, StatusUpdate
from participation.plan.money import euros, percent, remaining

CODES_SEPARATOR = ", "

PLAN_ACTION_COLUMNS = [
    Column("sdg", "sdg", "Number of the SDG the policy goal serves (1 to 17)."),
    Column("goal_code", "beleidsdoelstelling_code", "Code of the policy goal (D03)."),
    Column("goal", "beleidsdoelstelling", "Title of the policy goal."),
    Column("plan_code", "actieplan_code", "Code of the action plan within its policy goal (AP01)."),
    Column("plan", "actieplan", "Title of the action plan."),
    Column("code", "actie_code", "Code of the action (D16/AP02/03); an action has one or more tasks."),
    Column("title", "actie", "What the action does, as the report's Omschrijving."),
    Column("task", "taak", "Title of the task: with the action code, the key of a task."),
    Column("service", "dienst", "The responsible service the task's title names (P&O, G&I, FAC); empty if none."),
    Column("status", "status", "Status of the task's latest quarter: not_started, in_progress or done; empty "
                               "when there is no update yet."),
]

BUDGET_COLUMNS = [
    Column("expenses_total", "uitgaven_totaal", "Budgeted expenses in euros; empty when none were budgeted."),
    Column("expenses_ordered", "besteld", "Expenses ordered so far, in euros."),
    Column("expenses_percent", "besteld_procent", "Share ordered of the budgeted expenses, a whole percentage."),
    Column("expenses_remaining", "uitgaven_resterend", "Budgeted minus ordered, in euros."),
    Column("income_total", "ontvangsten_totaal", "Budgeted income in euros."),
    Column("income_received", "ontvangen", "Income received so far, in euros."),
    Column("income_percent", "ontvangen_procent", "Share received of the budgeted income, a whole percentage."),
    Column("income_remaining", "ontvangsten_resterend", "Budgeted minus received income, in euros; negative "
                                                        "when more came in than budgeted."),
]

PLAN_BUDGET_COLUMNS = [
    Column("sdg", "sdg", "Number of the SDG the policy goal serves (1 to 17)."),
    Column("goal_code", "beleidsdoelstelling_code", "Code of the policy goal (D03)."),
    Column("plan_code", "actieplan_code", "Code of the action plan (AP01); empty on the policy goal's own row, "
                                          "which holds the report's totals of the goal."),
    Column("plan", "actieplan", "Title of the action plan, or of the policy goal on its own row."),
    *BUDGET_COLUMNS,
    Column("reported_tasks", "taken_volgens_rapport", "Tasks the progress report counts for the action plan."),
]

PLAN_UPDATE_COLUMNS = [
    Column("action_code", "actie_code", "Code of the action."),
    Column("task", "taak", "Title of the task."),
    Column("quarter", "kwartaal", "Quarter of the update (2023KW1)."),
    Column("status", "status", "not_started, in_progress or done."),
    Column("explanation", "toelichting", "The city's explanation for the quarter."),
]


def plan_action_rows(options: ExportOptions) -> Iterator[tuple]:
    statement = (
        db.select(
            PolicyGoal.sdg, PolicyGoal.code, PolicyGoal.title, ActionPlan.code, ActionPlan.title, PlanAction.code,
            PlanAction.title, PlanTask.title, PlanTask.service, PlanTask.status,
        )
        .join(PlanAction, PlanTask.action_id == PlanAction.id)
        .join(ActionPlan, PlanAction.action_plan_id == ActionPlan.id)
        .join(PolicyGoal, ActionPlan.goal_id == PolicyGoal.id)
        .order_by(PolicyGoal.sdg, PolicyGoal.code, ActionPlan.code, PlanAction.code, PlanTask.position, PlanTask.id)
    )
    yield from stream(statement)


def _budget(expenses_total, ordered, income_total, received) -> tuple:
    return (
        euros(expenses_total), euros(ordered), percent(ordered, expenses_total),
        euros(remaining(expenses_total, ordered)),
        euros(income_total), euros(received), percent(received, income_total),
        euros(remaining(income_total, received)),
    )


def plan_budget_rows(options: ExportOptions) -> Iterator[tuple]:
    amounts = ("expenses_total", "expenses_ordered", "income_total", "income_received")
    goals = db.select(PolicyGoal.sdg, PolicyGoal.code, PolicyGoal.title, *(getattr(PolicyGoal, a) for a in amounts))
    plans = (
        db.select(PolicyGoal.sdg, PolicyGoal.code, ActionPlan.code, ActionPlan.title,
                  *(getattr(ActionPlan, a) for a in amounts), ActionPlan.reported_tasks)
        .join(PolicyGoal, ActionPlan.goal_id == PolicyGoal.id)
        .order_by(PolicyGoal.sdg, PolicyGoal.code, ActionPlan.code)
    )
    own = {code: (sdg, title, values) for sdg, code, title, *values in db.session.execute(goals)}
    done: set[str] = set()
    for sdg, goal_code, code, title, *values, reported in stream(plans):
        if goal_code not in done:
            done.add(goal_code)
            goal = own.get(goal_code)
            if goal and any(value is not None for value in goal[2]):
                yield (goal[0], goal_code, None, goal[1], *_budget(*goal[2]), None)
        yield (sdg, goal_code, code, title, *_budget(*values), reported)


def plan_update_rows(options: ExportOptions) -> Iterator[tuple]:
    statement = (
        db.select(PlanAction.code, PlanTask.title, StatusUpdate.year, StatusUpdate.quarter, StatusUpdate.status,
                  StatusUpdate.explanation)
        .join(PlanTask, StatusUpdate.task_id == PlanTask.id)
        .join(PlanAction, PlanTask.action_id == PlanAction.id)
        .order_by(PlanAction.code, PlanTask.position, PlanTask.id, StatusUpdate.year, StatusUpdate.quarter)
    )
    for code, task, year, quarter, status, explanation in stream(statement):
        yield code, task, f"{year}KW{quarter}", status, explanation


def actions_of_ideas(options: ExportOptions, keys: list) -> dict:
    """{idea id: ("D10/AP01/04, D10/AP02/01",)} for a batch of ideas, in one query."""
    found: dict[int, list[str]] = {}
    statement = (
        db.select(IdeaAction.idea_id, PlanAction.code)
        .join(PlanAction, IdeaAction.action_id == PlanAction.id)
        .where(IdeaAction.idea_id.in_(keys))
        .order_by(IdeaAction.idea_id, PlanAction.code)
    )
    for idea_id, code in db.session.execute(statement):
        found.setdefault(idea_id, []).append(code)
    return {idea_id: (CODES_SEPARATOR.join(codes),) for idea_id, codes in found.items()}


register_export(
    "plan_actions", _l("Multi-year plan: tasks"), PLAN_ACTION_COLUMNS, plan_action_rows, public=True,
    by_process=False,
    description=_l("Every task of the multi-year plan with its action, action plan, policy goal, service and "
                   "current status."),
)
register_export(
    "plan_budgets", _l("Multi-year plan: budgets"), PLAN_BUDGET_COLUMNS, plan_budget_rows, public=True,
    by_process=False,
    description=_l("The budget of every action plan in euros, and each policy goal's own totals as the "
                   "progress report gives them."),
)
register_export(
    "plan_updates", _l("Multi-year plan: quarterly updates"), PLAN_UPDATE_COLUMNS, plan_update_rows,
    public=True, by_process=False,
    description=_l("The status and explanation of every task per quarter."),
)
extend_export(
    "ideas",
    [Column("plan_actions", "actie_codes", "Codes of the plan actions that carry out the idea, separated by a "
                                           "comma.")],
    values=actions_of_ideas,
)
