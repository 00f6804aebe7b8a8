"""Partners: the organisations the city works with (W13, Leiedal, IMOG …), kept as city data, with the
plan tasks that name them and the processes they take part in."""

from flask import Blueprint

bp = Blueprint("partners", __name__)

from participation.partners import api, exports, services, views  # noqa: E402,F401
