"""Open data: a read-only JSON API under /api/v1 for what is public, described by OpenAPI 3.1."""

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from participation.api import views  # noqa: E402,F401


@bp.record_once
def _read_fragments(state) -> None:
    """Every listed feature's open data is read once the app is built; a missing one fails here."""
    from participation.api.openapi import fragments

    fragments()
