"""Amounts of the multi-year plan: read and written in Belgian notation, kept in cents.

The city's reports write ``7.035.739 €`` and ``1.234,56 €``: a dot between thousands, a comma before the
cents, the euro sign after the number. Amounts are integers of cents everywhere else, so sums are exact.

A blank amount is not zero. The city's progress report leaves a cell blank when nothing was budgeted and
writes ``0 €`` when the budget is zero (SDG 03, AP06: income ``0 €``, received ``28.718 €``). Hence
``None`` for a blank throughout, and the helpers below treat it the way that report does: a sum of blanks
is blank, a share of a blank is blank, a remainder counts a blank as nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal
from flask_babel import lazy_gettext as _l

_AMOUNT = re.compile(
    r"""
    (?P<sign>[-\u2212])?\s*
    (?P<before>€|EUR)?\s*
    (?P<sign_after_currency>[-\u2212])?\s*
    (?P<units>
        \d{1,3}(?:\.\d{3})+         # 7.035.739
      | \d{1,3}(?:\x20\d{3})+       # 7 035 739
      | \d+                         # 7035739
    )
    (?:,(?P<cents>\d{1,2}))?
    \s*(?P<after>€|EUR)?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})


def parse_amount(text: str | None) -> int | None:
    """Read an amount in Belgian notation and return it in cents; ``None`` for a blank cell.

    Reads ``7.035.739 €``, ``1.234,56 €``, ``0 €``, ``-12.000 €``, ``€ 250``, ``7035739`` and ``33.600 EUR``;
    spaces (also non-breaking ones) may group the thousands instead of dots. Anything else raises
    ``ValueError``, also the English ``1,234.56`` and a lone ``1.5``: a dot groups thousands, so
    ``1.5`` is not a Belgian amount.
    """
    if text is None:
        return None
    cleaned = " ".join(text.translate(_SPACES).split())
    if not cleaned:
        return None
    match = _AMOUNT.fullmatch(cleaned)
    if match is None or (match["sign"] and match["sign_after_currency"]) or (match["before"] and match["after"]):
        raise ValueError(_l("“%(value)s” is not an amount like 1.234,56 €.", value=text.strip()))
    euros = int(re.sub(r"[. ]", "", match["units"]))
    cents = euros * 100 + int((match["cents"] or "0").ljust(2, "0"))
    return -cents if match["sign"] or match["sign_after_currency"] else cents


def format_amount(cents: int | None, *, whole_euros: bool = False) -> str:
    """Write cents in Belgian notation: ``7.035.739 €``, ``1.234,56 €``, ``-12.000 €``; blank for ``None``.

    Cents are shown only when there are any. With ``whole_euros`` the amount is rounded to the euro
    (halves away from zero), as the city's progress report shows its budget tables.
    """
    if cents is None:
        return ""
    euros = Decimal(cents).scaleb(-2)
    if whole_euros:
        euros = euros.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    pattern = "#,##0" if euros == euros.to_integral_value() else "#,##0.00"
    return f"{format_decimal(euros, format=pattern, locale='nl_BE')} €"


def percent(part: int | None, whole: int | None) -> int | None:
    """The share of ``part`` in ``whole`` as a whole percentage, halves rounded away from zero.

    ``None`` when there is nothing to divide by or nothing to divide, as the report leaves the cell blank:
    2.489.310 € of 7.035.739 € is 35 (35,38 %).
    """
    if part is None or not whole:
        return None
    share = Decimal(part) * 100 / Decimal(whole)
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def remaining(whole: int | None, part: int | None) -> int | None:
    """What is left of ``whole`` after ``part``; a blank counts as nothing, two blanks stay blank.

    Negative when more came in than was budgeted (income ``0 €``, received ``28.718 €``: ``-28.718 €``).
    """
    if whole is None and part is None:
        return None
    return (whole or 0) - (part or 0)


def sum_amounts(amounts: Iterable[int | None]) -> int | None:
    """Add amounts in cents; blanks are skipped, and only blanks add up to a blank."""
    given = [amount for amount in amounts if amount is not None]
    return sum(given) if given else None


def euros(cents: int | None) -> int | float | None:
    """Cents as a number of euros for exports and open data: 7035739 for 703573900 cents, 1234.56 for 123456;
    blank stays blank."""
    if cents is None:
        return None
    return cents // 100 if cents % 100 == 0 else cents / 100


class BudgetFigures:
    """Percentages and remainders of a budget, computed from the four amounts, never stored.

    Mixed into the parsed spreadsheet action, the PlanAction model and the tracker's sums.
    """

    expenses_total: int | None
    expenses_ordered: int | None
    income_total: int | None
    income_received: int | None

    @property
    def expenses_percent(self) -> int | None:
        return percent(self.expenses_ordered, self.expenses_total)

    @property
    def expenses_remaining(self) -> int | None:
        return remaining(self.expenses_total, self.expenses_ordered)

    @property
    def income_percent(self) -> int | None:
        return percent(self.income_received, self.income_total)

    @property
    def income_remaining(self) -> int | None:
        return remaining(self.income_total, self.income_received)
