"""Read the multi-year plan from the spreadsheet the administration keeps (XLSX or CSV).

One row per action per quarter, with the columns of :data:`COLUMNS` (Dutch headers, described in
``docs/plan-import.md``). Goal, action plan, action and budget repeat on every row of the action; the
status and its explanation belong to the row's quarter. Everything is keyed on codes: a policy goal on its
code (``D03``), an action plan on its goal and code (``D03`` + ``AP01``), an action on its code
(``D03/AP01/02``), a status update on its action and quarter (``2023KW1``). That is what lets a re-import
update what is there instead of adding it again.

This module is pure: a file in, dataclasses and :class:`RowError` records out; no database, no request.
It reports every problem of every row at once and never stops at the first one.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import IO, Any

import openpyxl
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString

from participation.plan.money import BudgetFigures, format_amount, parse_amount

# The column headers, in the order of the example file. Matched without regard to case or spacing.
SDG = "SDG"
GOAL_CODE = "Beleidsdoelstelling code"
GOAL = "Beleidsdoelstelling"
PLAN_CODE = "Actieplan code"
PLAN = "Actieplan"
PLAN_LABEL = "Actieplan label"
ACTION_CODE = "Actie code"
ACTION = "Actie"
ACTION_DESCRIPTION = "Actie omschrijving"
EXPENSES_TOTAL = "Uitgaven totaal"
EXPENSES_ORDERED = "Besteld"
INCOME_TOTAL = "Ontvangsten totaal"
INCOME_RECEIVED = "Ontvangen"
QUARTER = "Kwartaal"
STATUS = "Status"
EXPLANATION = "Toelichting"

COLUMNS = (
    SDG,
    GOAL_CODE,
    GOAL,
    PLAN_CODE,
    PLAN,
    PLAN_LABEL,
    ACTION_CODE,
    ACTION,
    ACTION_DESCRIPTION,
    EXPENSES_TOTAL,
    EXPENSES_ORDERED,
    INCOME_TOTAL,
    INCOME_RECEIVED,
    QUARTER,
    STATUS,
    EXPLANATION,
)
REQUIRED_COLUMNS = (SDG, GOAL_CODE, GOAL, PLAN_CODE, PLAN, ACTION_CODE, ACTION, QUARTER, STATUS)
# Column header -> attribute of Action.
AMOUNT_COLUMNS = {
    EXPENSES_TOTAL: "expenses_total",
    EXPENSES_ORDERED: "expenses_ordered",
    INCOME_TOTAL: "income_total",
    INCOME_RECEIVED: "income_received",
}


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
class PolicyGoal:
    code: str
    title: str
    sdg: int
    row: int  # the first row that names it, for the dry run to point at


@dataclass
class ActionPlan:
    goal_code: str
    code: str
    title: str
    label: str  # the short name in the report's budget table; blank: show the title
    row: int

    @property
    def key(self) -> tuple[str, str]:
        return (self.goal_code, self.code)


@dataclass
class Action(BudgetFigures):
    """An action, one line ("taak") of the progress report. Budget amounts are in cents, ``None`` if blank."""

    code: str
    goal_code: str
    plan_code: str
    title: str
    description: str
    row: int
    expenses_total: int | None = None
    expenses_ordered: int | None = None
    income_total: int | None = None
    income_received: int | None = None


@dataclass
class StatusUpdate:
    action_code: str
    quarter: Quarter
    status: Status
    explanation: str
    row: int

    @property
    def key(self) -> tuple[str, Quarter]:
        return (self.action_code, self.quarter)


@dataclass(frozen=True)
class RowError:
    """One problem in the file: ``row`` as the spreadsheet numbers it (the header is row 1), ``column``
    its header (``None`` for the file as a whole), ``message`` translatable."""

    row: int
    column: str | None
    message: str | LazyString

    def __str__(self) -> str:
        if self.column is None:
            return str(_l("Row %(row)s: %(message)s", row=self.row, message=self.message))
        return str(
            _l(
                "Row %(row)s, column “%(column)s”: %(message)s",
                row=self.row,
                column=self.column,
                message=self.message,
            )
        )


class SpreadsheetError(ValueError):
    """The file cannot be read as a spreadsheet at all; ``message`` is translatable."""

    def __init__(self, message: str | LazyString) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SheetRow:
    """A row of the file: its number as the spreadsheet shows it and its cells by header."""

    number: int
    values: Mapping[str, str]


@dataclass
class ParsedPlan:
    goals: list[PolicyGoal] = field(default_factory=list)
    action_plans: list[ActionPlan] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    status_updates: list[StatusUpdate] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def actions_for_sdg(self, sdg: int) -> list[Action]:
        goals = {goal.code for goal in self.goals if goal.sdg == sdg}
        return [action for action in self.actions if action.goal_code in goals]

    def latest_statuses(self) -> dict[str, StatusUpdate]:
        """Each action's most recent status update, by action code."""
        latest: dict[str, StatusUpdate] = {}
        for update in sorted(self.status_updates, key=lambda u: u.quarter):
            latest[update.action_code] = update
        return latest

    def status_counts(self, actions: Iterable[Action]) -> dict[Status, int]:
        """Actions per latest status, as the report's "TAKEN" chart counts them."""
        latest = self.latest_statuses()
        counts = dict.fromkeys(Status, 0)
        for action in actions:
            if action.code in latest:
                counts[latest[action.code].status] += 1
        return counts


