"""Sections other features add to an idea's page, registered explicitly at import time:

    register_idea_section("comments", lambda idea, viewer: {...})

The idea page's view calls each with the idea and the viewer and hands the results to the template as
`sections[name]`; the feature's own template (`<feature>/_idea_section.html`) shows it. So the page
shows what a higher feature owns without the ideas feature importing it.

A section that reads a list of its own may say how to tell whether the idea has any of it, as a SQL
condition on `Idea` (`rows`, e.g. ``lambda: exists().where(Comment.idea_id == Idea.id)``): the page asks
all of them in its first statement, and calls the section with `has_rows=False` when there is nothing
to read, so the section reads nothing.
"""

from collections.abc import Callable

from sqlalchemy import ColumnElement

from participation.ideas.models import Idea

Section = Callable[..., dict]
Rows = Callable[[], ColumnElement[bool]]
_SECTIONS: dict[str, Section] = {}
_ROWS: dict[str, Rows] = {}


def register_idea_section(name: str, build: Section, rows: Rows | None = None) -> None:
    _SECTIONS[name] = build
    if rows is not None:
        _ROWS[name] = rows


def section_rows() -> dict[str, Rows]:
    """The sections' "has it any rows" conditions, by section name."""
    return dict(_ROWS)


def idea_sections(idea: Idea, viewer, present: dict[str, bool] | None = None) -> dict[str, dict]:
    """Each section for this idea and viewer; `present` tells, per section with `rows`, whether it has any
    (unknown: it reads its list)."""
    present = present or {}
    return {name: build(idea, viewer, has_rows=present.get(name, True)) if name in _ROWS else build(idea, viewer)
            for name, build in _SECTIONS.items()}


CardFacts = Callable[[list[int]], dict[int, object]]
_CARD_FACTS: dict[str, CardFacts] = {}


def register_card_facts(name: str, facts: CardFacts) -> None:
    """A fact shown on every idea card (the number of comments): one query for a whole page of cards."""
    _CARD_FACTS[name] = facts


def card_facts(ideas: list[Idea]) -> dict[str, dict[int, object]]:
    ids = [idea.id for idea in ideas]
    return {name: facts(ids) for name, facts in _CARD_FACTS.items()}
