"""The shipped SDG reference data, read once: the codes other features validate their links with.

Ambition points and plan actions keep their links to targets as plain codes ("11.7") in their
own tables; they check a code with ``target_codes()`` and find its goal with ``goal_of()``.
"""

import json
from functools import lru_cache
from pathlib import Path

DATA_PATH = Path(__file__).resolve().parent / "data" / "sdgs.json"


def load_reference_goals(path: Path = DATA_PATH) -> list[dict]:
    """The 17 goals with their targets in nl, fr and en, from the JSON shipped with the package."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["goals"]


@lru_cache(maxsize=1)
def reference_goals() -> tuple[dict, ...]:
    """The 17 goals with their targets and texts, as shipped in ``data/sdgs.json``."""
    return tuple(load_reference_goals())


@lru_cache(maxsize=1)
def _goal_by_code() -> dict[str, int]:
    return {target["code"]: int(goal["number"]) for goal in reference_goals() for target in goal["targets"]}


def target_codes() -> frozenset[str]:
    """Every target code: "1.1" … "17.19", with the lettered ones such as "1.a"."""
    return frozenset(_goal_by_code())


def goal_of(code: str) -> int:
    """The goal number of a target code; KeyError for a code that is not a target."""
    return _goal_by_code()[code.strip()]


@lru_cache(maxsize=1)
def _texts() -> dict[str, dict[str, str]]:
    return {target["code"]: target["text"] for goal in reference_goals() for target in goal["targets"]}


def target_text(code: str, language: str = "nl") -> str:
    """The official wording of a target in a language (nl, fr or en)."""
    texts = _texts()[code]
    return texts.get(language) or texts["nl"]


def goal_title(number: int, language: str = "nl") -> str:
    """A goal's title in a language (nl, fr or en)."""
    goal = next(goal for goal in reference_goals() if int(goal["number"]) == number)
    return goal["title"].get(language) or goal["title"]["nl"]


def is_target_code(code: str) -> bool:
    return code.strip() in _goal_by_code()


def target_order(code: str) -> tuple[int, int, str]:
    """A sort key that puts 1.2 before 1.10 and the lettered targets after the numbered ones."""
    goal, _, rest = code.partition(".")
    return (int(goal), int(rest) if rest.isdigit() else 100, rest)
