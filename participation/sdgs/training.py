"""What the SDG suggester learns from: every labelled text the city has, read from the database.

``training_examples()`` is the one place that says what counts as a label, so the model learns from
whatever plan the city imported and whatever its moderators decided:

- the plan: each task (title and description) and each of its quarterly explanations, filed under the
  SDG of its policy goal, and under the targets the task is linked to;
- the 169 targets' own texts, the goal titles, the city's sentence per goal and a short list of words a
  Flemish city uses per goal (``data/keywords_nl.json``, shipped with the platform);
- ideas that moderators linked to a target, and the suggestions they accepted;
- the suggestions they refused: a text refused for a goal or a target counts against it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

from participation.core.models import City, District, Neighbourhood
from participation.extensions import db
from participation.ideas.models import Idea
from participation.sdgs.dutch import content_text, words
from participation.sdgs.models import CityStatement, IdeaTarget, SuggestionChoice
from participation.sdgs.reference import reference_goals
from participation.sdgs.suggest import Example
from participation.security import plain_text

KEYWORDS_PATH = Path(__file__).resolve().parent / "data" / "keywords_nl.json"

# How much one text of each kind counts next to one target text.
WEIGHTS = {
    "target": 1.0,
    "goal": 1.0,
    "statement": 1.0,
    "keywords": 2.0,
    "plan": 1.0,
    "explanation": 1.0,
    "link": 2.0,
    "choice": 2.0,
}
MIN_EXPLANATION_WORDS = 3


def training_examples() -> list[Example]:
    """Every labelled text in the database, as examples for ``SdgSuggester.fit``."""
    return [
        *reference_examples(),
        *statement_examples(current_city_statements()),
        *keyword_examples(load_keywords()),
        *plan_examples(),
        *link_examples(),
        *choice_examples(),
    ]


def place_names() -> set[str]:
    """The words of the names of the city, its deelgemeenten and wijken ("Harelbeke", "Hulste", "Zandberg")."""
    names = [*db.session.scalars(db.select(City.name)), *db.session.scalars(db.select(District.name)),
             *db.session.scalars(db.select(Neighbourhood.name))]
    return {word.lower() for name in names for word in words(name)}


def target_goals() -> dict[str, int]:
    """Every target code with its goal number."""
    return {target["code"]: int(goal["number"]) for goal in reference_goals() for target in goal["targets"]}


def reference_examples() -> Iterable[Example]:
    """The targets' own Dutch texts (examples of their goal and of themselves) and the goal titles,
    as shipped with the platform (the database holds the same)."""
    for goal in reference_goals():
        number = int(goal["number"])
        yield Example(f"{goal['title']['nl']}. {goal['long_title']['nl']}", number, weight=WEIGHTS["goal"],
                      source="goal")
        for target in goal["targets"]:
            yield Example(target["text"]["nl"], number, target=target["code"], weight=WEIGHTS["target"],
                          source="target")


def current_city_statements() -> dict[int, str]:
    return {s.goal_number: s.sentence for s in db.session.scalars(db.select(CityStatement))}


def statement_examples(statements: Mapping[int, str]) -> Iterable[Example]:
    """The city's sentence per goal, without the words most sentences share (the city's own name):
    they say nothing about one goal."""
    seen: Counter[str] = Counter()
    for sentence in statements.values():
        seen.update({word.lower() for word in words(sentence)})
    common = {word for word, count in seen.items() if len(statements) >= 3 and count > len(statements) / 2}
    for goal, sentence in statements.items():
        kept = " ".join(word for word in words(sentence) if word.lower() not in common)
        yield Example(kept, int(goal), weight=WEIGHTS["statement"], source="statement")


@lru_cache(maxsize=1)
def load_keywords(path: Path = KEYWORDS_PATH) -> dict[int, str]:
    """Words a Flemish city uses per goal ("fietspaden", "leefloon", "riolering" …)."""
    with open(path, encoding="utf-8") as handle:
        return {int(goal): text for goal, text in json.load(handle)["goals"].items()}


def keyword_examples(keywords: Mapping[int, str]) -> Iterable[Example]:
    """Each word of the list is an example of its own: one word of a short idea should be enough."""
    for goal, text in keywords.items():
        for word in text.split():
            yield Example(word, goal, weight=WEIGHTS["keywords"], source="keywords")


def plan_examples() -> Iterable[Example]:
    """Each task of the plan (its title with its action's text) under the SDG of its policy goal and its
    action's targets, and each task's explanations."""
    from participation.plan.models import ActionPlan, PlanAction, PlanActionTarget, PlanTask, PolicyGoal, StatusUpdate

    tasks = db.session.execute(
        db.select(PlanTask.id, PlanTask.title, PlanAction.id, PlanAction.title, PlanAction.description, PolicyGoal.sdg)
        .join(PlanAction, PlanTask.action_id == PlanAction.id)
        .join(ActionPlan, PlanAction.action_plan_id == ActionPlan.id)
        .join(PolicyGoal, ActionPlan.goal_id == PolicyGoal.id)
        .order_by(PlanAction.code, PlanTask.position, PlanTask.id)
    ).all()
    targets: dict[int, list[str]] = {}
    for action_id, code in db.session.execute(db.select(PlanActionTarget.action_id, PlanActionTarget.target_code)):
        targets.setdefault(action_id, []).append(code)
    explanations: dict[int, list[str]] = {}
    for task_id, text in db.session.execute(
        db.select(StatusUpdate.task_id, StatusUpdate.explanation).order_by(StatusUpdate.year, StatusUpdate.quarter)
    ):
        explanations.setdefault(task_id, []).append(text or "")
    for task_id, title, action_id, action_title, description, goal in tasks:
        text = " ".join(part for part in (f"{title}.", action_title, description or "") if part)
        yield Example(text, goal, weight=WEIGHTS["plan"], source="plan")
        for code in targets.get(action_id, []):
            yield Example(text, goal, target=code, weight=WEIGHTS["plan"], source="plan")
        for explanation in explanations.get(task_id, []):
            if len(content_text(explanation).split()) >= MIN_EXPLANATION_WORDS:
                yield Example(explanation, goal, weight=WEIGHTS["explanation"], source="explanation")


def idea_text(title: str, body: str | None) -> str:
    return f"{title}\n{plain_text(body)}"


def link_examples() -> Iterable[Example]:
    """Ideas linked to a target by a moderator (with or without a suggestion)."""
    rows = db.session.execute(
        db.select(Idea.title, Idea.body, IdeaTarget.goal_number, IdeaTarget.target_code)
        .join(IdeaTarget, IdeaTarget.idea_id == Idea.id)
        .order_by(IdeaTarget.id)
    )
    for title, body, goal, code in rows:
        yield Example(idea_text(title, body), goal, target=code, weight=WEIGHTS["link"], source="link")


def choice_examples() -> Iterable[Example]:
    """Suggestions moderators answered: accepted ones are examples, refused ones count against."""
    rows = db.session.execute(
        db.select(Idea.title, Idea.body, SuggestionChoice.goal_number, SuggestionChoice.target_code,
                  SuggestionChoice.verdict)
        .join(SuggestionChoice, SuggestionChoice.idea_id == Idea.id)
        .order_by(SuggestionChoice.id)
    )
    for title, body, goal, code, verdict in rows:
        yield Example(idea_text(title, body), goal, target=code, weight=WEIGHTS["choice"],
                      refused=verdict == "refused", source="choice")
