"""The 17 goals and 169 targets, read once from the bundled reference file."""

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "sdgs.json"


@cache
def _goals() -> tuple[dict, ...]:
    return tuple(json.loads(DATA.read_text(encoding="utf-8"))["goals"])


@cache
def target_codes() -> frozenset[str]:
    return frozenset(target["code"] for goal in _goals() for target in goal["targets"])


def goal_of(code: str) -> int:
    """The goal number of a target code: 10 for "10.2"."""
    if code not in target_codes():
        raise KeyError(code)
    return int(code.split(".", 1)[0])
