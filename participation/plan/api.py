"""Open data: the plan tracker. Per SDG and per chapter the tasks per status and the budget totals, every
action with its tasks and its action plan's budget, and one action with its tasks' quarterly updates and the
public ideas it realises (id and title only).

Amounts are in euros (a whole number when there are no cents, ``null`` when nothing was budgeted)."""

from flask import abort, jsonify, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from participation.access import PUBLIC, access
from participation.api import bp
from participation.api.openapi import NOT_FOUND, PAGE_PARAMETERS, ok, page_of, ref
from participation.api.serializers import page_args, paginated
from participation.extensions import db
from participation.ideas.models import Idea
from participation.ideas.queries import idea_visibility
from participation.numbers import int_or_none
from participation.plan import queries
from participation.plan.models import ActionPlan, IdeaAction, PlanAction, PlanTask, PolicyGoal
from participation.plan.money import euros
from participation.plan.spreadsheet import Status
from participation.processes.services import VISITOR


def budget_data(figures) -> dict:
    return {
        "expenses_total": euros(figures.expenses_total),
        "expenses_ordered": euros(figures.expenses_ordered),
        "expenses_percent": figures.expenses_percent,
        "expenses_remaining": euros(figures.expenses_remaining),
        "income_total": euros(figures.income_total),
        "income_received": euros(figures.income_received),
        "income_percent": figures.income_percent,
        "income_remaining": euros(figures.income_remaining),
    }


def totals_data(totals: queries.Totals) -> dict:
    return {
        "tasks": totals.tasks,
        "reported_tasks": max(totals.tasks, totals.reported_tasks),
        "statuses": {status.value: totals.counts.get(status, 0) for status in Status},
        "budget": budget_data(totals),
    }


def chapter_data(chapter: queries.ChapterSummary) -> dict:
    return {"key": chapter.key, "label": chapter.label, "sdgs": [s.sdg for s in chapter.sdgs], **totals_data(chapter)}


def summary_data(summary: queries.SdgSummary) -> dict:
    return {
        "sdg": summary.sdg,
        **totals_data(summary),
        "policy_goals": [{"code": goal.code, "title": goal.title} for goal in summary.goals],
        "links": {
            "actions": url_for("api.plan_actions", sdg=summary.sdg, _external=True),
            "html": url_for("plan.sdg", number=summary.sdg, _external=True),
        },
    }


def task_data(task: PlanTask) -> dict:
    return {"title": task.title, "service": task.service or None, "status": task.status}


def action_data(action: PlanAction) -> dict:
    plan = action.action_plan
    return {
        "code": action.code,
        "title": action.title,
        "description": action.description,
        "sdg": plan.goal.sdg,
        "policy_goal": {"code": plan.goal.code, "title": plan.goal.title},
        "action_plan": {"code": plan.code, "title": plan.title},
        "status": action.status,
        "budget": budget_data(plan),
        "tasks": [task_data(task) for task in action.tasks],
        "targets": [link.target_code for link in action.targets],
        "links": {
            "self": url_for("api.plan_action", code=action.code, _external=True),
            "html": url_for("plan.action", code=action.code, _external=True),
        },
    }


def open_ideas_of_action(action: PlanAction) -> list[tuple[int, str]]:
    """The ideas an action realises that are open data: those an anonymous visitor sees listed."""
    statement = (
        select(Idea.id, Idea.title)
        .join(IdeaAction, IdeaAction.idea_id == Idea.id)
        .where(IdeaAction.action_id == action.id, idea_visibility(VISITOR, listing=True))
        .order_by(Idea.title, Idea.id)
    )
    return [tuple(row) for row in db.session.execute(statement)]


def sdg_filter() -> int | None:
    value = request.args.get("sdg")
    if value is None or value == "":
        return None
    number = int_or_none(value)
    if number is None or not 1 <= number <= 17:
        abort(400)
    return number


@bp.route("/plan")
@access(PUBLIC)
def plan_summary():
    summaries = queries.sdg_summaries()
    return jsonify({
        "data": [summary_data(summary) for summary in summaries],
        "chapters": [chapter_data(chapter) for chapter in queries.chapter_summaries(summaries)],
    })


