"""Every change of state for the SDGs: loading the reference data and the city's sentences,
editing a sentence, linking and unlinking ideas and targets, moderators' answers to suggestions,
and the suggestions for an idea (what the suggester proposes, less what was linked or refused)."""

from __future__ import annotations

import json
from pathlib import Path

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from participation.extensions import db
from participation.ideas.models import Idea
from participation.sdgs import training
from participation.sdgs.models import CityStatement, IdeaTarget, SdgGoal, SdgTarget, SuggestionChoice
from participation.sdgs.reference import goal_of, is_target_code, reference_goals
from participation.sdgs.rules import can_edit_statement, can_link_ideas
from participation.sdgs.suggest import GoalSuggestion
from participation.sdgs.trained import current_suggester

STATEMENT_MAX = 300


class SdgError(ValueError):
    """A change refused, with a message a person can read."""


def load_reference_data() -> tuple[int, int]:
    """Write the 17 goals and 169 targets from the shipped JSON; running it again changes nothing
    but texts that differ. Returns (goals, targets)."""
    goals = {goal.number: goal for goal in db.session.scalars(db.select(SdgGoal))}
    targets = {target.code: target for target in db.session.scalars(db.select(SdgTarget))}
    target_count = 0
    for data in reference_goals():
        number = int(data["number"])
        goal = goals.get(number) or SdgGoal(number=number)
        goal.colour = data["colour"].upper()
        for language in ("nl", "fr", "en"):
            setattr(goal, f"title_{language}", data["title"][language])
            setattr(goal, f"long_title_{language}", data["long_title"][language])
        db.session.add(goal)
        for position, item in enumerate(data["targets"]):
            target = targets.get(item["code"]) or SdgTarget(code=item["code"])
            target.goal_number = number
            target.position = position
            for language in ("nl", "fr", "en"):
                setattr(target, f"text_{language}", item["text"][language])
            db.session.add(target)
            target_count += 1
        db.session.flush()
    return len(reference_goals()), target_count


def load_city_statements(path: Path) -> int:
    """The city's sentence per goal from its folder (``sdg_statements.json``); loading twice
    changes nothing, and a sentence an administrator has since edited is kept."""
    if not path.exists():
        return 0
    data = json.loads(path.read_text(encoding="utf-8"))
    if db.session.scalar(db.select(db.func.count()).select_from(SdgGoal)) == 0:
        load_reference_data()
    known = {s.goal_number: s for s in db.session.scalars(db.select(CityStatement))}
    for number, sentence in data.items():
        if int(number) not in known:
            db.session.add(CityStatement(goal_number=int(number), sentence=sentence.strip()))
    db.session.flush()
    return len(data)


def set_city_statement(goal: SdgGoal, sentence: str, user) -> CityStatement | None:
    """Set (or, with an empty sentence, remove) the city's sentence for a goal."""
    if not can_edit_statement(user):
        raise SdgError(_l("Only an administrator writes the city's sentence."))
    sentence = " ".join((sentence or "").split())
    if len(sentence) > STATEMENT_MAX:
        raise SdgError(_l("Keep the sentence under %(max)s characters.", max=STATEMENT_MAX))
    statement = db.session.get(CityStatement, goal.number)
    if not sentence:
        if statement is not None:
            db.session.delete(statement)
        db.session.commit()
        return None
    if statement is None:
        statement = CityStatement(goal_number=goal.number)
        db.session.add(statement)
    statement.sentence = sentence
    statement.updated_by_id = getattr(user, "id", None)
    db.session.commit()
    return statement


def normalise_code(raw: str | None) -> str:
    """'SDG 11.7', ' 11.7 ', '11,7' and '1.A' all become a code as stored ('11.7', '1.a')."""
    code = (raw or "").strip().lower().replace(",", ".")
    for prefix in ("sdg", "doel", "target"):
        code = code.removeprefix(prefix).strip()
    return code


