"""Export kinds of the multi-year plan: its actions with their budgets and status, the quarterly updates,
and the codes of the actions that carry out an idea as a column of the ``ideas`` kind.

Budgets are kept in cents and exported in euros (a whole number when there are no cents); a blank budget
stays blank, and the percentages and remainders are computed as the tracker shows them (``money.py``).
"""

from collections.abc import Iterator

from flask_babel import lazy_gettext as _l

from participation.exports.kinds import stream
from participation.exports.registry import Column, ExportOptions, extend_export, register_export
from participation.extensions import db
from participation.plan.models import ActionPlan, IdeaAction, PlanAction, PolicyGoal, StatusUpdate
from participation.plan.money import euros, percent, remaining
from participation.plan.spreadsheet import STATUS_LABELS


def status_label(code: str) -> str:
    return str(STATUS_LABELS.get(code, code))


CODES_SEPARATOR = ", "

PLAN_ACTION_COLUMNS = [
    Column("sdg", "sdg", "Number of the SDG the policy goal serves (1 to 17)."),
    Column("goal_code", "beleidsdoelstelling_code", "Code of the policy goal (D03)."),
    Column("goal", "beleidsdoelstelling", "Title of the policy goal."),
    Column("plan_code", "actieplan_code", "Code of the action plan within its policy goal (AP01)."),
    Column("plan", "actieplan", "Title of the action plan."),
    Column("code", "actie_code", "Code of the action (D03/AP01/02): unique, the key of an action."),
    Column("title", "actie", "Title of the action."),
    Column("description", "actie_omschrijving", "Description of the action."),
    Column("expenses_total", "uitgaven_totaal", "Budgeted expenses in euros; empty when none were budgeted."),
    Column("expenses_ordered", "besteld", "Expenses ordered so far, in euros."),
    Column("expenses_percent", "besteld_procent", "Share ordered of the budgeted expenses, a whole percentage."),
    Column("expenses_remaining", "uitgaven_resterend", "Budgeted minus ordered, in euros."),
    Column("income_total", "ontvangsten_totaal", "Budgeted income in euros."),
    Column("income_received", "ontvangen", "Income received so far, in euros."),
    Column("income_percent", "ontvangen_procent", "Share received of the budgeted income, a whole percentage."),
    Column("income_remaining", "ontvangsten_resterend", "Budgeted minus received income, in euros; negative "
                                                        "when more came in than budgeted."),
    Column("status", "status", "Status of the latest quarter as the screens show it (in Dutch: Niet gestart, "
                               "Bezig, Voltooid); empty when there is no update yet.", label=status_label),
]

PLAN_UPDATE_COLUMNS = [
    Column("action_code", "actie_code", "Code of the action."),
    Column("quarter", "kwartaal", "Quarter of the update (2023KW1)."),
    Column("status", "status", "Status of the quarter as the screens show it (in Dutch: Niet gestart, Bezig, "
                               "Voltooid).", label=status_label),
    Column("explanation", "toelichting", "The city's explanation for the quarter."),
]


def plan_action_rows(options: ExportOptions) -> Iterator[tuple]:
    statement = (
        db.select(
            PolicyGoal.sdg, PolicyGoal.code, PolicyGoal.title, ActionPlan.code, ActionPlan.title, PlanAction.code,
            PlanAction.title, PlanAction.description, PlanAction.expenses_total, PlanAction.expenses_ordered,
            PlanAction.income_total, PlanAction.income_received, PlanAction.status,
        )
        .join(ActionPlan, PlanAction.action_plan_id == ActionPlan.id)
        .join(PolicyGoal, ActionPlan.goal_id == PolicyGoal.id)
        .order_by(PolicyGoal.sdg, PolicyGoal.code, ActionPlan.code, PlanAction.code)
    )
    for row in stream(statement):
        *names, expenses_total, ordered, income_total, received, status = row
        yield (
            *names,
            euros(expenses_total), euros(ordered), percent(ordered, expenses_total),
            euros(remaining(expenses_total, ordered)),
            euros(income_total), euros(received), percent(received, income_total),
            euros(remaining(income_total, received)),
            status,
        )


def plan_update_rows(options: ExportOptions) -> Iterator[tuple]:
    statement = (
        db.select(PlanAction.code, StatusUpdate.year, StatusUpdate.quarter, StatusUpdate.status,
                  StatusUpdate.explanation)
        .join(PlanAction, StatusUpdate.action_id == PlanAction.id)
        .order_by(PlanAction.code, StatusUpdate.year, StatusUpdate.quarter)
    )
    for code, year, quarter, status, explanation in stream(statement):
        yield code, f"{year}KW{quarter}", status, explanation


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
    "plan_actions", _l("Multi-year plan: actions"), PLAN_ACTION_COLUMNS, plan_action_rows, public=True,
    by_process=False,
    description=_l("Every action of the multi-year plan with its policy goal, action plan, budgets in euros "
                   "and current status."),
)
register_export(
    "plan_updates", _l("Multi-year plan: quarterly updates"), PLAN_UPDATE_COLUMNS, plan_update_rows,
    public=True, by_process=False,
    description=_l("The status and explanation of every action per quarter."),
)
extend_export(
    "ideas",
    [Column("plan_actions", "actie_codes", "Codes of the plan actions that carry out the idea, separated by a "
                                           "comma.")],
    values=actions_of_ideas,
)
