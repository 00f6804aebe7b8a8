"""Where a vote POST spends its time: casting and taking back votes in-process, under pyinstrument.

    .venv/bin/python bench/votes/profile_vote.py                       # seeds bench_votes_profile (10,000 ideas) once
    .venv/bin/python bench/votes/profile_vote.py --requests 500 --html /tmp/vote.html

The database is seeded as bench/pages seeds it (the city's demo, one process in its vote phase, 2,000
voters who each spent 5 of their 10 votes), only when it has no benchmark process yet (`--reseed` to
start again). The app runs as in production (rate limits in a private Redis when redis-server is
installed); each request is a logged-in voter casting (60 %) or taking back (40 %) one vote on a random
idea with their CSRF token, as votes.js does. Prints the mean time per request and the profile.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from bench.votes.run import SECRET, Server, create_database, free_port, voter_credentials  # noqa: E402


def _seeded(server: str, database: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(f"{server.replace('+psycopg', '')}/{database}") as conn:
            return bool(conn.execute("SELECT 1 FROM processes WHERE slug = 'bench'").fetchone())
    except psycopg.Error:
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ideas", type=int, default=10_000)
    parser.add_argument("--voters", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--server", default=os.environ.get("BENCH_PG", "postgresql+psycopg://root@127.0.0.1:5432"))
    parser.add_argument("--database", default="bench_votes_profile")
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--html", help="also write the profile as HTML to this file")
    parser.add_argument("--no-profile", action="store_true", help="only time the requests")
    parser.add_argument("--show-all", action="store_true", help="show the frames of libraries too")
    parser.add_argument("--cpu", action="store_true",
                        help="profile this process's CPU time with cProfile instead (waits on the database left out)")
    parser.add_argument("--statements", action="store_true", help="print the SQL of one cast and one take-back")
    parser.add_argument("--pairs", action="store_true",
                        help="each voter casts a vote and takes it back at once, by voters with votes left: every "
                             "request counts and the database ends as it started (the default mix is mostly refusals "
                             "once the first voters have spent their votes)")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-votes-profile-"))
    os.environ.update({"PARTICIPATION_ENV": "production", "SECRET_KEY": SECRET, "SESSION_COOKIE_SECURE": "false",
                       "VOTE_RATE_LIMIT": "100000 per minute", "MAIL_BACKEND": "log",
                       "PUBLIC_URL": "http://127.0.0.1", "TRUSTED_HOSTS": "127.0.0.1",
                       "DATABASE_URL": f"{args.server}/{args.database}", "INSTANCE_PATH": str(work / "instance")})
    redis = None
    if shutil.which("redis-server"):
        port = free_port()
        redis = Server([shutil.which("redis-server"), "--port", str(port), "--save", "", "--appendonly", "no"],
                       dict(os.environ), port, work / "redis.log")
        redis.wait_ready()
        os.environ["REDIS_URL"] = f"redis://127.0.0.1:{port}/0"
    try:
        return profile(args)
    finally:
        if redis:
            redis.stop()


def profile(args) -> int:
    from sqlalchemy import select

    from bench.pages.run import SLUG, seed
    from participation import create_app
    from participation.accounts.models import User
    from participation.extensions import db
    from participation.ideas.models import Idea
    from participation.processes.models import Process
    from participation.votes.models import Ballot

    app = create_app("production", SQLALCHEMY_DATABASE_URI=f"{args.server}/{args.database}")
    if args.reseed or not _seeded(args.server, args.database):
        print(f"seeding {args.database} with {args.ideas} ideas …", flush=True)
        create_database(args.server, args.database)
        seed(app, args.ideas, args.voters, 5)
    with app.app_context():
        process_id = db.session.scalar(select(Process.id).where(Process.slug == SLUG))
        idea_ids = list(db.session.scalars(select(Idea.id).where(Idea.process_id == process_id)))
        voters = select(User.id).where(User.email.like("%@bench.example"))
        if args.pairs:
            voters = voters.where(~User.id.in_(select(Ballot.user_id).where(Ballot.process_id == process_id,
                                                                            Ballot.used >= 10)))
        user_ids = list(db.session.scalars(voters.order_by(User.id).limit(200)))
    credentials = voter_credentials(app, user_ids)
    rng = random.Random(18)
    plan = []
    while len(plan) < args.requests:
        cookie, token = rng.choice(credentials)
        if args.pairs:
            path = f"/stemmen/ideeen/{rng.choice(idea_ids)}"
            plan += [(cookie, token, path), (cookie, token, path + "/intrekken")]
            continue
        path = f"/stemmen/ideeen/{rng.choice(idea_ids)}" + ("" if rng.random() < 0.6 else "/intrekken")
        plan.append((cookie, token, path))
    client = app.test_client()

    def vote(cookie: str, token: str, path: str) -> int:
        client.set_cookie("session", cookie, domain="127.0.0.1")
        return client.post(path, data={"csrf_token": token}, base_url="http://127.0.0.1",
                           headers={"Accept": "application/json", "X-CSRFToken": token}).status_code

    for cookie, token, path in plan[:20]:  # warm the caches and the connection pool
        vote(cookie, token, path)
    if args.statements:
        show_statements(app, db, vote, plan)
    statuses: dict[int, int] = {}
    profiler = cpu_profiler = None
    if args.cpu:
        import cProfile

        cpu_profiler = cProfile.Profile(time.process_time)
        cpu_profiler.enable()
    elif not args.no_profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
        profiler.start()
    started, cpu = time.perf_counter(), time.process_time()
    for cookie, token, path in plan:
        status = vote(cookie, token, path)
        statuses[status] = statuses.get(status, 0) + 1
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    if cpu_profiler:
        import pstats

        cpu_profiler.disable()
        pstats.Stats(cpu_profiler).sort_stats("cumulative").print_stats(60)
    if profiler:
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=args.show_all))
        if args.html:
            Path(args.html).write_text(profiler.output_html())
    print(f"{len(plan)} vote POSTs in {elapsed:.2f} s: {1000 * elapsed / len(plan):.2f} ms each "
          f"({1000 * cpu / len(plan):.2f} ms of this process's CPU); answers {statuses}")
    return 0


def show_statements(app, db, vote, plan) -> None:
    """The SQL of the first cast, take-back and refusal of the plan (which run, like the others)."""
    from sqlalchemy import event

    caught: list[str] = []

    def keep(conn, cursor, statement, parameters, context, executemany):
        caught.append(" ".join(statement.split())[:150])

    with app.app_context():
        engine = db.engine
    shown = set()
    event.listen(engine, "before_cursor_execute", keep)
    try:
        for cookie, token, path in plan[:60]:
            caught.clear()
            status = vote(cookie, token, path)
            kind = ("take back" if path.endswith("/intrekken") else "cast") if status == 200 else f"refusal {status}"
            if kind not in shown:
                shown.add(kind)
                print(f"{kind} {path}: {len(caught)} statements (and the pool's ping)")
                print("\n".join("    " + statement for statement in caught))
            if len(shown) >= 3:
                break
    finally:
        event.remove(engine, "before_cursor_execute", keep)


if __name__ == "__main__":
    sys.exit(main())
