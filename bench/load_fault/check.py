"""After the run: compare acknowledged writes with the database and sum up the restart window.

Reads out/acks.tsv (what the app acknowledged), out/requests.tsv (every request) and
out/restart.json (when PostgreSQL went down and was back), writes results.json and the README
section with the figures. Exits non-zero when an acknowledged write is missing.
"""

import json
import os
import statistics
import sys
from datetime import UTC, datetime
from pathlib import Path

import psycopg

HERE = Path(__file__).resolve().parent
OUT = Path(os.environ.get("BENCH_OUT", HERE / "out"))
# Where each kind of acknowledged write must be found: a query giving the key of every such row.
# A vote's key is the voter's e-mail address and the idea (`email|idea id`); it must still count.
WRITES = {
    "account": "SELECT email FROM users WHERE email = ANY(%s)",
    "idea": "SELECT title FROM ideas WHERE title = ANY(%s)",
    "vote": "SELECT u.email || '|' || v.idea_id FROM votes v JOIN users u ON u.id = v.user_id "
            "WHERE v.count >= 1 AND u.email || '|' || v.idea_id = ANY(%s)",
}
STEADY_RUN = 20  # successes in a row that mean the app answers normally again
SETTLE = 10.0  # seconds after PostgreSQL is back within which errors still count as the restart's