# Reading the file ---------------------------------------------------------------------------------------


def read_rows(stream: IO[bytes] | IO[str] | bytes | str) -> list[SheetRow]:
    """Read an XLSX (its first sheet) or a CSV file into rows by header.

    The kind is told from the content, not the file name. A CSV may be UTF-8 with or without BOM (or
    Windows-1252, as older Excel saves it) and use ``;`` or ``,`` between cells. The first non-empty
    row holds the headers; empty rows are skipped but keep their numbers.
    """
    data = stream if isinstance(stream, bytes | str) else stream.read()
    if isinstance(data, bytes) and data.startswith(_ZIP_MAGIC):
        grid = _xlsx_grid(data)
    elif isinstance(data, bytes) and data.startswith(_OLE_MAGIC):
        raise SpreadsheetError(_l("This is an old Excel file (.xls): save it as .xlsx or .csv."))
    else:
        grid = _csv_grid(_decode(data) if isinstance(data, bytes) else data)
    headers: list[str] | None = None
    rows = []
    for number, cells in grid:
        if not any(cells):
            continue
        if headers is None:
            headers = cells
            names = [_normal(header) for header in headers if header]
            duplicate = next((h for h in headers if h and names.count(_normal(h)) > 1), None)
            if duplicate:
                raise SpreadsheetError(_l("The column “%(column)s” appears twice.", column=duplicate))
            continue
        values = {header: (cells[i] if i < len(cells) else "") for i, header in enumerate(headers) if header}
        rows.append(SheetRow(number, values))
    if headers is None:
        raise SpreadsheetError(_l("The file is empty."))
    return rows


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise SpreadsheetError(_l("The file is neither an XLSX file nor a CSV file in UTF-8."))


def _csv_grid(text: str) -> Iterable[tuple[int, list[str]]]:
    text = text.removeprefix("\ufeff")
    header_line = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        # A record spread over several lines (a quoted newline) is still one row in a spreadsheet.
        return [(number, [cell.strip() for cell in cells]) for number, cells in enumerate(reader, start=1)]
    except csv.Error as error:
        raise SpreadsheetError(_l("The CSV file cannot be read: %(error)s", error=str(error))) from error


