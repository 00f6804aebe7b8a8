"""How often does the SDG suggester find the right goal for an idea written by a resident?

The suggester is trained the way set-up trains it (``make database``: the migrations, the SDG reference
data, the demo city, then ``participation sdg train``), on a database of its own in a temporary folder.
It is then asked about ideas it has never seen:

- ``bench/sdg_suggest_residents.json``: the held-out set, 140 ideas in residents' words, each with the
  goal (and, where clear, the target) a moderator would file it under; written and committed before
  the suggester was built, never used for training or tuning;
- ``bench/sdg_suggest_tuning.json``: 54 other ideas in residents' words, the only set the suggester's
  choices were compared on.

For each set: top-1 (the first goal suggested is right) and top-3 (the right goal is among the three
suggested), per goal, with a confusion table of the first goal against the right one, how often the
labelled target is among the targets suggested under the right goal, and the time per suggestion.

    python bench/sdg_suggest_eval.py                       # both sets; writes bench/sdg_suggest_results.json
    python bench/sdg_suggest_eval.py --set tuning          # one set, writes nothing
    python bench/sdg_suggest_eval.py --without keywords    # leave one kind of example out, writes nothing
    python bench/sdg_suggest_eval.py --seed ../shared/seeds/000_b8611e86d210b3c6.txt

``--seed`` adds the plan report's own texts (every action with its tasks, every explanation) to what
the database holds, for as long as the demo plan holds only part of the report (see ``sdg_seed.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SETS = {
    "held-out": ROOT / "bench" / "sdg_suggest_residents.json",
    "tuning": ROOT / "bench" / "sdg_suggest_tuning.json",
}
RESULTS_PATH = ROOT / "bench" / "sdg_suggest_results.json"
REPEATS = 5


def set_up_database(folder: Path):
    """A fresh database, filled as ``make database`` fills it; returns the app (context pushed)."""
    os.environ["INSTANCE_PATH"] = str(folder)
    import flask_migrate

    from participation import create_app
    from participation.demo.loader import load_demo
    from participation.extensions import db
    from participation.sdgs.services import load_reference_data

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / 'bench.db'}")
    app.app_context().push()
    flask_migrate.upgrade()
    load_reference_data()
    load_demo("harelbeke")
    db.session.commit()
    return app


def seed_examples(path: Path) -> list:
    from sdg_seed import parse_explanations, parse_plan_actions

    from participation.sdgs.suggest import Example

    text = path.read_text(encoding="utf-8")
    examples = [Example(item["text"], item["goal"], source="plan") for item in parse_plan_actions(text)]
    examples += [Example(item["text"], item["goal"], source="explanation") for item in parse_explanations(text)]
    return examples


def evaluate(suggester, items: list[dict]) -> dict:
    goals = sorted({item["goal"] for item in items})
    per_goal: dict[int, Counter] = defaultdict(Counter)
    confusion: dict[int, Counter] = defaultdict(Counter)
    targets = Counter()
    misses = []
    for item in items:
        found = suggester.suggest_goals(item["text"])
        ranked = [goal.goal for goal in found]
        first = ranked[0] if ranked else None
        counts = per_goal[item["goal"]]
        counts["items"] += 1
        counts["top1"] += first == item["goal"]
        counts["top3"] += item["goal"] in ranked[:3]
        confusion[item["goal"]][str(first) if first else "none"] += 1
        if item.get("target"):
            targets["labelled"] += 1
            right = next((goal for goal in found if goal.goal == item["goal"]), None)
            targets["found"] += bool(right and item["target"] in [t.target for t in right.targets])
        if item["goal"] not in ranked[:3]:
            misses.append({"id": item["id"], "goal": item["goal"], "suggested": ranked[:3], "text": item["text"]})
    total = len(items)
    return {
        "items": total,
        "top1": round(sum(c["top1"] for c in per_goal.values()) / total, 4),
        "top3": round(sum(c["top3"] for c in per_goal.values()) / total, 4),
        "labelled_target_among_suggested_targets": round(targets["found"] / max(targets["labelled"], 1), 4),
        "labelled_targets": targets["labelled"],
        "per_goal": {
            str(goal): {key: per_goal[goal][key] for key in ("items", "top1", "top3")} for goal in goals
        },
        "confusion_first_goal": {str(goal): dict(sorted(confusion[goal].items())) for goal in goals},
        "misses_top3": misses,
    }


def timing(suggester, items: list[dict]) -> dict:
    """Milliseconds per suggestion (``suggest_goals``, as the screening page asks), over every idea of the
    set, REPEATS times: wall-clock, and the processor time of this thread (which other work on a shared
    machine does not stretch), with the machine's load while measuring."""
    times, processor = [], []
    for _ in range(REPEATS):
        for item in items:
            started, started_cpu = time.perf_counter(), time.thread_time()
            suggester.suggest_goals(item["text"])
            times.append(1000 * (time.perf_counter() - started))
            processor.append(1000 * (time.thread_time() - started_cpu))
    times.sort()
    processor.sort()
    return {
        "suggestions": len(times),
        "median_ms": round(statistics.median(times), 2),
        "mean_ms": round(statistics.fmean(times), 2),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
        "processor_median_ms": round(statistics.median(processor), 2),
        "processor_p95_ms": round(processor[int(0.95 * (len(processor) - 1))], 2),
        "load_average": round(os.getloadavg()[0], 1),
        "cpus": os.cpu_count(),
    }


