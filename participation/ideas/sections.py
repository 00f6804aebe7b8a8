"""Sections other features add to an idea's page, registered explicitly at import time:

    register_idea_section("comments", lambda idea, viewer: {...})

The idea page's view calls each with the idea and the viewer and hands the results to the template as
`sections[name]`; the feature's own template (`<feature>/_idea_section.html`) shows it. So the page
shows what a higher feature owns without the ideas feature importing it.
"""

from collections.abc import Callable

from participation.ideas.models import Idea

Section = Callable[[Idea, object], dict]
_SECTIONS: dict[str, Section] = {}


def register_idea_section(name: str, build: Section) -> None:
    _SECTIONS[name] = build


def idea_sections(idea: Idea, viewer) -> dict[str, dict]:
    return {name: build(idea, viewer) for name, build in _SECTIONS.items()}


CardFacts = Callable[[list[int]], dict[int, object]]
_CARD_FACTS: dict[str, CardFacts] = {}


def register_card_facts(name: str, facts: CardFacts) -> None:
    """A fact shown on every idea card (the number of comments): one query for a whole page of cards."""
    _CARD_FACTS[name] = facts


def card_facts(ideas: list[Idea]) -> dict[str, dict[int, object]]:
    ids = [idea.id for idea in ideas]
    return {name: facts(ids) for name, facts in _CARD_FACTS.items()}
