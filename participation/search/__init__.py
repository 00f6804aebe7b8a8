"""Search across the site (`index`): one box in the header, one page of results grouped by kind."""

from flask import Blueprint

bp = Blueprint("search", __name__)

from participation.search import index, views  # noqa: E402,F401
