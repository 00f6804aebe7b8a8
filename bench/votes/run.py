"""Load benchmark of voting: gunicorn on PostgreSQL, driven by wrk.

    .venv/bin/python bench/votes/run.py                 # 10,000 ideas, 2,000 voters, 20 s per scenario
    .venv/bin/python bench/votes/run.py --duration 5    # a quick look

It creates the database `bench_votes` (dropped first), loads one process in its vote phase with
10,000 published ideas and 2,000 voters (dot voting, 10 votes, at most 3 on one idea; each voter
already spent 5), and serves the app with gunicorn, rate limits in a private Redis when
`redis-server` is installed. wrk (installed with apt-get when missing) then drives, in turn:
a bare Flask page served the same way (the baseline), the ranking page, and vote casting and
taking back as logged-in voters with their CSRF tokens. Afterwards it checks in the database that
the ballots, the vote rows and the per-idea totals agree and that no ballot spent more than its
budget. Figures go to bench/votes/results.json and into bench/votes/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SECRET = "bench-votes-secret-key-not-for-production-0123456789"
sys.path.insert(0, str(ROOT))

from bench import seeding  # noqa: E402
from bench.seeding import RULE  # noqa: E402


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk is missing: installing it with apt-get")
    subprocess.run(["apt-get", "update", "-q"], check=False)
    subprocess.run(
        ["apt-get", "install", "-y", "-q", "wrk"], check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    )
    return shutil.which("wrk") or "/usr/bin/wrk"


def create_database(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{server.replace('+psycopg', '')}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def load(app, ideas: int, voters: int, spent: int) -> dict:
    """One process in its vote phase, with ideas and voters written in bulk, and a first round of
    votes that is consistent in all three counts."""
    import flask_migrate
    from sqlalchemy import insert, select

    from participation.extensions import db
    from participation.ideas.models import Idea

    rng = random.Random(2026)
    with app.app_context():
        flask_migrate.upgrade()
        process = seeding.vote_process("bench")
        user_ids = seeding.voters(voters, name="Voter")
        themes = ("people", "planet", "prosperity", "peace", "partnership")
        db.session.execute(insert(Idea), [
            {"process_id": process.id, "title": f"Idee {n:05d} voor de buurt", "body": "<p>Benchmark</p>",
             "theme": themes[n % 5], "status": "published"} for n in range(ideas)
        ])
        idea_ids = list(db.session.scalars(select(Idea.id).where(Idea.process_id == process.id).order_by(Idea.id)))
        seeding.spend_votes(process.id, user_ids, idea_ids, spent, rng)
        db.session.commit()
        return {"process_slug": process.slug, "user_ids": user_ids, "idea_ids": idea_ids}


def voter_credentials(app, user_ids: list[int]) -> list[tuple[str, str]]:
    """A signed session cookie and CSRF token per voter, as a browser holds them after logging in."""
    from flask import session
    from flask_wtf.csrf import generate_csrf
    from sqlalchemy import select

    from participation.accounts.models import User
    from participation.accounts.sessions import start_login
    from participation.extensions import db

    with app.app_context():
        users = {user.id: user for user in db.session.scalars(select(User).where(User.id.in_(user_ids)))}
        login_ids = [start_login(users[uid], remember=True) for uid in user_ids]
        db.session.commit()
    serializer = app.session_interface.get_signing_serializer(app)
    credentials = []
    for login_id in login_ids:
        with app.test_request_context("/", base_url=app.config["PUBLIC_URL"]):
            session["_user_id"] = login_id
            session["_fresh"] = True
            token = generate_csrf()
            credentials.append((serializer.dumps(dict(session)), token))
    return credentials


def write_scripts(folder: Path, credentials, idea_ids: list[int], slug: str) -> dict[str, Path]:
    common = (HERE / "common.lua").read_text()
    data = ["voters = {"]
    data += [f'  {{"{cookie}", "{token}"}},' for cookie, token in credentials]
    data += ["}", f"first_idea = {idea_ids[0]}", f"idea_count = {len(idea_ids)}",
             f'ranking_path = "/trajecten/{slug}/rangschikking"']
    assert idea_ids == list(range(idea_ids[0], idea_ids[0] + len(idea_ids))), "idea ids must be consecutive"
    scripts = {}
    for name, body in (("bare", 'request = function() return wrk.format("GET", "/") end'),
                       ("ranking", (HERE / "ranking.lua").read_text()),
                       ("vote", (HERE / "vote.lua").read_text())):
        path = folder / f"{name}.lua"
        path.write_text("\n".join(data) + "\n" + common + "\n" + body + "\n")
        scripts[name] = path
    return scripts


class Server:
    """gunicorn (or redis-server) started here and stopped here, by its own process id."""

    def __init__(self, command: list[str], env: dict, port: int | None, log: Path):
        self.log = log.open("w")
        self.process = subprocess.Popen(command, env=env, stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT)
        self.port = port

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server stopped, see {self.log.name}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"server did not start, see {self.log.name}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def gunicorn(app_path: str, port: int, env: dict, args, log: Path, ready_path: str = "/") -> Server:
    command = [str(ROOT / ".venv" / "bin" / "gunicorn"), "--workers", str(args.workers), "--worker-class", "gthread",
               "--threads", str(args.threads), "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
               "--preload", app_path]
    server = Server(command, env, port, log)
    server.wait_ready(timeout=120)
    wait_for_page(port, ready_path)
    return server


def wait_for_page(port: int, path: str, timeout: float = 120) -> None:
    """Until every worker answers: a few dozen requests in a row must come back 200."""
    import urllib.request

    deadline, answered = time.time() + timeout, 0
    while answered < 40:
        if time.time() > deadline:
            raise RuntimeError(f"{path} did not answer 200 in time")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as reply:
                answered = answered + 1 if reply.status == 200 else 0
        except OSError:
            answered = 0
            time.sleep(0.5)


def drive(wrk: str, port: int, script: Path, args, duration: int) -> dict:
    command = [wrk, "-t", str(args.wrk_threads), "-c", str(args.connections), "-d", f"{duration}s",
               "--timeout", "10s", "--latency", "-s", str(script), f"http://127.0.0.1:{port}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRK_JSON "))
    raw = json.loads(line.removeprefix("WRK_JSON "))
    load_average = round(os.getloadavg()[0], 1)
    seconds = raw["duration_us"] / 1e6
    statuses = raw["statuses"]
    server_errors = sum(n for code, n in statuses.items() if code.startswith("5"))
    socket_errors = sum(raw["socket_errors"].values())
    return {
        "requests": raw["requests"],
        "requests_per_s": round(raw["requests"] / seconds, 1),
        "latency_ms": {"p50": raw["p50_us"] / 1000, "p90": raw["p90_us"] / 1000, "p99": raw["p99_us"] / 1000,
                       "mean": round(raw["mean_us"] / 1000, 2), "max": raw["max_us"] / 1000},
        "statuses": dict(sorted(statuses.items())),
        "errors": server_errors + socket_errors + statuses.get("429", 0) + statuses.get("400", 0),
        "socket_errors": raw["socket_errors"],
        "load_average_1min_after": load_average,
    }


def integrity(app, slug: str) -> dict:
    from sqlalchemy import func, select

    from participation.extensions import db
    from participation.processes.queries import process_by_slug
    from participation.votes.models import Ballot, Vote
    from participation.votes.queries import process_totals

    with app.app_context():
        process = process_by_slug(slug)
        totals = process_totals(process.id)
        over_budget = db.session.scalar(
            select(func.count()).select_from(Ballot)
            .where(Ballot.process_id == process.id, Ballot.used > RULE["budget"])
        )
        over_max = db.session.scalar(select(func.count()).select_from(Vote).where(Vote.count > RULE["max_per_idea"]))
        return {
            "votes_spent_on_ballots": totals.votes_spent, "votes_in_vote_rows": totals.votes_on_ideas,
            "sum_of_idea_totals": totals.counters, "all_three_agree": totals.consistent,
            "ballots_over_budget": over_budget, "votes_over_max_per_idea": over_max,
        }


def readme_section(results: dict) -> str:
    s = results["setup"]
    lines = [
        "## Voting under load (bench/votes)",
        "",
        "`make bench-votes` (or `.venv/bin/python bench/votes/run.py [--duration 20]`) creates the PostgreSQL",
        "database `bench_votes`, loads one process in its vote phase with "
        f"{s['ideas']:,} ideas and {s['voters']:,} voters".replace(",", ".").replace("`.", "`,"),
        "(dot voting: 10 votes, at most 3 on one idea), serves the app with gunicorn "
        f"({s['workers']} workers × {s['threads']} threads,",
        "rate limits in Redis) and drives it with wrk; the same gunicorn serves a bare Flask page as the baseline.",
        "Vote requests are logged-in voters casting (60 %) or taking back (40 %) one vote with their CSRF token,",
        "as votes.js does; 409 answers are refusals by the rules (no votes left, nothing to take back), not errors.",
        "Afterwards the script checks in the database that ballots, vote rows and idea totals agree.",
        "",
        f"Last run: {results['finished_at']} on {s['cpus']} CPUs, {s['connections']} connections, "
        f"{s['duration_s']} s per scenario (PostgreSQL {s['postgresql']}).",
        "The machine was shared with other work while it ran (load average after each scenario in",
        "results.json): compare the app with the bare page of the same run, not with other machines.",
        "",
        "| scenario | requests/s | p50 ms | p99 ms | errors | answers |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, label in (("bare_flask", "bare Flask page"), ("ranking", "ranking page (live, 10,000 ideas)"),
                        ("vote", "cast / take back a vote")):
        r = results["scenarios"][name]
        answers = ", ".join(f"{code}: {n}" for code, n in r["statuses"].items())
        lines.append(f"| {label} | {r['requests_per_s']} | {r['latency_ms']['p50']} | {r['latency_ms']['p99']} "
                     f"| {r['errors']} | {answers} |")
    check = results["integrity_after"]
    lines += ["", "Integrity after the run: "
              f"ballots {check['votes_spent_on_ballots']}, vote rows {check['votes_in_vote_rows']}, idea totals "
              f"{check['sum_of_idea_totals']} ({'agree' if check['all_three_agree'] else 'DIFFER'}); "
              f"ballots over budget: {check['ballots_over_budget']}; votes over the maximum per idea: "
              f"{check['votes_over_max_per_idea']}.", ""]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ideas", type=int, default=10_000)
    parser.add_argument("--voters", type=int, default=2_000)
    parser.add_argument("--spent", type=int, default=5, help="votes each voter spent before the run")
    parser.add_argument("--duration", type=int, default=20, help="seconds per scenario")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 2) * 2))
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--server", default=os.environ.get("BENCH_PG", "postgresql+psycopg://root@127.0.0.1:5432"))
    parser.add_argument("--database", default="bench_votes")
    parser.add_argument("--output", default=str(HERE / "results.json"))
    parser.add_argument("--readme-only", action="store_true", help="rewrite README.md from the results file")
    args = parser.parse_args()
    if args.readme_only:
        (HERE / "README.md").write_text(readme_section(json.loads(Path(args.output).read_text())))
        return 0

    wrk = ensure_wrk()
    work = Path(tempfile.mkdtemp(prefix="bench-votes-"))
    database_url = f"{args.server}/{args.database}"
    env = {**os.environ, "PARTICIPATION_ENV": "production", "SECRET_KEY": SECRET, "DATABASE_URL": database_url,
           "SESSION_COOKIE_SECURE": "false", "VOTE_RATE_LIMIT": "600 per minute", "MAIL_BACKEND": "log",
           "PUBLIC_URL": "http://127.0.0.1",
           "INSTANCE_PATH": str(work / "instance")}
    servers: list[Server] = []
    redis_binary = shutil.which("redis-server")
    if redis_binary:
        redis_port = free_port()
        servers.append(Server([redis_binary, "--port", str(redis_port), "--save", "", "--appendonly", "no"],
                              env, redis_port, work / "redis.log"))
        servers[-1].wait_ready()
        env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    os.environ.update(env)
    try:
        print(f"creating {args.database} and loading {args.ideas} ideas, {args.voters} voters …", flush=True)
        create_database(args.server, args.database)
        from participation import create_app

        app = create_app("production")
        world = load(app, args.ideas, args.voters, args.spent)
        credentials = voter_credentials(app, world["user_ids"])
        scripts = write_scripts(work, credentials, world["idea_ids"], world["process_slug"])
        before = integrity(app, world["process_slug"])

        scenarios = {}
        bare_port, app_port = free_port(), free_port()
        bare = gunicorn("bench.votes.bare:app", bare_port, env, args, work / "bare.log")
        servers.append(bare)
        drive(wrk, bare_port, scripts["bare"], args, 3)
        print("bare Flask page …", flush=True)
        scenarios["bare_flask"] = drive(wrk, bare_port, scripts["bare"], args, args.duration)
        bare.stop()
        servers.remove(bare)

        served = gunicorn("participation:create_app()", app_port, env, args, work / "app.log",
                          ready_path=f"/trajecten/{world['process_slug']}/rangschikking")
        servers.append(served)
        drive(wrk, app_port, scripts["ranking"], args, 3)
        for name in ("ranking", "vote"):
            print(f"{name} …", flush=True)
            scenarios[name] = drive(wrk, app_port, scripts[name], args, args.duration)
        served.stop()  # lets the requests still in flight finish before counting
        servers.remove(served)
        after = integrity(app, world["process_slug"])
        with app.app_context():
            from participation.extensions import db

            postgresql = db.session.execute(db.text("SHOW server_version")).scalar()
    finally:
        for server in reversed(servers):
            server.stop()

    results = {
        "finished_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "setup": {
            "ideas": args.ideas, "voters": args.voters, "votes_spent_before": args.spent, "rule": RULE,
            "duration_s": args.duration, "connections": args.connections, "wrk_threads": args.wrk_threads,
            "workers": args.workers, "threads": args.threads, "cpus": os.cpu_count(), "server": "gunicorn gthread",
            "load_tool": subprocess.run([wrk, "-v"], capture_output=True, text=True).stdout.splitlines()[0].strip(),
            "python": platform.python_version(), "postgresql": postgresql,
            "rate_limit_storage": "redis" if redis_binary else "memory",
        },
        "scenarios": scenarios,
        "integrity_before": before,
        "integrity_after": after,
    }
    Path(args.output).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    readme = HERE / "README.md"
    readme.write_text(readme_section(results))
    print(json.dumps(results["scenarios"], indent=2))
    print(json.dumps(after, indent=2))
    return 0 if after["all_three_agree"] and not after["ballots_over_budget"] else 1


if __name__ == "__main__":
    sys.exit(main())
