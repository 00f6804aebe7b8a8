"""Export kind ``indicators``: one row per indicator per year."""

from collections.abc import Iterator

from flask_babel import lazy_gettext as _l

from participation.exports.kinds import stream
from participation.exports.registry import Column, ExportOptions, register_export
from participation.extensions import db
from participation.indicators.csvfile import BETTER_VALUES, KIND_VALUES
from participation.indicators.models import Indicator, IndicatorValue

COLUMNS = [
    Column("code", "code", "Short code of the indicator (grijze-druk)."),
    Column("name", "indicator", "Name of the indicator."),
    Column("unit", "eenheid", "Unit of the values (%)."),
    Column("sdg", "sdg", "Number of the SDG the indicator informs."),
    Column("target", "subdoel", "Code of the SDG target, when the indicator informs one."),
    Column("better", "beter", "Which way is better: hoger, lager or geen."),
    Column("year", "jaar", "Year of the value."),
    Column("value", "waarde", "The value, written like 35,95."),
    Column("kind", "soort", "gemeten (measured) or prognose (projected)."),
    Column("flemish_average", "vlaams_gemiddelde", "The Flemish average that year, when given."),
    Column("note", "opmerking", "A note on the value."),
    Column("source", "bron", "Where the figures come from."),
]


BETTER_WORDS = {value: word for word, value in BETTER_VALUES.items() if word}
KIND_WORDS = {value: word for word, value in KIND_VALUES.items() if word}


def _number(value) -> str | None:
    """35,95 as the import reads it back; no trailing zeros."""
    return None if value is None else format(value.normalize(), "f").replace(".", ",")


def indicator_rows(options: ExportOptions) -> Iterator[tuple]:
    """The same words and numbers as the import file, so that an export can be corrected and imported again."""
    statement = (
        db.select(
            Indicator.code, Indicator.name, Indicator.unit, Indicator.goal_number,
            Indicator.target_code, Indicator.better, IndicatorValue.year, IndicatorValue.value, IndicatorValue.kind,
            IndicatorValue.flemish_average, IndicatorValue.note, Indicator.source,
        )
        .join(Indicator, IndicatorValue.indicator_id == Indicator.id)
        .order_by(Indicator.goal_number, Indicator.code, IndicatorValue.year)
    )
    for row in stream(statement):
        code, name, unit, goal, target, better, year, value, kind, flemish, note, source = row
        yield (code, name, unit, goal, target, BETTER_WORDS[better], year, _number(value), KIND_WORDS[kind],
               _number(flemish), note, source)


register_export(
    "indicators", _l("Indicators per SDG"), COLUMNS, rows=indicator_rows, public=True, by_process=False,
    description=_l("The city's figures per SDG, one row per indicator per year."),
)