@bp.route("/plan/actions")
@access(PUBLIC)
def plan_actions():
    sdg = sdg_filter()
    statement = (
        select(PlanAction)
        .join(PlanAction.action_plan)
        .join(ActionPlan.goal)
        .options(
            joinedload(PlanAction.action_plan).joinedload(ActionPlan.goal), selectinload(PlanAction.targets),
            selectinload(PlanAction.tasks),
        )
        .order_by(PolicyGoal.sdg, PlanAction.code)
    )
    if sdg is not None:
        statement = statement.where(PolicyGoal.sdg == sdg)
    page, per_page = page_args()
    pagination = db.paginate(statement, page=page, per_page=per_page, error_out=False)
    extra = {"sdg": sdg} if sdg is not None else {}
    return jsonify(paginated(pagination, action_data, "api.plan_actions", **extra))


@bp.route("/plan/actions/<path:code>")
@access(PUBLIC)
def plan_action(code: str):
    action = queries.action_by_code(code)
    if action is None:
        abort(404)
    data = action_data(action)
    data["updates"] = [
        {"quarter": update.period.code, "task": update.task.title, "status": update.status,
         "explanation": update.explanation}
        for update in action.updates
    ]
    data["ideas"] = [
        {"id": idea_id, "title": title, "url": url_for("api.idea", idea_id=idea_id, _external=True)}
        for idea_id, title in open_ideas_of_action(action)
    ]
    return jsonify(data)


# The OpenAPI fragment ------------------------------------------------------------------------------------

EUROS = {"type": ["number", "null"], "description": "Euros; null when nothing was budgeted."}
PERCENT = {"type": ["integer", "null"], "description": "Whole percentage; null when there is nothing to divide by."}
STATUS = {"type": ["string", "null"], "enum": [status.value for status in Status] + [None]}
CODE_TITLE = {
    "type": "object",
    "required": ["code", "title"],
    "additionalProperties": False,
    "properties": {"code": {"type": "string"}, "title": {"type": "string"}},
}
ACTION_PROPERTIES = {
    "code": {"type": "string", "examples": ["D10/AP01/04"]},
    "title": {"type": "string"},
    "description": {"type": "string"},
    "sdg": {"type": "integer", "minimum": 1, "maximum": 17},
    "policy_goal": ref("PlanCodeTitle"),
    "action_plan": ref("PlanCodeTitle"),
    "status": {**STATUS, "description": "Summed up from the tasks: done when all are done, not_started when "
                                        "none has started, in_progress otherwise; null before the first update."},
    "budget": {**ref("PlanBudget"), "description": "The budget of the action's action plan: the report keeps "
                                                   "budgets per action plan."},
    "tasks": {
        "type": "array",
        "description": "The tasks of the action, in the report's order.",
        "items": ref("PlanTask"),
    },
    "targets": {"type": "array", "items": {"type": "string"}, "description": "SDG target codes (3.8)."},
    "links": {
        "type": "object",
        "required": ["self", "html"],
        "properties": {"self": {"type": "string", "format": "uri"}, "html": {"type": "string", "format": "uri"}},
    },
}
ACTION_REQUIRED = list(ACTION_PROPERTIES)
TOTALS_PROPERTIES = {
    "tasks": {"type": "integer", "minimum": 0, "description": "Number of tasks in the plan."},
    "reported_tasks": {"type": "integer", "minimum": 0,
                       "description": "Tasks the progress report counts, also those it does not show."},
    "statuses": {
        "type": "object",
        "required": [status.value for status in Status],
        "additionalProperties": False,
        "properties": {status.value: {"type": "integer", "minimum": 0} for status in Status},
    },
    "budget": ref("PlanBudget"),
}

