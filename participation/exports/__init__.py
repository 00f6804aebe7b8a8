from flask import Blueprint

bp = Blueprint("exports", __name__)

from participation.exports import views  # noqa: E402,F401


@bp.record_once
def _load_kinds(state) -> None:
    """Every feature's kinds are known once the app is built; a listed module that is missing fails here."""
    from participation.exports.registry import load_kinds

    load_kinds()