def print_result(name: str, result: dict) -> None:
    print(f"\n== {name}: {result['items']} ideas   top-1 {result['top1']:.1%}   top-3 {result['top3']:.1%}   "
          f"labelled target found {result['labelled_target_among_suggested_targets']:.1%} "
          f"(of {result['labelled_targets']})")
    print("goal  ideas  top-1  top-3   first goal suggested (count)")
    for goal, counts in result["per_goal"].items():
        firsts = ", ".join(f"{first}×{count}" for first, count in result["confusion_first_goal"][goal].items())
        print(f"{goal:>4}  {counts['items']:>5}  {counts['top1']:>5}  {counts['top3']:>5}   {firsts}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=SETS, help="score only this set and write nothing")
    parser.add_argument("--seed", type=Path, help="add the plan report's texts (seed 000) to the training")
    parser.add_argument("--without", action="append", default=[], metavar="SOURCE",
                        help="leave out one kind of example (keywords, plan, explanation, target …); writes nothing")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        set_up_database(Path(folder))
        from participation.sdgs.trained import fit
        from participation.sdgs.training import training_examples

        examples = training_examples() + (seed_examples(args.seed) if args.seed else [])
        examples = [example for example in examples if example.source not in args.without]
        chosen = [args.set] if args.set else list(SETS)
        sets = {name: json.loads(SETS[name].read_text(encoding="utf-8"))["ideas"] for name in chosen}
        trained_on = {example.text.strip() for example in examples}
        leaked = [item["id"] for items in sets.values() for item in items if item["text"].strip() in trained_on]
        assert not leaked, f"ideas of an evaluation set are in the training data: {leaked}"

        started = time.perf_counter()
        suggester = fit(examples)
        training_seconds = time.perf_counter() - started
        print(f"trained on {len(examples)} examples ({dict(Counter(e.source for e in examples))}) "
              f"in {training_seconds:.1f} s")
        results = {}
        for name, items in sets.items():
            results[name] = evaluate(suggester, items)
            results[name]["speed"] = timing(suggester, items)
            print_result(name, results[name])
            speed = results[name]["speed"]
            print(f"speed: median {speed['median_ms']} ms, mean {speed['mean_ms']} ms, p95 {speed['p95_ms']} ms "
                  f"per suggestion; processor time median {speed['processor_median_ms']} ms, "
                  f"p95 {speed['processor_p95_ms']} ms ({speed['suggestions']} suggestions, load "
                  f"{speed['load_average']} on {speed['cpus']} CPUs)")
    if args.set or args.without:
        return 0
    report = {
        "what": "goal accuracy of the SDG suggester on ideas in residents' words, trained as at set-up",
        "training": {
            "examples": len(examples),
            "by_source": dict(Counter(example.source for example in examples)),
            "plan_report_added": bool(args.seed),
            "seconds": round(training_seconds, 2),
        },
        "settings": {key: value for key, value in vars(suggester.settings).items()},
        "sets": results,
    }
    RESULTS_PATH.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
