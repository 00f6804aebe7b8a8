"""Read the multi-year plan from the spreadsheet the administration keeps (XLSX or CSV), in the shape of the
city's progress report.

One row per task per quarter, with the columns of :data:`COLUMNS` (Dutch headers, described in
``docs/plan-import.md``). The plan is a tree: a policy goal (``D16``) serving an SDG, its action plans
(``AP02``, each with its budget), their actions (``D16/AP02/03``) and under each action one or more tasks
(``P&O Uitrol HR-software``), each with a status and an explanation per quarter (``2023KW1``). Goal, action
plan and action repeat on every row of their tasks. Everything is keyed: a policy goal on its code, an
action plan on its goal and code (``D16`` + ``AP02``), an action on its code, a task on its action code and
title, a status update on its task and quarter. That is what lets a re-import update what is there instead
of adding it again.

This module is pure: a file in, dataclasses and row errors (:mod:`participation.datafile`) out; no database,
no request.
It reports the problems of every row at once (up to a limit) and never stops at the first one. It refuses
a file whose unpacked size or number of rows is over the limits before reading it, so that a small
compressed file cannot make it work for minutes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import IO, Any

import openpyxl
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from participation.datafile import (
    MAX_ERRORS,
    MAX_ROWS,
    FileError,
    NotTextError,
    RowErrors,
    check_row_count,
    csv_grid,
    decode,
)
from participation.plan.money import BudgetFigures, format_amount, parse_amount

# The column headers, in the order of the example file. Matched without regard to case or spacing.
SDG = "SDG"
GOAL_CODE = "Beleidsdoelstelling code"
GOAL = "Beleidsdoelstelling"
GOAL_EXPENSES_TOTAL = "Beleidsdoelstelling uitgaven totaal"
GOAL_EXPENSES_ORDERED = "Beleidsdoelstelling besteld"
GOAL_INCOME_TOTAL = "Beleidsdoelstelling ontvangsten totaal"
GOAL_INCOME_RECEIVED = "Beleidsdoelstelling ontvangen"
PLAN_CODE = "Actieplan code"
PLAN = "Actieplan"
PLAN_LABEL = "Actieplan label"
EXPENSES_TOTAL = "Uitgaven totaal"
EXPENSES_ORDERED = "Besteld"
INCOME_TOTAL = "Ontvangsten totaal"
INCOME_RECEIVED = "Ontvangen"
REPORTED_TASKS = "Taken volgens rapport"
ACTION_CODE = "Actie code"
ACTION = "Actie"
ACTION_DESCRIPTION = "Actie omschrijving"
TASK = "Taak"
SERVICE = "Dienst"
QUARTER = "Kwartaal"
STATUS = "Status"
EXPLANATION = "Toelichting"

COLUMNS = (
    SDG,
    GOAL_CODE,
    GOAL,
    GOAL_EXPENSES_TOTAL,
    GOAL_EXPENSES_ORDERED,
    GOAL_INCOME_TOTAL,
    GOAL_INCOME_RECEIVED,
    PLAN_CODE,
    PLAN,
    PLAN_LABEL,
    EXPENSES_TOTAL,
    EXPENSES_ORDERED,
    INCOME_TOTAL,
    INCOME_RECEIVED,
    REPORTED_TASKS,
    ACTION_CODE,
    ACTION,
    ACTION_DESCRIPTION,
    TASK,
    SERVICE,
    QUARTER,
    STATUS,
    EXPLANATION,
)
REQUIRED_COLUMNS = (SDG, GOAL_CODE, GOAL, PLAN_CODE, PLAN, ACTION_CODE, ACTION, TASK, QUARTER, STATUS)
# Column header -> attribute of the action plan's budget.
AMOUNT_COLUMNS = {
    EXPENSES_TOTAL: "expenses_total",
    EXPENSES_ORDERED: "expenses_ordered",
    INCOME_TOTAL: "income_total",
    INCOME_RECEIVED: "income_received",
}
# Column header -> attribute of the policy goal's own totals (the report's "Beleidsdoelstelling" row).
GOAL_AMOUNT_COLUMNS = {
    GOAL_EXPENSES_TOTAL: "expenses_total",
    GOAL_EXPENSES_ORDERED: "expenses_ordered",
    GOAL_INCOME_TOTAL: "income_total",
    GOAL_INCOME_RECEIVED: "income_received",
}

# Limits on the work one file may cause; the import screen and command pass the configured ones.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024

# A task's title often starts with the service that carries it ("P&O Uitrol HR-software", "FAC …").
_SERVICE = re.compile(r"([A-Z][A-Z&]{1,5})\s+[A-Z]")


def service_of(title: str) -> str:
    """The responsible service a task's title names first (``P&O``, ``G&I``, ``FAC``), or ``""``."""
    match = _SERVICE.match(title.strip())
    return match[1] if match else ""


