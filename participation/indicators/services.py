"""Import and edit indicators, all or nothing, and say how a series evolves.

The import compares the file with the database on the indicator's code and the value's year: the dry run
lists what is new or changed, the real import writes exactly that. Values missing from the file are kept
(the file adds and corrects); an administrator removes a value or an indicator on its edit page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from flask_babel import format_decimal
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from participation.datafile import RowErrors
from participation.extensions import db
from participation.ideas.rules import is_administrator
from participation.indicators import csvfile
from participation.indicators.models import Indicator, IndicatorValue
from participation.sdgs.models import SdgGoal, SdgTarget

KIND_LABELS = {"indicator": _l("Indicators"), "value": _l("Yearly values")}
STATE_LABELS = {"new": _l("new"), "changed": _l("changed"), "unchanged": _l("unchanged")}
META_FIELDS = ("name", "unit", "source", "goal_number", "target_code", "better")
VALUE_FIELDS = ("value", "kind", "flemish_average", "note")


class IndicatorError(ValueError):
    """A rule of the indicators is broken; the message is for the person (Dutch)."""

    def __init__(self, message, field: str | None = None) -> None:
        super().__init__(str(message))
        self.field = field


@dataclass
class Change:
    kind: str
    code: str
    label: str
    state: str
    row: int


@dataclass
class ImportReport(RowErrors):
    changes: list[Change] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def has_changes(self) -> bool:
        return any(change.state != "unchanged" for change in self.changes)

    def changed(self) -> list[Change]:
        return [change for change in self.changes if change.state != "unchanged"]

    @property
    def summary(self) -> list[tuple[str, Counter]]:
        counts = {kind: Counter() for kind in KIND_LABELS}
        for change in self.changes:
            counts[change.kind][change.state] += 1
        return list(counts.items())


def can_manage_indicators(user) -> bool:
    """Administrators import, edit and delete the city's indicators."""
    return is_administrator(user)


def import_indicators(data: bytes, dry_run: bool = True) -> ImportReport:
    """Check the file and, unless it is a dry run or holds an error, write it; the caller commits."""
    goals = set(db.session.scalars(select(SdgGoal.number)))
    targets = set(db.session.scalars(select(SdgTarget.code)))
    parsed = csvfile.read_indicators(data, goals, targets)
    report = ImportReport(ignored_columns=parsed.ignored_columns)
    report.add_errors(parsed.errors, more=parsed.more_errors)
    if parsed.errors:
        return report
    existing = {
        indicator.code: indicator
        for indicator in db.session.scalars(
            select(Indicator).where(Indicator.code.in_([rows.code for rows in parsed.indicators]))
            .options(selectinload(Indicator.values))
        )
    }
    for rows in parsed.indicators:
        indicator = existing.get(rows.code)
        state = "new" if indicator is None else (
            "changed" if any(getattr(indicator, name) != getattr(rows, name) for name in META_FIELDS) else "unchanged"
        )
        report.changes.append(Change("indicator", rows.code, rows.name, state, rows.row))
        known_values = {value.year: value for value in indicator.values} if indicator else {}
        for value in rows.values:
            known = known_values.get(value.year)
            value_state = "new" if known is None else (
                "changed" if any(_differs(getattr(known, name), getattr(value, name)) for name in VALUE_FIELDS)
                else "unchanged"
            )
            report.changes.append(Change("value", rows.code, f"{rows.name} {value.year}", value_state, value.row))
        if not dry_run:
            _write(indicator, rows, known_values)
    if not dry_run:
        db.session.flush()
        report.applied = True
    return report


def _differs(stored, given) -> bool:
    if isinstance(stored, Decimal) or isinstance(given, Decimal):
        return (stored is None) != (given is None) or (stored is not None and Decimal(stored) != Decimal(given))
    return stored != given


