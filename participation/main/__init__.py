from flask import Blueprint

bp = Blueprint("main", __name__)

from participation.main import face, views  # noqa: E402,F401