class Status(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def label(self) -> LazyString:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.NOT_STARTED: _l("Not started"),
    Status.IN_PROGRESS: _l("In progress"),
    Status.DONE: _l("Completed"),
}
# What the administration writes in the Status column (the progress report's legend says "Taak voltooid").
STATUS_VALUES = {
    "niet gestart": Status.NOT_STARTED,
    "bezig": Status.IN_PROGRESS,
    "voltooid": Status.DONE,
    "taak voltooid": Status.DONE,
}

_QUARTER = re.compile(r"(\d{4})\s*KW\s*(\d)", re.IGNORECASE)
_SDG = re.compile(r"(?:SDG\s*)?(\d{1,2})", re.IGNORECASE)
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls


@dataclass(frozen=True, order=True)
class Quarter:
    """A quarter of a year, written ``2023KW1`` (kwartaal 1 of 2023); sorts in time."""

    year: int
    number: int

    def __post_init__(self) -> None:
        if not (2000 <= self.year <= 2099 and 1 <= self.number <= 4):
            raise ValueError(_l("“%(value)s” is not a quarter like 2023KW1.", value=self.code))

    @property
    def code(self) -> str:
        return f"{self.year}KW{self.number}"

    @property
    def ends_on(self) -> date:
        """The last day of the quarter."""
        if self.number == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.number + 1, 1) - timedelta(days=1)

    def __str__(self) -> str:
        return self.code


def _normal(text: str) -> str:
    """A header or status as compared: without regard to case or spacing."""
    return " ".join(text.split()).casefold()


def parse_quarter(text: str) -> Quarter:
    """Read ``2023KW1`` (also ``2023 kw1``); ``ValueError`` for anything else or a year outside 2000-2099."""
    match = _QUARTER.fullmatch(text.strip())
    if match is None:
        raise ValueError(_l("“%(value)s” is not a quarter like 2023KW1.", value=text.strip()))
    return Quarter(int(match[1]), int(match[2]))


@dataclass
class PolicyGoal(BudgetFigures):
    """A policy goal; its amounts are its own totals when the file gives them (``None``: the sum of its plans)."""

    code: str
    title: str
    sdg: int
    row: int  # the first row that names it, for the dry run to point at
    expenses_total: int | None = None
    expenses_ordered: int | None = None
    income_total: int | None = None
    income_received: int | None = None


@dataclass
class ActionPlan(BudgetFigures):
    """An action plan with its budget, as the report's tables give it. Amounts in cents, ``None`` if blank."""

    goal_code: str
    code: str
    title: str
    label: str  # the short name in the report's budget table; blank: show the title
    row: int
    reported_tasks: int | None = None  # the report's "# Taken", which may count tasks it does not show
    expenses_total: int | None = None
    expenses_ordered: int | None = None
    income_total: int | None = None
    income_received: int | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.goal_code, self.code)


@dataclass
class Action:
    """An action (``D16/AP02/03``): what the report's "Actie Omschrijving" column says; it holds tasks."""

    code: str
    goal_code: str
    plan_code: str
    title: str
    description: str
    row: int


@dataclass
class Task:
    """A task of an action, one line of the report's task pages, keyed on its action and title."""

    action_code: str
    title: str
    service: str
    row: int

    @property
    def key(self) -> tuple[str, str]:
        return (self.action_code, self.title)


@dataclass
class StatusUpdate:
    action_code: str
    task_title: str
    quarter: Quarter
    status: Status
    explanation: str
    row: int

    @property
    def task_key(self) -> tuple[str, str]:
        return (self.action_code, self.task_title)

    @property
    def key(self) -> tuple[str, str, Quarter]:
        return (self.action_code, self.task_title, self.quarter)


