"""Indicators per SDG: the city's own figures (measured and projected), imported from CSV or edited."""

from flask import Blueprint

bp = Blueprint("indicators", __name__)

from participation.indicators import api, exports, views  # noqa: E402,F401


@bp.app_template_global()
def indicator_value(number, unit: str = "") -> str:
    """A figure in Belgian style with its unit: 35,95 %."""
    from participation.indicators.services import format_value

    return format_value(number, unit)