def _xlsx_grid(data: bytes) -> Iterable[tuple[int, list[str]]]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise SpreadsheetError(_l("The XLSX file cannot be read.")) from error
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some programs write wrong dimensions; read what is there
        # Read-only sheets yield an empty row for every missing one, so counting gives the row number.
        return [
            (number, [_cell_text(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
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


def load_plan(stream: IO[bytes] | IO[str] | bytes | str) -> ParsedPlan:
    """Read and parse a plan file; :class:`SpreadsheetError` when it is no spreadsheet at all."""
    return parse_plan(read_rows(stream))


def parse_plan(rows: Iterable[SheetRow | Mapping[str, str]]) -> ParsedPlan:
    """Turn rows into the plan's goals, action plans, actions and status updates, with every error found.

    Plain mappings are numbered as a spreadsheet would: the header is row 1, the first mapping row 2.
    The result is only fit to import when ``is_valid``.
    """
    parser = _PlanParser()
    for position, row in enumerate(rows, start=2):
        if not parser.add(row if isinstance(row, SheetRow) else SheetRow(position, row)):
            break
    return parser.finish()


_STATUS_BY_TEXT = {_normal(text): status for text, status in STATUS_VALUES.items()}
_STATUS_CHOICES = ", ".join(text.capitalize() for text in list(STATUS_VALUES)[:3])


class _PlanParser:
    def __init__(self) -> None:
        self.plan = ParsedPlan()
        self.columns: dict[str, str] | None = None  # our header -> the header as the file writes it
        self.goals: dict[str, PolicyGoal] = {}
        self.action_plans: dict[tuple[str, str], ActionPlan] = {}
        self.actions: dict[str, Action] = {}
        self.updates: dict[tuple[str, Quarter], StatusUpdate] = {}
        # (record, column) -> (value, text as written, row) of the first row that filled the cell
        self.seen: dict[tuple[Any, str], tuple[Any, str, int]] = {}
        # (action code, attribute) -> (quarter, row) of the row the amount was taken from
        self.amount_sources: dict[tuple[str, str], tuple[tuple[int, int], int]] = {}
        self.row_count = 0

    def error(self, row: int, column: str | None, message: str | LazyString) -> None:
        self.plan.errors.append(RowError(row, column, message))

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
        code, title = self.required(number, cells, ACTION_CODE), self.required(number, cells, ACTION)
        amounts = {}
        for column, attribute in AMOUNT_COLUMNS.items():
            try:
                amounts[attribute] = (column, parse_amount(cells[column]))
            except ValueError as error:
                self.error(number, column, error.args[0])
        quarter_ok, quarter, status = self.read_status(number, cells)

        if goal_code and goal_title and sdg:
            self.add_goal(number, goal_code, goal_title, sdg)
        if goal_code and plan_code and plan_title:
            self.add_action_plan(number, goal_code, plan_code, plan_title, cells[PLAN_LABEL])
        if not (code and title and goal_code and plan_code):
            return True
        action = self.add_action(number, cells, code, title)
        if quarter_ok:
            rank = (quarter.year, quarter.number) if quarter else (0, 0)
            for attribute, (column, cents) in amounts.items():
                if cents is not None:
                    self.set_amount(number, action, attribute, column, cents, rank)
        if quarter and status:
            self.add_status_update(number, code, quarter, status, cells)
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
        """The row's quarter and status; a row may leave both blank for an action without updates yet."""
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

    def add_goal(self, row: int, code: str, title: str, sdg: int) -> None:
        record = ("goal", code)
        self.agree(row, record, GOAL, title, title, code)
        self.agree(row, record, SDG, sdg, str(sdg), code)
        if code not in self.goals:
            self.goals[code] = PolicyGoal(code, title, sdg, row)
            self.plan.goals.append(self.goals[code])

    def add_action_plan(self, row: int, goal_code: str, code: str, title: str, label: str) -> None:
        key = (goal_code, code)
        record, name = ("action plan", key), f"{goal_code} {code}"
        self.agree(row, record, PLAN, title, title, name)
        self.agree(row, record, PLAN_LABEL, label, label, name)
        action_plan = self.action_plans.get(key)
        if action_plan is None:
            action_plan = self.action_plans[key] = ActionPlan(goal_code, code, title, label, row)
            self.plan.action_plans.append(action_plan)
        action_plan.label = action_plan.label or label

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

    def set_amount(
        self, row: int, action: Action, attribute: str, column: str, cents: int, rank: tuple[int, int]
    ) -> None:
        """The row with the latest quarter gives the amount; older rows may keep the figures of their time."""
        source = self.amount_sources.get((action.code, attribute))
        if source is None or rank > source[0]:
            setattr(action, attribute, cents)
            self.amount_sources[action.code, attribute] = (rank, row)
        elif rank == source[0] and getattr(action, attribute) != cents:
            self.conflict(row, column, source[1], action.code, format_amount(getattr(action, attribute)))

    def add_status_update(self, row: int, code: str, quarter: Quarter, status: Status, cells: dict[str, str]) -> None:
        record, name = ("status update", code, quarter), f"{code} {quarter}"
        self.agree(row, record, STATUS, status, cells[STATUS], name)
        self.agree(row, record, EXPLANATION, cells[EXPLANATION], cells[EXPLANATION], name)
        update = self.updates.get((code, quarter))
        if update is None:
            update = StatusUpdate(code, quarter, status, cells[EXPLANATION], row)
            self.updates[code, quarter] = update
            self.plan.status_updates.append(update)
        update.explanation = update.explanation or cells[EXPLANATION]
