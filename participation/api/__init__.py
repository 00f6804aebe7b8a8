"""Open data: a read-only JSON API under /api/v1 for what is public, described by OpenAPI 3.1."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from participation.api import views  # noqa: E402,F401
