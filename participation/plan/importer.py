"""Import the multi-year plan from the administration's spreadsheet, all or nothing.

The file is read and checked first (``spreadsheet.py``), within the configured limits on its size, rows
and errors; with any error nothing is written. Then the parsed plan is compared with what the database
holds, record by record on their keys (a task on its action code and title), which gives the dry run's
diff (new, changed, unchanged per kind, and which fields change). A real import applies the same comparison
inside a savepoint, so a failure half-way leaves the database as it was. Records that are no longer in the
file are kept: the file adds and corrects, it does not delete (an action may carry ideas).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import IO

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload

from participation.accounts.models import User
from participation.datafile import FileError, RowError, RowErrors
from participation.extensions import db
from participation.plan import spreadsheet as sheet
from participation.plan.models import ActionPlan, PlanAction, PlanTask, PolicyGoal
from participation.plan.services import News, is_valid_code, notify_followers, record_status_update
from participation.plan.signals import plan_imported

KINDS = ("goal", "action_plan", "action", "task", "status_update")
KIND_LABELS = {
    "goal": _l("Policy goals"),
    "action_plan": _l("Action plans"),
    "action": _l("Actions"),
    "task": _l("Tasks"),
    "status_update": _l("Quarterly updates"),
}
STATES = ("new", "changed", "unchanged")
STATE_LABELS = {"new": _l("new"), "changed": _l("changed"), "unchanged": _l("unchanged")}
FIELD_LABELS = {
    "title": _l("title"),
    "sdg": _l("SDG"),
    "label": _l("label"),
    "reported_tasks": _l("tasks counted by the report"),
    "action_plan": _l("action plan"),
    "description": _l("description"),
    "service": _l("service"),
    "expenses_total": _l("expenses total"),
    "expenses_ordered": _l("ordered"),
    "income_total": _l("income total"),
    "income_received": _l("received"),
    "status": _l("status"),
    "explanation": _l("explanation"),
}


@dataclass
class Change:
    kind: str
    code: str
    title: str
    state: str
    row: int
    fields: list[str] = field(default_factory=list)

    @property
    def field_labels(self) -> str:
        return ", ".join(str(FIELD_LABELS[name]) for name in self.fields)


@dataclass
class ImportReport(RowErrors):
    changes: list[Change] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    applied: bool = False
    mails: int = 0

    def count(self, kind: str, state: str) -> int:
        return self._counts[kind, state]

    @property
    def _counts(self) -> Counter:
        return Counter((change.kind, change.state) for change in self.changes)

    @property
    def summary(self) -> list[tuple[str, dict[str, int]]]:
        counts = self._counts
        return [(kind, {state: counts[kind, state] for state in STATES}) for kind in KINDS]

    @property
    def has_changes(self) -> bool:
        return any(change.state != "unchanged" for change in self.changes)

    def changed(self) -> list[Change]:
        return [change for change in self.changes if change.state != "unchanged"]


def import_plan(stream: IO[bytes] | bytes | str, *, dry_run: bool, author: User | None = None) -> ImportReport:
    """Read a plan file and show (``dry_run``) or apply what it changes; errors change nothing.

    The caller commits. Followers of ideas linked to an action with a new quarterly update or another
    status are mailed through the outbox, in the same transaction.
    """
    config = current_app.config
    max_errors = config["PLAN_IMPORT_MAX_ERRORS"]
    report = ImportReport(max_errors=max_errors)
    try:
        parsed = sheet.load_plan(
            stream,
            max_rows=config["PLAN_IMPORT_MAX_ROWS"],
            max_unpacked_bytes=config["PLAN_IMPORT_MAX_UNPACKED_MB"] * 1024 * 1024,
            max_errors=max_errors,
        )
    except FileError as error:
        report.error(1, None, error.message)
        return report
    report.ignored_columns = parsed.ignored_columns
    report.add_errors(parsed.errors, more=parsed.more_errors)
    report.add_errors(_code_errors(parsed))
    if report.errors:
        return report
    if dry_run:
        _Sync(parsed, report, apply=False).run()
        return report
    try:
        with db.session.begin_nested():
            news = _Sync(parsed, report, apply=True, author=author).run()
            db.session.flush()
            plan_imported.send(report)
            report.mails = notify_followers(news)
            db.session.flush()
    except SQLAlchemyError:
        report.changes.clear()
        report.error(1, None, _l("The plan could not be saved; nothing was changed."))
        return report
    report.applied = True
    return report


def _code_errors(parsed: sheet.ParsedPlan) -> list[RowError]:
    return [
        RowError(
            action.row,
            sheet.ACTION_CODE,
            _l("“%(value)s” is not a code: use letters, digits and / . _ -.", value=action.code),
        )
        for action in parsed.actions
        if not is_valid_code(action.code)
    ]


class _Sync:
    """Compares the parsed plan with the database and, when ``apply``, makes the database equal to it."""

    def __init__(self, parsed: sheet.ParsedPlan, report: ImportReport, *, apply: bool, author: User | None = None):
        self.parsed, self.report, self.apply, self.author = parsed, report, apply, author
        self.goals = {goal.code: goal for goal in db.session.scalars(select(PolicyGoal))}
        self.plans = {
            (plan.goal.code, plan.code): plan
            for plan in db.session.scalars(select(ActionPlan).options(selectinload(ActionPlan.goal)))
        }
        self.actions = {
            action.code: action
            for action in db.session.scalars(
                select(PlanAction).options(
                    selectinload(PlanAction.tasks).selectinload(PlanTask.updates),
                    selectinload(PlanAction.action_plan),
                )
            )
        }
        self.tasks = {(action.code, task.title): task for action in self.actions.values() for task in action.tasks}

    def run(self) -> list[News]:
        for goal in self.parsed.goals:
            self.goal(goal)
        for plan in self.parsed.action_plans:
            self.action_plan(plan)
        for action in self.parsed.actions:
            self.action(action)
        positions: dict[str, int] = {}
        for task in self.parsed.tasks:
            positions[task.action_code] = positions.get(task.action_code, -1) + 1
            self.task(task, positions[task.action_code])
        if self.apply:
            db.session.flush()
        return self.status_updates()

    def note(self, kind: str, code: str, title: str, row: int, fields: list[str] | None) -> None:
        state = "new" if fields is None else ("changed" if fields else "unchanged")
        self.report.changes.append(Change(kind, code, title, state, row, fields or []))

    def assign(self, record, values: dict) -> list[str]:
        differing = [name for name, value in values.items() if getattr(record, name) != value]
        if self.apply:
            for name in differing:
                setattr(record, name, values[name])
        return differing

    @staticmethod
    def budget(parsed) -> dict:
        return {name: getattr(parsed, name) for name in sheet.AMOUNT_COLUMNS.values()}

    def goal(self, parsed: sheet.PolicyGoal) -> None:
        values = {"title": parsed.title, "sdg": parsed.sdg, **self.budget(parsed)}
        goal = self.goals.get(parsed.code)
        if goal is None:
            self.note("goal", parsed.code, parsed.title, parsed.row, None)
            if self.apply:
                self.goals[parsed.code] = goal = PolicyGoal(code=parsed.code, **values)
                db.session.add(goal)
            return
        self.note("goal", parsed.code, parsed.title, parsed.row, self.assign(goal, values))

    def action_plan(self, parsed: sheet.ActionPlan) -> None:
        values = {
            "title": parsed.title, "label": parsed.label, "reported_tasks": parsed.reported_tasks,
            **self.budget(parsed),
        }
        name = f"{parsed.goal_code} {parsed.code}"
        plan = self.plans.get(parsed.key)
        if plan is None:
            self.note("action_plan", name, parsed.title, parsed.row, None)
            if self.apply:
                plan = ActionPlan(goal=self.goals[parsed.goal_code], code=parsed.code, **values)
                self.plans[parsed.key] = plan
                db.session.add(plan)
            return
        self.note("action_plan", name, parsed.title, parsed.row, self.assign(plan, values))

    def action(self, parsed: sheet.Action) -> None:
        values = {"title": parsed.title, "description": parsed.description}
        action = self.actions.get(parsed.code)
        plan = self.plans.get((parsed.goal_code, parsed.plan_code))
        if action is None:
            self.note("action", parsed.code, parsed.title, parsed.row, None)
            if self.apply:
                action = PlanAction(code=parsed.code, action_plan=plan, **values)
                action.tasks = []
                self.actions[parsed.code] = action
                db.session.add(action)
            return
        fields = self.assign(action, values)
        if plan is None or action.action_plan is not plan:
            fields.insert(0, "action_plan")
            if self.apply:
                action.action_plan = plan
        self.note("action", parsed.code, parsed.title, parsed.row, fields)

    def task(self, parsed: sheet.Task, position: int) -> None:
        name = parsed.action_code
        task = self.tasks.get(parsed.key)
        if task is None:
            self.note("task", name, parsed.title, parsed.row, None)
            if self.apply:
                task = PlanTask(title=parsed.title, service=parsed.service, position=position)
                self.actions[parsed.action_code].tasks.append(task)
                task.updates = []
                self.tasks[parsed.key] = task
            return
        self.note("task", name, parsed.title, parsed.row, self.assign(task, {"service": parsed.service}))
        if self.apply:
            task.position = position

    def status_updates(self) -> list[News]:
        news: dict[str, News] = {}
        for parsed in sorted(self.parsed.status_updates, key=lambda u: (u.action_code, u.task_title, u.quarter)):
            task = self.tasks.get(parsed.task_key)
            name = f"{parsed.action_code} {parsed.quarter.code}"
            title = f"{parsed.task_title}: {parsed.status.label}"
            existing = None
            if task is not None:
                existing = next(
                    (u for u in task.updates if (u.year, u.quarter) == (parsed.quarter.year, parsed.quarter.number)),
                    None,
                )
            if existing is None:
                self.note("status_update", name, title, parsed.row, None)
            else:
                fields = [
                    name
                    for name, value in (("status", parsed.status.value), ("explanation", parsed.explanation))
                    if getattr(existing, name) != value
                ]
                self.note("status_update", name, title, parsed.row, fields)
            if self.apply and task is not None:
                item = record_status_update(task, parsed.quarter, parsed.status, parsed.explanation, self.author)
                if item is not None:
                    news[parsed.action_code] = item
        return list(news.values())