@dataclass(frozen=True)
class SheetRow:
    """A row of the file: its number as the spreadsheet shows it and its cells by header."""

    number: int
    values: Mapping[str, str]


@dataclass
class ParsedPlan(RowErrors):
    goals: list[PolicyGoal] = field(default_factory=list)
    action_plans: list[ActionPlan] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    status_updates: list[StatusUpdate] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def tasks_for_sdg(self, sdg: int) -> list[Task]:
        goals = {goal.code for goal in self.goals if goal.sdg == sdg}
        actions = {action.code for action in self.actions if action.goal_code in goals}
        return [task for task in self.tasks if task.action_code in actions]

    def latest_statuses(self) -> dict[tuple[str, str], StatusUpdate]:
        """Each task's most recent status update, by task key."""
        latest: dict[tuple[str, str], StatusUpdate] = {}
        for update in sorted(self.status_updates, key=lambda u: u.quarter):
            latest[update.task_key] = update
        return latest

    def status_counts(self, tasks: Iterable[Task]) -> dict[Status, int]:
        """Tasks per latest status, as the report's "TAKEN" chart counts them."""
        latest = self.latest_statuses()
        counts = dict.fromkeys(Status, 0)
        for task in tasks:
            if task.key in latest:
                counts[latest[task.key].status] += 1
        return counts


# Reading the file ---------------------------------------------------------------------------------------


def read_rows(
    stream: IO[bytes] | IO[str] | bytes | str,
    *,
    max_rows: int = MAX_ROWS,
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES,
) -> list[SheetRow]:
    """Every row of the file (see :func:`iter_rows`) in a list."""
    return list(iter_rows(stream, max_rows=max_rows, max_unpacked_bytes=max_unpacked_bytes))


def iter_rows(
    stream: IO[bytes] | IO[str] | bytes | str,
    *,
    max_rows: int = MAX_ROWS,
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES,
) -> Iterator[SheetRow]:
    """Read an XLSX (its first sheet) or a CSV file into rows by header, one at a time.

    The kind is told from the content, not the file name. A CSV is decoded and split as
    :mod:`participation.datafile` reads any uploaded data file. The first non-empty row holds the
    headers; empty rows are skipped but keep their numbers.

    Limits come first: an XLSX whose unpacked parts are larger than ``max_unpacked_bytes`` is refused before
    it is opened, and the rows are counted (up to one past ``max_rows``, keeping none) before the first is
    given out, so a file that is too long is refused before any row is parsed. Rows are then read one at a
    time, so memory does not grow with the file.
    """
    data = stream if isinstance(stream, bytes | str) else stream.read()
    if isinstance(data, bytes) and data.startswith(_ZIP_MAGIC):
        _check_unpacked_size(data, max_unpacked_bytes)

        def grid() -> Iterator[tuple[int, list[str]]]:
            return _xlsx_grid(data)
    elif isinstance(data, bytes) and data.startswith(_OLE_MAGIC):
        raise FileError(_l("This is an old Excel file (.xls): save it as .xlsx or .csv."))
    else:
        try:
            text = decode(data) if isinstance(data, bytes) else data
        except NotTextError:
            raise FileError(_l("The file is neither an XLSX file nor a CSV file in UTF-8.")) from None

        def grid() -> Iterator[tuple[int, list[str]]]:
            return csv_grid(text)
    check_row_count(grid(), max_rows)
    headers: list[str] | None = None
    for number, cells in grid():
        if not any(cells):
            continue
        if headers is None:
            headers = cells
            names = [_normal(header) for header in headers if header]
            duplicate = next((h for h in headers if h and names.count(_normal(h)) > 1), None)
            if duplicate:
                raise FileError(_l("The column “%(column)s” appears twice.", column=duplicate))
            continue
        values = {header: (cells[i] if i < len(cells) else "") for i, header in enumerate(headers) if header}
        yield SheetRow(number, values)
    if headers is None:
        raise FileError(_l("The file is empty."))


def _check_unpacked_size(data: bytes, max_unpacked_bytes: int) -> None:
    """Refuse a zip whose parts unpack to more than the limit (a "zip bomb"), from its directory alone.

    The sizes are those the zip declares; reading a part beyond its declared size fails its check, so a
    zip that lies about them is refused when it is read."""
    try:
        unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise FileError(_l("The XLSX file cannot be read.")) from error
    if unpacked > max_unpacked_bytes:
        raise FileError(
            _l(
                "The XLSX file unpacks to %(size)s MB, more than the %(max)s MB allowed: split it into smaller files.",
                size=unpacked // (1024 * 1024),
                max=max_unpacked_bytes // (1024 * 1024),
            )
        )


