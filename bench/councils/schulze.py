"""How long the councils' ranking takes: Schulze and Borda for 60 proposals and 10 council ballots.

    .venv/bin/python bench/councils/schulze.py [--proposals 60] [--councils 10] [--repeat 50]

Each council ranks every proposal (random tiers, some ties, a few left unranked), as in the second joint
session. Prints the mean and the best time of one computation (`ranking.schulze`, `ranking.borda`) and of
a repeated one (`ranking.rank`, which reads back a result already computed for the same ballots).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

from participation.advisory import ranking  # noqa: E402


def ballots(proposals: int, councils: int, seed: int) -> list[list[list[int]]]:
    rng = random.Random(seed)
    made = []
    for _ in range(councils):
        order = list(range(proposals))
        rng.shuffle(order)
        order = order[: proposals - rng.randrange(0, 5)]  # a few proposals left unranked
        tiers, position = [], 0
        while position < len(order):
            width = 1 if rng.random() < 0.8 else 2  # some ties
            tiers.append(order[position:position + width])
            position += width
        made.append(tiers)
    return made


def timed(function, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(1000 * (time.perf_counter() - started))
    return statistics.mean(times), min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--proposals", type=int, default=60)
    parser.add_argument("--councils", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    candidates = list(range(args.proposals))
    cast = ballots(args.proposals, args.councils, 2024)
    ranking.schulze(candidates, cast)  # imports and warms numpy
    print(f"{args.proposals} proposals x {args.councils} councils, {args.repeat} runs each (ms: mean, best)")
    for name, function in (
        ("schulze", lambda: ranking.schulze(candidates, cast)),
        ("borda", lambda: ranking.borda(candidates, cast)),
        ("rank(schulze), same ballots again", lambda: ranking.rank(ranking.SCHULZE, candidates, cast)),
    ):
        mean, best = timed(function, args.repeat)
        print(f"{name:36} {mean:8.2f} {best:8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
