"""Read indicators from the CSV an administrator keeps (format in ``docs/indicators.md``).

One row per indicator per year. The indicator's own columns (name, unit, source, SDG, target, direction)
repeat on each of its rows and must agree. Pure: bytes in, dataclasses and row errors out; the file is
decoded and split as :mod:`participation.datafile` reads any uploaded data file, and every problem of every
row is reported at once, up to its limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l

from participation.datafile import FileError, RowErrors, read_csv

CODE = "Code"
NAME = "Indicator"
UNIT = "Eenheid"
SOURCE = "Bron"
SDG = "SDG"
TARGET = "Subdoel"
BETTER = "Beter"
YEAR = "Jaar"
VALUE = "Waarde"
KIND = "Soort"
FLEMISH = "Vlaams gemiddelde"
NOTE = "Opmerking"

COLUMNS = (CODE, NAME, UNIT, SOURCE, SDG, TARGET, BETTER, YEAR, VALUE, KIND, FLEMISH, NOTE)
REQUIRED_COLUMNS = (CODE, NAME, SDG, YEAR, VALUE)
BETTER_VALUES = {"hoger": "higher", "lager": "lower", "geen": "none", "": "none"}
KIND_VALUES = {"gemeten": "measured", "prognose": "projected", "": "measured"}

_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,59}$")
_TARGET = re.compile(r"^(\d{1,2})\.(\d{1,2}|[a-z])$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


@dataclass
class ValueRow:
    row: int
    year: int
    value: Decimal
    kind: str
    flemish_average: Decimal | None
    note: str


@dataclass
class IndicatorRows:
    row: int
    code: str
    name: str
    unit: str
    source: str
    goal_number: int
    target_code: str | None
    better: str
    values: list[ValueRow] = field(default_factory=list)

    def meta(self) -> tuple:
        return (self.name, self.unit, self.source, self.goal_number, self.target_code, self.better)


@dataclass
class ParsedFile(RowErrors):
    indicators: list[IndicatorRows] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


def parse_number(text: str) -> Decimal:
    """A Belgian number: ``35,95``, ``1.234,5``, ``47,9 %``; a dot without comma is a decimal point unless it
    groups thousands (``1.234``)."""
    cleaned = text.replace("%", "").replace("\u00a0", "").replace(" ", "").strip()
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError from None
    if not number.is_finite() or abs(number) >= Decimal("1e10"):
        raise ValueError
    return number


def read_indicators(data: bytes, goals: set[int], targets: set[str]) -> ParsedFile:
    """Parse the file against the known SDG goals and target codes."""
    parsed = ParsedFile()
    try:
        grid = [(number, cells) for number, cells in read_csv(data) if any(cells)]
    except FileError as error:
        parsed.error(1, None, error.message)
        return parsed
    if not grid:
        parsed.error(1, None, _l("The file is empty."))
        return parsed
    header_row, names = grid[0]
    index = {}
    for position, name in enumerate(names):
        # The export's headers (vlaams_gemiddelde) read back as the import's (Vlaams gemiddelde).
        known = next((column for column in COLUMNS if column.lower() == name.lower().replace("_", " ")), None)
        if known:
            index[known] = position
        elif name:
            parsed.ignored_columns.append(name)
    missing = [column for column in REQUIRED_COLUMNS if column not in index]
    for column in missing:
        parsed.error(header_row, column, _l("This column is missing."))
    if missing:
        return parsed
    by_code: dict[str, IndicatorRows] = {}
    seen_years: dict[tuple[str, int], int] = {}
    for number, cells in grid[1:]:
        row = _read_row(number, cells, index, goals, targets, parsed)
        if row is None:
            continue
        indicator, value = row
        known = by_code.get(indicator.code)
        if known is None:
            by_code[indicator.code] = indicator
            parsed.indicators.append(indicator)
            known = indicator
        elif known.meta() != indicator.meta():
            parsed.error(number, NAME, _l("Differs from row %(row)s of the same indicator: name, unit, source, "
                                          "SDG, target and direction repeat as they are.", row=known.row))
            continue
        clash = seen_years.get((indicator.code, value.year))
        if clash:
            parsed.error(number, YEAR, _l("Clashes with row %(row)s: one value per indicator and year.", row=clash))
            continue
        seen_years[indicator.code, value.year] = number
        known.values.append(value)
    return parsed


def _cell(cells: list[str], index: dict[str, int], column: str) -> str:
    position = index.get(column)
    return cells[position] if position is not None and position < len(cells) else ""


def _read_row(number, cells, index, goals, targets, parsed) -> tuple[IndicatorRows, ValueRow] | None:
    before = parsed.error_count
    get = lambda column: _cell(cells, index, column)  # noqa: E731
    code = get(CODE).lower()
    if not _CODE.match(code):
        parsed.error(number, CODE, _l("Write a short code of lower-case letters, digits and dashes, like "
                                      "grijze-druk."))
    name = get(NAME)
    if not name or len(name) > 200:
        parsed.error(number, NAME, _l("Write the indicator's name (at most 200 characters)."))
    goal = None
    try:
        goal = int(get(SDG).upper().removeprefix("SDG").strip())
    except ValueError:
        pass
    if goal not in goals:
        parsed.error(number, SDG, _l("“%(value)s” is not an SDG from 1 to 17.", value=get(SDG)))
    target = get(TARGET) or None
    if target:
        match = _TARGET.match(target)
        if target not in targets or not match or int(match.group(1)) != goal:
            parsed.error(number, TARGET, _l("“%(value)s” is not a target of this SDG.", value=target))
    better = BETTER_VALUES.get(get(BETTER).lower())
    if better is None:
        parsed.error(number, BETTER, _l("Write hoger, lager or geen."))
    year = None
    try:
        year = int(get(YEAR))
    except ValueError:
        pass
    if year is None or not 1900 <= year <= 2100:
        parsed.error(number, YEAR, _l("“%(value)s” is not a year.", value=get(YEAR)))
    value = flemish = None
    try:
        value = parse_number(get(VALUE))
    except ValueError:
        parsed.error(number, VALUE, _l("“%(value)s” is not a number like 35,95.", value=get(VALUE)))
    if get(FLEMISH):
        try:
            flemish = parse_number(get(FLEMISH))
        except ValueError:
            parsed.error(number, FLEMISH, _l("“%(value)s” is not a number like 35,95.", value=get(FLEMISH)))
    kind = KIND_VALUES.get(get(KIND).lower())
    if kind is None:
        parsed.error(number, KIND, _l("Write gemeten or prognose."))
    for column, limit in ((UNIT, 40), (NOTE, 200)):
        if len(get(column)) > limit:
            parsed.error(number, column, _l("At most %(max)s characters.", max=limit))
    if parsed.error_count > before:
        return None
    indicator = IndicatorRows(number, code, name, get(UNIT), get(SOURCE), goal, target, better)
    return indicator, ValueRow(number, year, value, kind, flemish, get(NOTE))