def link_idea(idea: Idea, raw_code: str, user, suggested: bool = False) -> IdeaTarget:
    """Link an idea to a target; an unknown code or a link that exists is refused. A link made from a
    suggestion (``suggested``) is kept as an accepted suggestion, and so is a link to a target the
    moderator had refused before (they changed their mind)."""
    if not can_link_ideas(user):
        raise SdgError(_l("Only a moderator links ideas to targets."))
    code = normalise_code(raw_code)
    if not code:
        raise SdgError(_l("Enter the code of a target, for example 11.7."))
    if not is_target_code(code):
        raise SdgError(_l("There is no target %(code)s. Codes run from 1.1 to 17.19, like 11.7 or 1.a.",
                          code=code))
    target = db.session.get(SdgTarget, code)
    if target is None:
        raise SdgError(_l("The SDG targets are not loaded yet."))
    exists = db.session.scalar(
        db.select(IdeaTarget.id).where(IdeaTarget.idea_id == idea.id, IdeaTarget.target_code == code)
    )
    if exists:
        raise SdgError(_l("This idea is already linked to target %(code)s.", code=code))
    link = IdeaTarget(idea_id=idea.id, target_code=code, goal_number=target.goal_number,
                      linked_by_id=getattr(user, "id", None))
    db.session.add(link)
    choice = _choice(idea, target.goal_number, code)
    if suggested or choice is not None:
        _set_choice(choice, idea, target.goal_number, code, "accepted", user)
    try:
        db.session.commit()
    except IntegrityError as error:
        db.session.rollback()
        raise SdgError(_l("This idea is already linked to target %(code)s.", code=code)) from error
    return link


def unlink_idea(idea: Idea, code: str) -> bool:
    """Remove the link between an idea and a target; False when there was none."""
    link = db.session.scalar(
        db.select(IdeaTarget).where(IdeaTarget.idea_id == idea.id, IdeaTarget.target_code == code)
    )
    if link is None:
        return False
    db.session.delete(link)
    choice = _choice(idea, link.goal_number, code)
    if choice is not None and choice.verdict == "accepted":
        db.session.delete(choice)  # the moderator took the suggestion back
    db.session.commit()
    return True


def refuse_suggestion(idea: Idea, goal_number: int, code: str | None, user) -> SuggestionChoice:
    """Keep a moderator's "does not fit": a target of a suggested goal, or the goal as a whole (``code``
    None). The idea no longer gets that suggestion, and the next training learns from it."""
    if not can_link_ideas(user):
        raise SdgError(_l("Only a moderator links ideas to targets."))
    code = normalise_code(code) or None
    if code is not None:
        if not is_target_code(code) or goal_of(code) != goal_number:
            raise SdgError(_l("There is no target %(code)s. Codes run from 1.1 to 17.19, like 11.7 or 1.a.",
                              code=code))
        if db.session.scalar(db.select(IdeaTarget.id).where(IdeaTarget.idea_id == idea.id,
                                                             IdeaTarget.target_code == code)):
            raise SdgError(_l("This idea is already linked to target %(code)s.", code=code))
    elif db.session.get(SdgGoal, goal_number) is None:
        raise SdgError(_l("The SDG targets are not loaded yet."))
    choice = _set_choice(_choice(idea, goal_number, code), idea, goal_number, code, "refused", user)
    try:
        db.session.commit()
    except IntegrityError as error:  # the same answer given twice at once
        db.session.rollback()
        raise SdgError(_l("This suggestion was already answered.")) from error
    return choice


def _choice(idea: Idea, goal_number: int, code: str | None) -> SuggestionChoice | None:
    statement = db.select(SuggestionChoice).where(SuggestionChoice.idea_id == idea.id)
    if code is None:
        statement = statement.where(SuggestionChoice.goal_number == goal_number,
                                    SuggestionChoice.target_code.is_(None))
    else:
        statement = statement.where(SuggestionChoice.target_code == code)
    return db.session.scalar(statement)


def _set_choice(choice: SuggestionChoice | None, idea: Idea, goal_number: int, code: str | None,
                verdict: str, user) -> SuggestionChoice:
    if choice is None:
        choice = SuggestionChoice(idea_id=idea.id, goal_number=goal_number, target_code=code)
        db.session.add(choice)
    choice.verdict = verdict
    choice.chosen_by_id = getattr(user, "id", None)
    return choice


def suggestions_for_idea(idea: Idea) -> list[GoalSuggestion]:
    """The goals the idea's title and text are closest to, each with its targets; without the targets
    already linked or refused for this idea, and without the goals refused for it."""
    linked = set(db.session.scalars(db.select(IdeaTarget.target_code).where(IdeaTarget.idea_id == idea.id)))
    refused = db.session.execute(
        db.select(SuggestionChoice.goal_number, SuggestionChoice.target_code)
        .where(SuggestionChoice.idea_id == idea.id, SuggestionChoice.verdict == "refused")
    ).all()
    refused_goals = {goal for goal, code in refused if code is None}
    suggester = current_suggester()
    found = suggester.suggest_goals(
        training.idea_text(idea.title, idea.body), top=suggester.settings.goals + len(refused_goals),
        exclude=linked | {code for _, code in refused if code},
    )
    return [goal for goal in found if goal.goal not in refused_goals][: suggester.settings.goals]
