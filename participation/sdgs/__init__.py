from flask import Blueprint

bp = Blueprint("sdgs", __name__)

from participation.sdgs import api, counters, views  # noqa: E402,F401


@bp.record_once
def _setup(state) -> None:
    """The goals and targets are reference data: the test database loads them once and keeps them."""
    from participation.sdgs.services import load_reference_data

    state.app.config.setdefault("REFERENCE_LOADERS", []).append(load_reference_data)


@bp.app_template_global()
def sdg_links_of(idea) -> list:
    """The targets an idea is linked to (for the idea page's partial)."""
    from participation.sdgs.queries import links_of_idea

    return links_of_idea(idea.id)


@bp.app_template_global()
def sdg_target_text(code: str, language: str = "nl") -> str:
    from participation.sdgs.reference import target_text

    return target_text(code, language)


@bp.app_template_global()
def sdg_goal_title(number: int, language: str = "nl") -> str:
    from participation.sdgs.reference import goal_title

    return goal_title(number, language)
