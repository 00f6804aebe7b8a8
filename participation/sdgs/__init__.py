from flask import Blueprint

bp = Blueprint("sdgs", __name__)

from participation.sdgs import api, counters, views  # noqa: E402,F401


@bp.record_once
def _setup(state) -> None:
    """The goals and targets are reference data: the test database loads them once and keeps them."""
    from participation.sdgs.services import load_reference_data

    state.app.config.setdefault("REFERENCE_LOADERS", []).append(load_reference_data)


@bp.record_once
def _show_links_on_idea_pages(_state) -> None:
    from participation.ideas.sections import register_idea_section

    register_idea_section("sdgs", idea_links_section, rows=idea_has_links)


def idea_links_section(idea, viewer, has_rows: bool = True) -> dict:
    """The idea page's share: the targets the idea is linked to (not read when it has none: `has_rows`),
    and whether this viewer links more."""
    from participation.sdgs.queries import links_of_idea
    from participation.sdgs.rules import can_link_ideas

    return {"links": links_of_idea(idea.id) if has_rows else [], "can_link": can_link_ideas(viewer)}


def idea_has_links():
    """Whether an idea is linked to any target, as a condition on `Idea` (see `ideas.sections`)."""
    from sqlalchemy import exists

    from participation.ideas.models import Idea
    from participation.sdgs.models import IdeaTarget

    return exists().where(IdeaTarget.idea_id == Idea.id)


@bp.app_template_global()
def sdg_target_text(code: str, language: str = "nl") -> str:
    from participation.sdgs.reference import target_text

    return target_text(code, language)


@bp.app_template_global()
def sdg_goal_title(number: int, language: str = "nl") -> str:
    from participation.sdgs.reference import goal_title

    return goal_title(number, language)