def _xlsx_grid(data: bytes) -> Iterator[tuple[int, list[str]]]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise FileError(_l("The XLSX file cannot be read.")) from error
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some programs write wrong dimensions; read what is there
        # Read-only sheets yield an empty row for every missing one, so counting gives the row number.
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(value) for value in values]
    except FileError:
        raise
    except Exception as error:
        raise FileError(_l("The XLSX file cannot be read.")) from error
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    """A cell as text. Numbers become Belgian-style text (``1234,5``) so that amounts read the same way."""
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.2f}".replace(".", ",")
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


# Parsing the rows ---------------------------------------------------------------------------------------


def load_plan(
    stream: IO[bytes] | IO[str] | bytes | str,
    *,
    max_rows: int = MAX_ROWS,
    max_unpacked_bytes: int = MAX_UNPACKED_BYTES,
    max_errors: int = MAX_ERRORS,
) -> ParsedPlan:
    """Read and parse a plan file; :class:`FileError` when it is no spreadsheet at all or too large."""
    rows = iter_rows(stream, max_rows=max_rows, max_unpacked_bytes=max_unpacked_bytes)
    return parse_plan(rows, max_errors=max_errors)


def parse_plan(rows: Iterable[SheetRow | Mapping[str, str]], *, max_errors: int = MAX_ERRORS) -> ParsedPlan:
    """Turn rows into the plan's goals, action plans, actions, tasks and status updates, with the errors found.

    Plain mappings are numbered as a spreadsheet would: the header is row 1, the first mapping row 2.
    The first ``max_errors`` errors are kept, the others only counted. The result is only fit to import
    when ``is_valid``.
    """
    parser = _PlanParser(max_errors)
    for position, row in enumerate(rows, start=2):
        if not parser.add(row if isinstance(row, SheetRow) else SheetRow(position, row)):
            break
    return parser.finish()


_STATUS_BY_TEXT = {_normal(text): status for text, status in STATUS_VALUES.items()}
_STATUS_CHOICES = ", ".join(text.capitalize() for text in list(STATUS_VALUES)[:3])


