"""Where one request of a page spends its time: the pages of bench/pages, in this process, on a database
that `run.py --seed-only` seeded.

    .venv/bin/python bench/pages/one_request.py --database perf_10000                # time every page
    .venv/bin/python bench/pages/one_request.py --database perf_10000 --page idea_resident --profile

Before the pages, two requests show the fixed cost every request pays (`FIXED`). Per page and role
(anonymous, signed-in resident) it serves a few requests with Flask's test client,
then reports the CPU time per request, the statements it ran and the size of the answer; `--profile`
prints pyinstrument's call tree of the slowest page (or of `--page`). The app runs as in production
(the page cache on, in this process's memory), but every anonymous request carries a new `fresh=`
argument in its address, so it renders instead of coming from the page cache.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages.run import PAGES, SLUG  # noqa: E402
from bench.votes.run import SECRET  # noqa: E402

# What every request pays whatever its page: a page of text in the layout, and an answer without a page.
FIXED = (
    ("static_page", "a page of text in the layout", "/toegankelijkheid"),
    ("redirect", "a redirect, no page rendered", "/favicon.ico"),
)


def paths(app, rng: random.Random, pages: int) -> dict[str, callable]:
    from sqlalchemy import func, select

    from participation.extensions import db
    from participation.ideas.models import Idea
    from participation.processes.models import Process

    with app.app_context():
        process_id = db.session.scalar(select(Process.id).where(Process.slug == SLUG))
        first, last = db.session.execute(select(func.min(Idea.id), func.max(Idea.id))
                                         .where(Idea.process_id == process_id)).one()
    found = {}
    for name, _label, pattern in (*FIXED, *PAGES):
        def path(pattern=pattern):
            return (pattern.replace("{slug}", SLUG).replace("{page}", str(rng.randint(1, pages)))
                    .replace("{idea}", str(rng.randint(first, last))))
        found[name] = path
    return found


def resident_cookie(app) -> str:
    from sqlalchemy import select

    from bench.votes.run import voter_credentials
    from participation.accounts.models import User
    from participation.extensions import db

    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.email == "voter7@bench.example"))
    return voter_credentials(app, [user_id])[0][0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", required=True)
    parser.add_argument("--server", default=os.environ.get("BENCH_PG", "postgresql+psycopg://root@127.0.0.1:5432"))
    parser.add_argument("--requests", type=int, default=20, help="timed requests per page and role")
    parser.add_argument("--page", help="profile this page only, e.g. idea_resident")
    parser.add_argument("--profile", action="store_true", help="print pyinstrument's call tree")
    parser.add_argument("--cprofile", action="store_true", help="print cProfile's functions by own time")
    parser.add_argument("--statements", action="store_true", help="print the statements of one request per page")
    parser.add_argument("--pages", type=int, default=25)
    args = parser.parse_args()

    os.environ.update({"PARTICIPATION_ENV": "production", "SECRET_KEY": SECRET, "PUBLIC_URL": "http://127.0.0.1",
                       "MAIL_BACKEND": "log", "TRUSTED_HOSTS": "127.0.0.1,localhost",
                       "SESSION_COOKIE_SECURE": "false", "DATABASE_URL": f"{args.server}/{args.database}"})
    from sqlalchemy import event

    from participation import create_app
    from participation.extensions import db

    app = create_app("production", SQLALCHEMY_DATABASE_URI=os.environ["DATABASE_URL"])
    rng = random.Random(7)
    pages = paths(app, rng, args.pages)
    cookie = resident_cookie(app)
    statements, fresh = [], []
    with app.app_context():
        event.listen(db.engine, "before_cursor_execute",
                     lambda _conn, _cursor, statement, *_a: statements.append(" ".join(statement.split())))

    def serve(name: str, role: str) -> tuple[int, int]:
        client = app.test_client()
        if role == "resident":
            client.set_cookie("session", cookie, domain="127.0.0.1")
        path = pages[name]()
        if role == "anonymous":
            fresh.append(1)
            path += f"{'&' if '?' in path else '?'}fresh={len(fresh)}"
        reply = client.get(path, base_url="http://127.0.0.1")
        assert reply.status_code in (200, 301), (name, role, reply.status_code)
        return len(reply.data), reply.status_code

    chosen = [tuple(args.page.rsplit("_", 1))] if args.page else [
        (name, role) for name, _l, _p in (*FIXED, *PAGES) for role in ("anonymous", "resident")]
    figures = {}
    for name, role in chosen:
        serve(name, role)  # warm: templates compiled, catalogues read
        statements.clear()
        if args.statements:
            serve(name, role)
            print(f"-- {name}_{role}", *(f"{n + 1:3}. {s[:300]}" for n, s in enumerate(statements)), sep="\n")
            statements.clear()
        started, cpu = time.perf_counter(), time.process_time()
        for _ in range(args.requests):
            size, _status = serve(name, role)
        wall = (time.perf_counter() - started) / args.requests * 1000
        used = (time.process_time() - cpu) / args.requests * 1000
        figures[(name, role)] = used
        print(f"{name}_{role:<10} {used:7.1f} ms CPU {wall:7.1f} ms wall "
              f"{len(statements) / args.requests:5.1f} statements {size / 1024:6.1f} kB", flush=True)
    if args.cprofile:
        import cProfile
        import pstats

        name, role = max(figures, key=figures.get)
        profiler = cProfile.Profile(time.process_time)
        with profiler:
            for _ in range(args.requests):
                serve(name, role)
        stats = pstats.Stats(profiler)
        by_package: dict[str, float] = {}
        for (filename, _line, _function), (_cc, _nc, own, _cum, _callers) in stats.stats.items():
            package = filename.split("site-packages/")[1].split("/")[0] if "site-packages/" in filename else (
                "templates" if "/templates/" in filename else "participation" if "/participation/" in filename
                else "other")
            by_package[package] = by_package.get(package, 0) + own
        total = sum(by_package.values())
        for package, own in sorted(by_package.items(), key=lambda item: -item[1])[:15]:
            print(f"{package:<20} {own / total:6.1%}")
        stats.sort_stats("cumulative").print_stats(60)
    if args.profile:
        from pyinstrument import Profiler

        name, role = max(figures, key=figures.get)
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(args.requests):
                serve(name, role)
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
