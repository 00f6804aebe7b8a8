"""How well does the SDG suggester find the goal of a plan action?

The labelled set is ``bench/sdg_suggest_eval.json``: the actions of Harelbeke's multi-year plan
(seed 000), each filed by the city under one SDG (action code ``D10/AP01/04`` belongs to goal 10).
Every action is put in the "tuning" or the "held-out" half by a fixed hash of its code, decided
before any tuning; the suggester's weights were tuned on the tuning half only.

    python bench/sdg_suggest_eval.py                  # score both halves, write the results
    python bench/sdg_suggest_eval.py --split tuning   # score one half, write nothing
    python bench/sdg_suggest_eval.py --build-from ../shared/seeds/000_b8611e86d210b3c6.txt

The results go to ``bench/sdg_suggest_results.json``.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from participation.sdgs.suggest import (  # noqa: E402
    Suggester,
    Weights,
    load_keywords,
    load_reference_goals,
    load_statements,
)

EVAL_PATH = ROOT / "bench" / "sdg_suggest_eval.json"
RESULTS_PATH = ROOT / "bench" / "sdg_suggest_results.json"
STATEMENTS_PATH = ROOT / "participation" / "demo" / "harelbeke" / "sdg_statements.json"
SPLITS = ("tuning", "held-out")

_CODE = re.compile(r"^(D(\d\d)/AP(\d\d)/(\d\d))\s*\|\s*(.*)$")
_SDG = re.compile(r"^\s*SDG (\d\d):")
_PLAN = re.compile(r"^AP(\d\d) ")
_ACTION = re.compile(r"^(\d\d) (\S.*)$")
_QUARTER = re.compile(r"^\d{4}KW\d$")


def split_of(code: str) -> str:
    """A fixed half for each action code: the first byte of its SHA-256, even or odd."""
    return SPLITS[hashlib.sha256(code.encode("utf-8")).digest()[0] % 2]


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
        {"code": code, "text": " ".join(parts), "goal": int(code[1:3]), "split": split_of(code)}
        for code, parts in sorted(actions.items())
        if parts
    ]


def evaluate(suggester: Suggester, items: list[dict]) -> dict:
    """Top-1 and top-3 goal accuracy, and the share of texts that got any suggestion."""
    top1 = top3 = answered = 0
    for item in items:
        goals = [suggestion.goal for suggestion in suggester.suggest_goals(item["text"], top=3)]
        answered += bool(goals)
        top1 += bool(goals) and goals[0] == item["goal"]
        top3 += item["goal"] in goals
    count = max(len(items), 1)
    return {
        "items": len(items),
        "top1": round(top1 / count, 4),
        "top3": round(top3 / count, 4),
        "answered": round(answered / count, 4),
    }


def frequency_baseline(tuning: list[dict], items: list[dict]) -> dict:
    """What always answering the three goals most frequent in the tuning half would score."""
    counts = Counter(item["goal"] for item in tuning)
    ranked = sorted(counts, key=lambda goal: (-counts[goal], goal))[:3]
    count = max(len(items), 1)
    return {
        "goals": ranked,
        "top1": round(sum(item["goal"] == ranked[0] for item in items) / count, 4),
        "top3": round(sum(item["goal"] in ranked for item in items) / count, 4),
    }


def build_suggester(weights: Weights | None = None) -> Suggester:
    return Suggester.from_data(
        load_reference_goals(), load_statements(STATEMENTS_PATH), weights, keywords=load_keywords()
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=SPLITS, help="score only this half and write nothing")
    parser.add_argument("--build-from", type=Path, help="rebuild the labelled set from the plan report")
    args = parser.parse_args(argv)

    if args.build_from:
        items = parse_plan_actions(args.build_from.read_text(encoding="utf-8"))
        with open(EVAL_PATH, "w", encoding="utf-8") as handle:
            json.dump(items, handle, ensure_ascii=False, indent=1)
            handle.write("\n")
        counts = {split: sum(item["split"] == split for item in items) for split in SPLITS}
        print(f"wrote {len(items)} actions to {EVAL_PATH.relative_to(ROOT)}: {counts}")
        return 0

    items = json.loads(EVAL_PATH.read_text(encoding="utf-8"))
    started = time.perf_counter()
    suggester = build_suggester()
    built = time.perf_counter() - started
    splits = [args.split] if args.split else list(SPLITS)
    tuning = [item for item in items if item["split"] == "tuning"]
    results = {}
    for split in splits:
        chosen = [item for item in items if item["split"] == split]
        started = time.perf_counter()
        result = evaluate(suggester, chosen)
        result["ms_per_text"] = round(1000 * (time.perf_counter() - started) / max(len(chosen), 1), 3)
        result["baseline_most_frequent_goals"] = frequency_baseline(tuning, chosen)
        results[split] = result
        print(
            f"{split:9} n={result['items']:3}  top-1 {result['top1']:.1%}  top-3 {result['top3']:.1%}  "
            f"answered {result['answered']:.0%}  ({result['ms_per_text']} ms a text); "
            f"most-frequent-goals baseline top-1 {result['baseline_most_frequent_goals']['top1']:.1%} "
            f"top-3 {result['baseline_most_frequent_goals']['top3']:.1%}"
        )
    if args.split:
        return 0
    report = {
        "what": "goal accuracy of participation.sdgs.suggest on Harelbeke's plan actions, "
        "with the city's SDG statements",
        "labelled_set": str(EVAL_PATH.relative_to(ROOT)),
        "weights": dataclasses.asdict(suggester.weights),
        "index_build_seconds": round(built, 3),
        "splits": results,
    }
    with open(RESULTS_PATH, "w", encoding="utf-8") as handle:
        json.dump(report, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    print(f"wrote {RESULTS_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
