"""A second held-out set for the SDG suggester: the explanations (Toelichting) of the plan report.

The first labelled set (``bench/sdg_suggest_eval.json``) holds the plan's action titles. The
report also explains, per action and quarter, what happened ("Er vond een personeelswissel
plaats ..."): prose closer to how a resident writes an idea, and not used anywhere else. Each
explanation is labelled with the SDG of the report section it stands in. The set was built and
frozen before the Dutch keyword list was written and tuned; it is scored once, at the end.

    python bench/sdg_suggest_heldout2.py --build-from ../shared/seeds/000_b8611e86d210b3c6.txt
    python bench/sdg_suggest_heldout2.py            # score it (writes the results)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SET_PATH = ROOT / "bench" / "sdg_suggest_heldout2.json"
RESULTS_PATH = ROOT / "bench" / "sdg_suggest_results_heldout2.json"
STATUS = {"Niet gestart", "Bezig", "Voltooid"}
_SDG = re.compile(r"^\s*SDG (\d\d):")
_STOP = re.compile(r"^(\d\d \S|D\d\d/AP\d\d/\d\d\||AP\d\d |Actie Omschrijving|\d{4}KW\d$|SDG \d\d:)")
MIN_WORDS = 6


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-from", type=Path, help="build the set from the plan report")
    args = parser.parse_args(argv)
    if args.build_from:
        items = parse_explanations(args.build_from.read_text(encoding="utf-8"))
        SET_PATH.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        goals = sorted({item["goal"] for item in items})
        print(f"wrote {len(items)} explanations over goals {goals} to {SET_PATH.relative_to(ROOT)}")
        return 0
    from sdg_suggest_eval import EVAL_PATH, build_suggester, evaluate, frequency_baseline

    items = json.loads(SET_PATH.read_text(encoding="utf-8"))
    tuning = [item for item in json.loads(EVAL_PATH.read_text(encoding="utf-8")) if item["split"] == "tuning"]
    result = evaluate(build_suggester(), items)
    result["baseline_most_frequent_goals"] = frequency_baseline(tuning, items)
    report = {
        "what": "goal accuracy of participation.sdgs.suggest on the plan report's explanations (Toelichting), "
        "a set not used for tuning",
        "labelled_set": str(SET_PATH.relative_to(ROOT)),
        "result": result,
    }
    RESULTS_PATH.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(
        f"explanations n={result['items']}  top-1 {result['top1']:.1%}  top-3 {result['top3']:.1%}  "
        f"answered {result['answered']:.0%}; most-frequent-goals baseline "
        f"top-1 {result['baseline_most_frequent_goals']['top1']:.1%} "
        f"top-3 {result['baseline_most_frequent_goals']['top3']:.1%}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
