"""Whole numbers that come from outside: ids and page numbers in paths, query strings and forms.

A number is read only when it is written with the digits 0-9 and fits a PostgreSQL `integer`
(below 2³¹). Anything else (a superscript "²", an Arabic-Indic digit, 3000000000, a hundred nines)
is no number at all: a path does not match (404), a query string falls back to its default, and a
form field gets a message in the visitor's language. So no such value ever reaches the database,
where PostgreSQL refuses integers of 2³¹ and more and SQLite those of 2⁶³ and more with an error.
"""

import re

from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter
from wtforms import IntegerField

MAX_INT = 2**31 - 1
_DIGITS = re.compile(r"[0-9]{1,10}")
_SIGNED = re.compile(r"-?[0-9]{1,10}")


def parse_int(value, *, signed: bool = False) -> int:
    """`value` as a whole number from -2³¹+1 (when `signed`) or 0 to 2³¹-1; ValueError otherwise.

    Usable as `type=` of `request.args.get` and `request.form.get`, which then give their default
    for anything that is not such a number."""
    text = value.strip() if isinstance(value, str) else str(value)
    if not (_SIGNED if signed else _DIGITS).fullmatch(text):
        raise ValueError(f"not a whole number: {text[:20]!r}")
    number = int(text)
    if abs(number) > MAX_INT:
        raise ValueError("number out of range")
    return number


def int_or_none(value) -> int | None:
    """`parse_int(value)`, or None for anything that is not such a number (also None and "")."""
    if value is None:
        return None
    try:
        return parse_int(value)
    except ValueError:
        return None


class SafeIntConverter(IntegerConverter):
    """The `<int:…>` of every route: ASCII digits up to 2³¹-1, so a larger id answers 404."""

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=MAX_INT if max is None else max,
                         signed=signed)


class NumberField(IntegerField):
    """A whole number in a form: a letter, a superscript digit or a number of 2³¹ or more is refused
    with a message, never passed on."""

    def process_formdata(self, valuelist):
        if not valuelist or valuelist[0] in ("", None):
            self.data = None
            return
        try:
            self.data = parse_int(valuelist[0], signed=True)
        except ValueError as error:
            self.data = None
            raise ValueError(str(NUMBER_MESSAGE)) from error


NUMBER_MESSAGE = _l("Fill in a whole number with the digits 0 to 9 (at most 2,147,483,647).")


def init_app(app) -> None:
    app.url_map.converters["int"] = SafeIntConverter