def read_tsv(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    return [line.rstrip("\n").split("\t") for line in path.open(encoding="utf-8") if line.strip()]


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def lost_writes(database_url: str, acks: list[list[str]]) -> dict[str, dict[str, int]]:
    url = database_url.replace("postgresql+psycopg://", "postgresql://")
    report: dict[str, dict[str, int]] = {}
    with psycopg.connect(url) as connection:
        for kind, query in WRITES.items():
            keys = sorted({row[1] for row in acks if row[0] == kind})
            if not keys:
                continue
            found = {row[0] for row in connection.execute(query, (keys,))}
            report[kind] = {"acknowledged": len(keys), "found": len(found), "lost": len(set(keys) - found)}
    return report


def recovered_at(requests: list[list[str]], down: float, run: int = STEADY_RUN) -> float:
    """When answers were normal again: the moment the first of `run` successful answers in a row
    came back after the restart began (answers in the order they arrived; a lone dropped
    keep-alive later on does not count)."""
    answers = sorted(
        (float(r[0]) + float(r[1]) / 1000, r[5] == "0") for r in requests if float(r[0]) + float(r[1]) / 1000 >= down
    )
    for index, (end, ok) in enumerate(answers):
        if ok and all(good for _e, good in answers[index:index + run]):
            return end
    return answers[-1][0] if answers else down


def summarise(requests: list[list[str]], restart: dict) -> dict:
    starts = [float(r[0]) for r in requests]
    times = [float(r[1]) for r in requests]
    failures = [(float(r[0]), float(r[1]), r[3], r[4]) for r in requests if r[5] == "1"]
    began, ended = min(starts), max(s + t / 1000 for s, t in zip(starts, times, strict=True))
    down, back = restart["started"], restart["ready"]
    # A failure belongs to the restart when it was in flight while PostgreSQL went down or came back.
    in_window = [f for f in failures if f[0] + f[1] / 1000 >= down - 1 and f[0] <= back + SETTLE]
    recovered = recovered_at(requests, down)
    steady = [
        float(r[1]) for r in requests
        if not (float(r[0]) + float(r[1]) / 1000 >= down - 1 and float(r[0]) <= back + SETTLE)
    ]
    reads = [float(r[1]) for r in requests if r[2] == "GET"]
    posts = [float(r[1]) for r in requests if r[2] == "POST"]
    codes: dict[str, int] = {}
    for _start, _ms, _name, status in in_window:
        codes[status] = codes.get(status, 0) + 1
    # How long a visitor waited for an error answer once the restart had begun (no request hangs).
    slowest_error = max((start + ms / 1000 - max(start, down) for start, ms, _n, _st in in_window), default=0.0)
    return {
        "duration_s": round(ended - began, 1),
        "requests": len(requests),
        "requests_per_s": round(len(requests) / (ended - began), 1),
        "p50_ms": round(percentile(times, 0.50)),
        "p99_ms": round(percentile(times, 0.99)),
        "p99_ms_outside_restart": round(percentile(steady, 0.99)),
        "mean_ms": round(statistics.fmean(times)) if times else 0,
        "reads_p50_ms": round(percentile(reads, 0.50)),
        "reads_p99_ms": round(percentile(reads, 0.99)),
        "writes_p50_ms": round(percentile(posts, 0.50)),
        "writes_p99_ms": round(percentile(posts, 0.99)),
        "errors_total": len(failures),
        "errors_during_restart": len(in_window),
        "errors_outside_restart": len(failures) - len(in_window),
        "restart_error_statuses": codes,
        "longest_wait_for_an_error_s": round(slowest_error, 1),
        "postgres_down_s": round(back - down, 1),
        "recovery_s": round(max(0.0, recovered - down), 1),
        "recovery_after_postgres_back_s": round(max(0.0, recovered - back), 1),
    }


def readme(results: dict) -> str:
    r, setup = results, results["setup"]
    lost = sum(kind["lost"] for kind in r["writes"].values())
    acked = ", ".join(f"{v['acknowledged']} {k}s" for k, v in r["writes"].items())
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted(r["restart_error_statuses"].items())) or "none"
    rows = [
        ("Requests per second", f"{r['requests_per_s']} ({r['requests']} requests)"),
        ("Latency p50 / p99", f"{r['p50_ms']} ms / {r['p99_ms']} ms"),
        ("Latency p99 outside the restart", f"{r['p99_ms_outside_restart']} ms"),
        ("Pages read (GET) p50 / p99", f"{r['reads_p50_ms']} ms / {r['reads_p99_ms']} ms"),
        ("Writes (POST: log-ins, registrations, ideas, votes) p50 / p99",
         f"{r['writes_p50_ms']} ms / {r['writes_p99_ms']} ms"),
        ("Errors, total", f"{r['errors_total']}"),
        ("Errors during the restart", f"{r['errors_during_restart']} (status {statuses})"),
        ("PostgreSQL down", f"{r['postgres_down_s']} s"),
        ("App answering normally again", f"{r['recovery_s']} s after the restart began "
                                         f"({r['recovery_after_postgres_back_s']} s after PostgreSQL was back)"),
        ("Longest wait for an error answer", f"{r['longest_wait_for_an_error_s']} s after the restart began"),
        ("Acknowledged writes", acked or "none"),
        ("Lost writes", f"**{lost}**"),
    ]
    table = "\n".join(f"| {name} | {value} |" for name, value in rows)
    return f"""## Load and a database restart (bench/load_fault)

`bench/load_fault/run.sh` serves the app with gunicorn ({setup['workers']} workers × {setup['threads']} threads)
on PostgreSQL, with Redis for the rate limits, and drives the resident journey with Locust
({setup['users']} simulated people for {setup['duration_s']} s: newcomers register, residents log in and read
the home page, the processes and a process page, propose ideas with the real idea form, and
support ideas with the real vote form on the ranking page of a process in its voting phase).
After {setup['restart_after_s']} s it restarts PostgreSQL; afterwards it checks every write the app
acknowledged against the database. By default the run has its own throw-away PostgreSQL cluster
(port 5499), so nobody else on the machine is cut off; `BENCH_PG=main` restarts the machine's own
cluster with `pg_ctlcluster … main restart` instead.

Last run ({r['ran_at']}, {r['machine']}):

| Figure | Value |
| --- | --- |
{table}

Logging in and registering hash the password with scrypt, on purpose slow and memory-hungry; on
a small shared machine they dominate the p99. The throughput is bound by that CPU, not by the
database.

During the restart the app answers a short Dutch 503 page with `Retry-After` at once (a request
cut off mid-way is rolled back); it recovers by itself: a connection the restart killed fails its
request, SQLAlchemy then drops every older connection of the pool, and the pool checks a connection
that lay idle before use (`database.keep_connections_alive`). A 400 during the restart is a form
sent after its own page had failed to load, so without its form token.

A vote is acknowledged when the vote form's JSON answer says `ok`; check.py then looks for the
voter's row for that idea in `votes`. An idea is acknowledged only on the redirect to the new
idea's page (`/ideeen/<id>`): an earlier version of the load script took the header's log-out form
for the idea form and counted its redirect, and this check reported every such "idea" as lost.
"""


def main() -> int:
    requests = read_tsv(OUT / "requests.tsv")
    acks = read_tsv(OUT / "acks.tsv")
    restart = json.loads((OUT / "restart.json").read_text())
    if not requests:
        print("No requests were logged.", file=sys.stderr)
        return 2
    results = {
        "ran_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "setup": restart["setup"],
        "machine": f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at the end",
        **summarise(requests, restart),
        "writes": lost_writes(os.environ["DATABASE_URL"], acks),
    }
    results["lost_writes"] = sum(kind["lost"] for kind in results["writes"].values())
    (HERE / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (HERE / "README.md").write_text(readme(results))
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 1 if results["lost_writes"] else 0


if __name__ == "__main__":
    sys.exit(main())