OPENAPI = {
    "paths": {
        "/api/v1/plan": {
            "get": {
                "summary": "The plan tracker: per SDG the tasks per status and the budget totals.",
                "operationId": "getPlan",
                "tags": ["Plan"],
                "responses": {
                    "200": ok(
                        {
                            "type": "object",
                            "required": ["data", "chapters"],
                            "additionalProperties": False,
                            "properties": {
                                "data": {"type": "array", "items": ref("PlanSdg")},
                                "chapters": {"type": "array", "items": ref("PlanChapter")},
                            },
                        },
                        "Every SDG that has policy goals, in order, and the city's chapters that group them.",
                    )
                },
            }
        },
        "/api/v1/plan/actions": {
            "get": {
                "summary": "The actions of the multi-year plan, by SDG and code.",
                "operationId": "listPlanActions",
                "tags": ["Plan"],
                "parameters": [
                    {"name": "sdg", "in": "query", "description": "Only the actions of this SDG's policy goals.",
                     "schema": {"type": "integer", "minimum": 1, "maximum": 17}},
                    *PAGE_PARAMETERS,
                ],
                "responses": {
                    "200": ok(ref("PlanActionPage"), "A page of actions."),
                    "400": {"description": "sdg is not a number from 1 to 17.",
                            "content": {"application/json": {"schema": ref("Error")}}},
                },
            }
        },
        "/api/v1/plan/actions/{code}": {
            "get": {
                "summary": "One action with its quarterly updates and the public ideas it realises.",
                "operationId": "getPlanAction",
                "tags": ["Plan"],
                "parameters": [
                    {"name": "code", "in": "path", "required": True, "schema": {"type": "string"},
                     "description": "The action's code; its slashes stay as they are.", "example": "D10/AP01/04"},
                ],
                "responses": {"200": ok(ref("PlanActionDetail"), "The action."), "404": NOT_FOUND},
            }
        },
    },
    "components": {
        "schemas": {
            "PlanCodeTitle": CODE_TITLE,
            "PlanBudget": {
                "type": "object",
                "required": [
                    "expenses_total", "expenses_ordered", "expenses_percent", "expenses_remaining", "income_total",
                    "income_received", "income_percent", "income_remaining",
                ],
                "additionalProperties": False,
                "properties": {
                    "expenses_total": EUROS, "expenses_ordered": EUROS, "expenses_percent": PERCENT,
                    "expenses_remaining": EUROS, "income_total": EUROS, "income_received": EUROS,
                    "income_percent": PERCENT, "income_remaining": EUROS,
                },
            },
            "PlanTask": {
                "type": "object",
                "required": ["title", "service", "status"],
                "additionalProperties": False,
                "properties": {
                    "title": {"type": "string"},
                    "service": {"type": ["string", "null"], "description": "The service its title names (P&O)."},
                    "status": {**STATUS, "description": "Status of the task's latest quarter."},
                },
            },
            "PlanChapter": {
                "type": "object",
                "required": ["key", "label", "sdgs", *TOTALS_PROPERTIES],
                "additionalProperties": False,
                "properties": {
                    "key": {"type": "string"},
                    "label": {"type": "string"},
                    "sdgs": {"type": "array", "items": {"type": "integer"}},
                    **TOTALS_PROPERTIES,
                },
            },
            "PlanSdg": {
                "type": "object",
                "required": ["sdg", *TOTALS_PROPERTIES, "policy_goals", "links"],
                "additionalProperties": False,
                "properties": {
                    "sdg": {"type": "integer", "minimum": 1, "maximum": 17},
                    **TOTALS_PROPERTIES,
                    "policy_goals": {"type": "array", "items": ref("PlanCodeTitle")},
                    "links": {
                        "type": "object",
                        "required": ["actions", "html"],
                        "properties": {
                            "actions": {"type": "string", "format": "uri"},
                            "html": {"type": "string", "format": "uri"},
                        },
                    },
                },
            },
            "PlanAction": {
                "type": "object",
                "required": ACTION_REQUIRED,
                "additionalProperties": False,
                "properties": ACTION_PROPERTIES,
            },
            "PlanActionDetail": {
                "type": "object",
                "required": [*ACTION_REQUIRED, "updates", "ideas"],
                "additionalProperties": False,
                "properties": {
                    **ACTION_PROPERTIES,
                    "updates": {
                        "type": "array",
                        "description": "Quarterly updates of the action's tasks, latest first.",
                        "items": {
                            "type": "object",
                            "required": ["quarter", "task", "status", "explanation"],
                            "additionalProperties": False,
                            "properties": {
                                "quarter": {"type": "string", "pattern": r"^\d{4}KW[1-4]$"},
                                "task": {"type": "string", "description": "Title of the task."},
                                "status": {"type": "string", "enum": [status.value for status in Status]},
                                "explanation": {"type": "string"},
                            },
                        },
                    },
                    "ideas": {
                        "type": "array",
                        "description": "Published ideas of public processes the action realises; never who "
                                       "proposed them.",
                        "items": {
                            "type": "object",
                            "required": ["id", "title", "url"],
                            "additionalProperties": False,
                            "properties": {
                                "id": {"type": "integer"},
                                "title": {"type": "string"},
                                "url": {"type": "string", "format": "uri"},
                            },
                        },
                    },
                },
            },
            "PlanActionPage": page_of("PlanAction"),
        }
    },
}