class _PlanParser:
    def __init__(self, max_errors: int = MAX_ERRORS) -> None:
        self.plan = ParsedPlan(max_errors=max_errors)
        self.columns: dict[str, str] | None = None  # our header -> the header as the file writes it
        self.goals: dict[str, PolicyGoal] = {}
        self.action_plans: dict[tuple[str, str], ActionPlan] = {}
        self.actions: dict[str, Action] = {}
        self.tasks: dict[tuple[str, str], Task] = {}
        self.updates: dict[tuple[str, str, Quarter], StatusUpdate] = {}
        # (record, column) -> (value, text as written, row) of the first row that filled the cell
        self.seen: dict[tuple[Any, str], tuple[Any, str, int]] = {}
        # (record, attribute) -> (quarter, row) of the row the amount was taken from
        self.amount_sources: dict[tuple[Any, str], tuple[tuple[int, int], int]] = {}
        self.row_count = 0

    def error(self, row: int, column: str | None, message: str | LazyString) -> None:
        self.plan.error(row, column, message)

    def match_columns(self, headers: Iterable[str]) -> bool:
        by_name = {_normal(header): header for header in headers}
        self.columns = {c: by_name.pop(_normal(c)) for c in COLUMNS if _normal(c) in by_name}
        self.plan.ignored_columns = list(by_name.values())
        for column in REQUIRED_COLUMNS:
            if column not in self.columns:
                self.error(1, column, _l("This column is missing."))
        return all(column in self.columns for column in REQUIRED_COLUMNS)

    def add(self, row: SheetRow) -> bool:
        if self.columns is None and not self.match_columns(row.values.keys()):
            return False
        self.row_count += 1
        columns = self.columns or {}
        cells = {column: (row.values.get(header) or "").strip() for column, header in columns.items()}
        cells.update({column: "" for column in COLUMNS if column not in columns})
        number = row.number

        sdg = self.read_sdg(number, cells[SDG])
        goal_code, goal_title = self.required(number, cells, GOAL_CODE), self.required(number, cells, GOAL)
        plan_code, plan_title = self.required(number, cells, PLAN_CODE), self.required(number, cells, PLAN)
        # A row with nothing below its action plan names an action plan without tasks (and its budget).
        plan_only = not any(cells[c] for c in (ACTION_CODE, ACTION, ACTION_DESCRIPTION, TASK, SERVICE, QUARTER))
        if plan_only:
            code = title = task_title = ""
        else:
            code, title = self.required(number, cells, ACTION_CODE), self.required(number, cells, ACTION)
            task_title = " ".join(self.required(number, cells, TASK).split())
        reported_tasks = self.read_count(number, cells[REPORTED_TASKS])
        plan_amounts = self.read_amounts(number, cells, AMOUNT_COLUMNS)
        goal_amounts = self.read_amounts(number, cells, GOAL_AMOUNT_COLUMNS)
        quarter_ok, quarter, status = self.read_status(number, cells)
        rank = (quarter.year, quarter.number) if quarter else (0, 0)

        if goal_code and goal_title and sdg:
            goal = self.add_goal(number, goal_code, goal_title, sdg)
            if quarter_ok:
                self.set_amounts(number, goal, ("goal", goal_code), goal_code, goal_amounts, rank)
        if goal_code and plan_code and plan_title:
            plan = self.add_action_plan(number, goal_code, plan_code, plan_title, cells[PLAN_LABEL])
            if reported_tasks is not None and self.agree(
                number, ("action plan", plan.key), REPORTED_TASKS, reported_tasks, cells[REPORTED_TASKS], plan.code
            ):
                plan.reported_tasks = reported_tasks
            if quarter_ok:
                name = f"{goal_code} {plan_code}"
                self.set_amounts(number, plan, ("action plan", plan.key), name, plan_amounts, rank)
        if not (code and title and goal_code and plan_code):
            return True
        self.add_action(number, cells, code, title)
        if not task_title:
            return True
        self.add_task(number, code, task_title, cells[SERVICE])
        if quarter and status:
            self.add_status_update(number, code, task_title, quarter, status, cells)
        return True

    def finish(self) -> ParsedPlan:
        if self.row_count == 0 and not self.plan.errors:
            self.error(2, None, _l("The file has no rows below its headers."))
        return self.plan

    # Cells

    def required(self, row: int, cells: dict[str, str], column: str) -> str:
        if not cells[column]:
            self.error(row, column, _l("A value is required."))
        return cells[column]

    def read_amounts(self, row: int, cells: dict[str, str], columns: dict[str, str]) -> dict[str, tuple[str, int]]:
        amounts = {}
        for column, attribute in columns.items():
            try:
                cents = parse_amount(cells[column])
            except ValueError as error:
                self.error(row, column, error.args[0])
            else:
                if cents is not None:
                    amounts[attribute] = (column, cents)
        return amounts

    def read_count(self, row: int, text: str) -> int | None:
        if not text:
            return None
        if not text.isascii() or not text.isdigit() or len(text) > 6:
            self.error(row, REPORTED_TASKS, _l("“%(value)s” is not a number of tasks.", value=text))
            return None
        return int(text)

    def read_sdg(self, row: int, text: str) -> int | None:
        if not text:
            self.error(row, SDG, _l("A value is required."))
            return None
        match = _SDG.fullmatch(text)
        if match is None or not 1 <= int(match[1]) <= 17:
            self.error(row, SDG, _l("“%(value)s” is not an SDG: use a number from 1 to 17.", value=text))
            return None
        return int(match[1])

    def read_status(self, row: int, cells: dict[str, str]) -> tuple[bool, Quarter | None, Status | None]:
        """The row's quarter and status; a row may leave both blank for a task without updates yet."""
        if not cells[QUARTER]:
            if cells[STATUS] or cells[EXPLANATION]:
                self.error(row, QUARTER, _l("A status needs the quarter it belongs to."))
            return True, None, None
        quarter = status = None
        try:
            quarter = parse_quarter(cells[QUARTER])
        except ValueError as error:
            self.error(row, QUARTER, error.args[0])
        if not cells[STATUS]:
            self.error(row, STATUS, _l("A value is required."))
        else:
            status = _STATUS_BY_TEXT.get(_normal(cells[STATUS]))
            if status is None:
                self.error(
                    row,
                    STATUS,
                    _l(
                        "“%(value)s” is not a status: use %(choices)s.",
                        value=cells[STATUS],
                        choices=_STATUS_CHOICES,
                    ),
                )
        return quarter is not None, quarter, status

    def agree(self, row: int, record: Any, column: str, value: Any, text: str, code: str) -> bool:
        """A filled cell must say the same on every row of its record; ``False`` (and an error) if not."""
        if value in (None, ""):
            return True
        first = self.seen.setdefault((record, column), (value, text, row))
        if first[0] != value:
            self.conflict(row, column, first[2], code, first[1])
            return False
        return True

    def conflict(self, row: int, column: str, first_row: int, code: str, first_text: str) -> None:
        self.error(
            row,
            column,
            _l(
                "Conflicts with row %(row)s, where %(code)s has “%(value)s”.",
                row=first_row,
                code=code,
                value=first_text,
            ),
        )

    # Records

    def add_goal(self, row: int, code: str, title: str, sdg: int) -> PolicyGoal:
        record = ("goal", code)
        self.agree(row, record, GOAL, title, title, code)
        self.agree(row, record, SDG, sdg, str(sdg), code)
        if code not in self.goals:
            self.goals[code] = PolicyGoal(code, title, sdg, row)
            self.plan.goals.append(self.goals[code])
        return self.goals[code]

    def add_action_plan(self, row: int, goal_code: str, code: str, title: str, label: str) -> ActionPlan:
        key = (goal_code, code)
        record, name = ("action plan", key), f"{goal_code} {code}"
        self.agree(row, record, PLAN, title, title, name)
        self.agree(row, record, PLAN_LABEL, label, label, name)
        action_plan = self.action_plans.get(key)
        if action_plan is None:
            action_plan = self.action_plans[key] = ActionPlan(goal_code, code, title, label, row)
            self.plan.action_plans.append(action_plan)
        action_plan.label = action_plan.label or label
        return action_plan

    def add_action(self, row: int, cells: dict[str, str], code: str, title: str) -> Action:
        record = ("action", code)
        for column in (GOAL_CODE, PLAN_CODE, ACTION, ACTION_DESCRIPTION):
            self.agree(row, record, column, cells[column], cells[column], code)
        action = self.actions.get(code)
        if action is None:
            action = Action(code, cells[GOAL_CODE], cells[PLAN_CODE], title, cells[ACTION_DESCRIPTION], row)
            self.actions[code] = action
            self.plan.actions.append(action)
        action.description = action.description or cells[ACTION_DESCRIPTION]
        return action

    def add_task(self, row: int, code: str, title: str, service: str) -> Task:
        key = (code, title)
        self.agree(row, ("task", key), SERVICE, service, service, f"{code} {title}")
        task = self.tasks.get(key)
        if task is None:
            task = Task(code, title, service or service_of(title), row)
            self.tasks[key] = task
            self.plan.tasks.append(task)
        elif service:
            task.service = service
        return task

    def set_amounts(
        self, row: int, record: Any, key: Any, name: str, amounts: dict[str, tuple[str, int]], rank: tuple[int, int]
    ) -> None:
        """The row with the latest quarter gives an amount; older rows may keep the figures of their time."""
        for attribute, (column, cents) in amounts.items():
            source = self.amount_sources.get((key, attribute))
            if source is None or rank > source[0]:
                setattr(record, attribute, cents)
                self.amount_sources[key, attribute] = (rank, row)
            elif rank == source[0] and getattr(record, attribute) != cents:
                self.conflict(row, column, source[1], name, format_amount(getattr(record, attribute)))

    def add_status_update(
        self, row: int, code: str, title: str, quarter: Quarter, status: Status, cells: dict[str, str]
    ) -> None:
        key = (code, title, quarter)
        record, name = ("status update", key), f"{code} “{title}” {quarter}"
        self.agree(row, record, STATUS, status, cells[STATUS], name)
        self.agree(row, record, EXPLANATION, cells[EXPLANATION], cells[EXPLANATION], name)
        update = self.updates.get(key)
        if update is None:
            update = StatusUpdate(code, title, quarter, status, cells[EXPLANATION], row)
            self.updates[key] = update
            self.plan.status_updates.append(update)
        update.explanation = update.explanation or cells[EXPLANATION]
