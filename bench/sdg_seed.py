"""The tasks of Harelbeke's plan report (seed 000) as labelled texts, for measuring only.

The suggester learns from the plan the city imported (``training_examples()`` reads it from the
database). Until the demo plan holds every task of the report, the benchmark adds the report's own
texts to what the database holds: each action with its task titles, and each explanation
(Toelichting), labelled with the SDG of the report section it stands in.
"""

from __future__ import annotations

import hashlib
import re

_CODE = re.compile(r"^(D(\d\d)/AP(\d\d)/(\d\d))\s*\|\s*(.*)$")
_SDG = re.compile(r"^\s*SDG (\d\d):")
_PLAN = re.compile(r"^AP(\d\d) ")
_ACTION = re.compile(r"^(\d\d) (\S.*)$")
_QUARTER = re.compile(r"^\d{4}KW\d$")
_STOP = re.compile(r"^(\d\d \S|D\d\d/AP\d\d/\d\d\||AP\d\d |Actie Omschrijving|\d{4}KW\d$|SDG \d\d:)")
STATUS = {"Niet gestart", "Bezig", "Voltooid"}
MIN_WORDS = 6


def parse_plan_actions(text: str) -> list[dict]:
    """Actions of the plan report: code, text (description and task titles) and goal.

    In the report an action reads "NN description", then one or more task lines
    "Dgg/APxx/NN| title", each closed by a quarter ("2023KW1"). A few early actions have a
    title without a code; their code is rebuilt from the goal, action plan and number.
    """
    lines = text.splitlines()
    blocks: list[tuple[str, str]] = []
    goal = plan = None
    in_table = False
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        if match := _SDG.match(lines[index]):
            goal, in_table = int(match.group(1)), False
        elif (match := _PLAN.match(line)) and not in_table:
            plan = match.group(1)
        elif line.startswith("Actie Omschrijving"):
            in_table = True
        elif in_table and (_ACTION.match(line) or _CODE.match(line)):
            start, parts, codes = index, [], []
            while index < len(lines) and not _QUARTER.match(lines[index].strip()) and index - start < 12:
                piece = lines[index].strip()
                if task := _CODE.match(piece):
                    codes.append(task.group(1))
                    piece = task.group(5)
                elif index == start:
                    piece = _ACTION.match(piece).group(2)
                parts.append(piece)
                index += 1
            if index < len(lines) and _QUARTER.match(lines[index].strip()):
                number = _ACTION.match(line).group(1) if _ACTION.match(line) else None
                code = codes[0] if codes else f"D{goal:02d}/AP{plan}/{number}"
                blocks.append((code, " ".join(" ".join(parts).split())))
            else:
                index = start
        index += 1
    # A block printed on two pages under two codes is kept under the last one.
    last_code = {block: code for code, block in blocks}
    actions: dict[str, list[str]] = {}
    for code, block in blocks:
        if last_code[block] == code and block not in actions.setdefault(code, []):
            actions[code].append(block)
    return [
        {"code": code, "text": " ".join(parts), "goal": int(code[1:3])}
        for code, parts in sorted(actions.items())
        if parts
    ]


def parse_explanations(text: str) -> list[dict]:
    """Explanations follow a status word (Niet gestart, Bezig, Voltooid) after an action's
    quarter and run until the next action, task, plan or goal heading."""
    lines = [line.strip() for line in text.splitlines()]
    items: list[dict] = []
    seen: set[str] = set()
    goal = None
    index = 0
    while index < len(lines):
        if match := _SDG.match(lines[index]):
            goal = int(match.group(1))
        if goal and lines[index] in STATUS:
            parts = []
            index += 1
            while index < len(lines) and not _STOP.match(lines[index]) and lines[index] not in STATUS:
                if _SDG.match(lines[index]):
                    break
                if lines[index]:
                    parts.append(lines[index])
                index += 1
            explanation = " ".join(" ".join(parts).split())
            if len(explanation.split()) >= MIN_WORDS and explanation not in seen:
                seen.add(explanation)
                digest = hashlib.sha256(explanation.encode("utf-8")).hexdigest()[:12]
                items.append({"id": digest, "text": explanation, "goal": goal})
            continue
        index += 1
    return items
