"""What other features show on an SDG goal's page, registered explicitly when the app starts.

A feature with something to say about a goal (the advisory councils' ambition points, the plan's actions)
registers a template and a loader from its blueprint. The goal view runs every loader and hands the page
what it found; the page includes each template. A template that does not exist fails at start-up, and a
page never queries from its template.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app

_KEY = "sdg_goal_sections"


@dataclass(frozen=True)
class GoalSection:
    template: str
    load: Callable[[int], Any]
    position: int


@dataclass(frozen=True)
class LoadedSection:
    """A section as the goal page shows it: its template and what its loader found (``section.items``)."""

    template: str
    items: Any


def register_goal_section(app: Flask, template: str, load: Callable[[int], Any], *, position: int) -> None:
    """Show ``template`` on every goal page, in ``position`` order, with ``load(goal_number)`` as its items."""
    app.jinja_env.get_template(template)  # a typo fails here, not on a visitor's page
    sections = app.extensions.setdefault(_KEY, [])
    sections.append(GoalSection(template, load, position))
    sections.sort(key=lambda section: section.position)


def goal_sections(number: int) -> list[LoadedSection]:
    return [LoadedSection(section.template, section.load(number))
            for section in current_app.extensions.get(_KEY, [])]