def _write(indicator: Indicator | None, rows: csvfile.IndicatorRows, known_values: dict) -> None:
    if indicator is None:
        indicator = Indicator(code=rows.code)
        db.session.add(indicator)
    for name in META_FIELDS:
        setattr(indicator, name, getattr(rows, name))
    for value in rows.values:
        stored = known_values.get(value.year)
        if stored is None:
            stored = IndicatorValue(year=value.year)
            indicator.values.append(stored)
        for name in VALUE_FIELDS:
            setattr(stored, name, getattr(value, name))


def save_indicator(indicator: Indicator, meta: dict, values: list[dict]) -> None:
    """Write an administrator's edit: the indicator's own fields and its whole series of values."""
    target = meta.get("target_code") or None
    if target:
        found = db.session.get(SdgTarget, target)
        if found is None or found.goal_number != meta["goal_number"]:
            raise IndicatorError(_l("“%(value)s” is not a target of this SDG.", value=target), "target_code")
    years = [value["year"] for value in values]
    if len(years) != len(set(years)):
        raise IndicatorError(_l("Each year appears once."), "values")
    for name in META_FIELDS:
        setattr(indicator, name, target if name == "target_code" else meta[name])
    stored = {value.year: value for value in indicator.values}
    for value in values:
        row = stored.pop(value["year"], None)
        if row is None:
            row = IndicatorValue(year=value["year"])
            indicator.values.append(row)
        for name in VALUE_FIELDS:
            setattr(row, name, value[name] if name != "note" else (value.get("note") or ""))
    for row in stored.values():
        indicator.values.remove(row)
    db.session.flush()


def for_goal(number: int) -> list[Indicator]:
    """The indicators of a goal with their values, in two queries."""
    return list(db.session.scalars(
        select(Indicator).where(Indicator.goal_number == number).order_by(Indicator.name)
        .options(selectinload(Indicator.values))
    ))


def all_indicators() -> list[Indicator]:
    return list(db.session.scalars(
        select(Indicator).order_by(Indicator.goal_number, Indicator.name).options(selectinload(Indicator.values))
    ))


def format_value(number: Decimal | None, unit: str = "") -> str:
    """35,95 % in Belgian style: decimals as given, no trailing zeros."""
    if number is None:
        return ""
    text = format_decimal(Decimal(number).normalize(), format="#,##0.####")
    return f"{text} {unit}".strip() if unit else text


def trend_sentence(indicator: Indicator) -> str:
    """From the first to the last value, rising or falling, and whether that is good news."""
    values = list(indicator.values)
    if len(values) < 2:
        return ""
    first, last = values[0], values[-1]
    kinds = {"measured": _l("measured"), "projected": _l("projection")}
    start = _l("%(value)s in %(year)s (%(kind)s)", value=format_value(first.value, indicator.unit), year=first.year,
               kind=kinds[first.kind])
    end = _l("%(value)s in %(year)s (%(kind)s)", value=format_value(last.value, indicator.unit), year=last.year,
             kind=kinds[last.kind])
    if last.value == first.value:
        return str(_l("Stable: %(start)s and %(end)s.", start=start, end=end))
    rising = last.value > first.value
    movement = _l("Rises") if rising else _l("Falls")
    if indicator.better == "none":
        return str(_l("%(movement)s from %(start)s to %(end)s.", movement=movement, start=start, end=end))
    good = rising == (indicator.better == "higher")
    verdict = _l("a favourable evolution") if good else _l("an unfavourable evolution")
    return str(_l("%(movement)s from %(start)s to %(end)s: %(verdict)s.", movement=movement, start=start, end=end,
                  verdict=verdict))


def goal_figures(number: int) -> list[tuple[Indicator, object, str]]:
    """What an SDG page shows per indicator: the indicator, its chart and its trend sentence."""
    from participation.indicators.chart import build_chart

    return [(indicator, build_chart(indicator.values), trend_sentence(indicator)) for indicator in for_goal(number)]
