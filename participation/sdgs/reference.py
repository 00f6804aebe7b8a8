"""The 17 SDGs and their 169 targets, read once from ``data/sdgs.json``."""

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "sdgs.json"


@cache
def _goals() -> tuple[dict, ...]:
    return tuple(json.loads(DATA.read_text(encoding="utf-8"))["goals"])


@cache
def target_codes() -> frozenset[str]:
    """Every target code, ``1.1`` … ``17.19`` (also the lettered ones such as ``1.a``)."""
    return frozenset(target["code"] for goal in _goals() for target in goal["targets"])


def goal_of(code: str) -> int:
    """The goal a target belongs to: ``goal_of("3.8") == 3``; ``ValueError`` for an unknown code."""
    if code not in target_codes():
        raise ValueError(f"Unknown SDG target: {code}")
    return int(code.split(".", 1)[0])
