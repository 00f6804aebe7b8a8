"""What each page costs as the city grows: 1,000, 10,000 and 100,000 ideas on PostgreSQL, against a bare page.

    .venv/bin/python bench/pages/run.py                          # 1,000, 10,000 and 100,000 ideas, 10 s per page
    .venv/bin/python bench/pages/run.py --sizes 1000 --duration 3  # a quick look

Per size it creates the database `bench_pages_<size>` (dropped first; `--database-prefix` names it otherwise,
`--reuse` measures one seeded by an earlier run), loads the SDGs and the city's demo
(plan, councils, processes), then one public process in its vote phase with that many published ideas
(their search words indexed, one in ten linked to an SDG 11 target), 2,000 voters who each spent 5 of
their 10 votes. gunicorn (2 workers × 2 threads, as production) serves the app; wrk with 16 connections
drives every page as an anonymous visitor and as a signed-in resident, then the vote POST. A bare Flask
page rendering a 20-item Jinja list, served the same way in the same run, is the baseline: a page's
figure is its requests/s divided by the bare page's. Memory per worker (RSS) is read after each size.
Figures go to bench/pages/results.json and bench/pages/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from bench import seeding  # noqa: E402
from bench.votes.run import (  # noqa: E402
    SECRET,
    Server,
    create_database,
    drive,
    ensure_wrk,
    free_port,
    gunicorn,
    integrity,
    voter_credentials,
)

SLUG = "bench"
WORDS = (
    "fietspad speeltuin bomen parking zitbank verlichting oversteekplaats wandelpad hondenweide buurthuis "
    "markt bibliotheek zwembad sporthal jeugdhuis school kinderopvang rusthuis zorg armoede voedselbank "
    "energie zonnepanelen isolatie warmtenet regenwater beek Leie kanaal Gaverbeek plein straat wijk "
    "Hulste Bavikhove Stasegem Zandberg Collegewijk Eiland Ooste kermis festival muziek toneel museum "
    "veiligheid snelheid drempel zebrapad fietsenstalling bus trein station afval compost sluikstort "
    "bloemen moestuin natuur vijver park graffiti kunst cultuur senioren jongeren vrijwilligers vereniging"
).split()
PAGES = (
    ("process", "process page with its idea list", "/trajecten/{slug}?page={page}"),
    ("idea", "idea page", "/ideeen/{idea}"),
    ("ranking", "live ranking", "/trajecten/{slug}/rangschikking?page={page}"),
    ("api_ideas", "/api/v1 ideas of a process", "/api/v1/processes/{slug}/ideas?page={page}"),
    ("sdg_goal", "SDG goal page /sdgs/11", "/sdgs/11"),
    ("plan_sdg", "plan SDG page /plan/sdg/11", "/plan/sdg/11"),
)


def seed(app, ideas: int, voters: int, spent: int) -> dict:
    """The city's demo, then the benchmark process, written in bulk."""
    import flask_migrate
    from sqlalchemy import insert, select

    from participation.demo.loader import load_demo
    from participation.extensions import db
    from participation.ideas.counters import recount
    from participation.ideas.models import Idea, IdeaTerm
    from participation.ideas.texts import rendered_columns
    from participation.ideas.words import idea_stems
    from participation.sdgs import counters as sdg_counters
    from participation.sdgs.models import IdeaTarget, SdgTarget
    from participation.sdgs.services import load_reference_data

    rng = random.Random(2026)
    with app.app_context():
        flask_migrate.upgrade()
        load_reference_data()
        load_demo()
        db.session.commit()
        process = seeding.vote_process(SLUG)
        user_ids = seeding.voters(voters)
        texts = []
        for n in range(ideas):
            title = " ".join(rng.sample(WORDS, 4)).capitalize() + f" {n}"
            body = "Graag " + " en ".join(rng.sample(WORDS, 6)) + " in onze buurt."
            texts.append((title, body))
        for start in range(0, ideas, 5000):
            db.session.execute(insert(Idea), [
                {"process_id": process.id, "title": title, "body": f"<p>{body}</p>", "theme": "people",
                 "status": "published", "author_id": user_ids[n % len(user_ids)],
                 **rendered_columns(f"<p>{body}</p>")}
                for n, (title, body) in enumerate(texts[start:start + 5000], start)
            ])
        idea_ids = list(db.session.scalars(select(Idea.id).where(Idea.process_id == process.id).order_by(Idea.id)))
        terms = [{"idea_id": idea_id, "term": term}
                 for idea_id, (title, body) in zip(idea_ids, texts, strict=True)
                 for term in sorted(idea_stems(title, body))]
        for start in range(0, len(terms), 20000):
            db.session.execute(insert(IdeaTerm), terms[start:start + 20000])
        store_similar_in_bulk(idea_ids, texts)
        targets = list(db.session.scalars(select(SdgTarget.code).where(SdgTarget.goal_number == 11)))
        db.session.execute(insert(IdeaTarget), [
            {"idea_id": idea_id, "target_code": rng.choice(targets), "goal_number": 11}
            for idea_id in idea_ids[::10]
        ])
        seeding.spend_votes(process.id, user_ids, idea_ids, spent, rng)
        recount(process.id)
        sdg_counters.recount()
        db.session.commit()
        db.session.execute(db.text("ANALYZE"))
        db.session.commit()
        return {"user_ids": user_ids, "idea_ids": idea_ids}


def store_similar_in_bulk(idea_ids: list[int], texts: list[tuple[str, str]]) -> None:
    """Each idea's stored similar ideas, scored as `ideas.similar` scores them (telling words weigh
    log(1 + ideas / ideas with the word), title words twice), with matrix products instead of one
    computation per idea: what the product stores as each idea is written."""
    import math

    import numpy as np
    from sqlalchemy import insert

    from participation.extensions import db
    from participation.ideas.models import SimilarIdeas
    from participation.ideas.similar import COMMON_SHARE, STORED
    from participation.ideas.words import stem_map
    from participation.security import plain_text

    words = [({**stem_map(plain_text(body)), **stem_map(title)}, set(stem_map(title))) for title, body in texts]
    frequency: dict[str, int] = {}
    for found, _title in words:
        for term in found:
            frequency[term] = frequency.get(term, 0) + 1
    total = len(texts)
    vocabulary = sorted(t for t, n in frequency.items() if 1 < n <= total * COMMON_SHARE)
    column = {term: n for n, term in enumerate(vocabulary)}
    present = np.zeros((total, len(vocabulary)), dtype=np.float32)
    weights = np.zeros_like(present)
    for row, (found, title) in enumerate(words):
        for term in found:
            if term in column:
                present[row, column[term]] = 1
                weights[row, column[term]] = math.log(1 + total / frequency[term]) * (2 if term in title else 1)
    rows = []
    for start in range(0, total, 250):
        scores = weights[start:start + 250] @ present.T
        for offset in range(scores.shape[0]):
            scores[offset, start + offset] = 0
        best = np.argpartition(-scores, STORED, axis=1)[:, :STORED]
        for offset, candidates in enumerate(best):
            me = start + offset
            ranked = sorted(((float(scores[offset, c]), idea_ids[c], c) for c in candidates if scores[offset, c] > 0),
                            key=lambda item: (-item[0], -item[1]))
            rows.append({"idea_id": idea_ids[me], "found": [
                {"id": other, "score": round(score, 3),
                 "terms": sorted(t for t in words[me][0] if t in column and t in words[c][0])}
                for score, other, c in ranked]})
        if len(rows) >= 5000:
            db.session.execute(insert(SimilarIdeas), rows)
            rows = []
    if rows:
        db.session.execute(insert(SimilarIdeas), rows)


def database_exists(server: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{server.replace('+psycopg', '')}/postgres") as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone() is not None


def seeded(app) -> dict:
    """The voters and ideas of a database seeded before (`--reuse`): the votes cast by earlier runs stay."""
    from sqlalchemy import select

    from participation.accounts.models import User
    from participation.extensions import db
    from participation.ideas.models import Idea
    from participation.processes.models import Process

    with app.app_context():
        user_ids = list(db.session.scalars(select(User.id).where(User.email.like(f"%@{seeding.VOTER_DOMAIN}"))
                                           .order_by(User.id)))
        idea_ids = list(db.session.scalars(select(Idea.id).join(Process).where(Process.slug == SLUG)
                                           .order_by(Idea.id)))
    return {"user_ids": user_ids, "idea_ids": idea_ids}


def write_scripts(folder: Path, credentials, idea_ids: list[int], pages: int) -> dict[str, Path]:
    """One wrk script per page and role; ids and pages are chosen at random per request."""
    common = (ROOT / "bench" / "votes" / "common.lua").read_text()
    assert idea_ids == list(range(idea_ids[0], idea_ids[0] + len(idea_ids))), "idea ids must be consecutive"
    data = ["voters = {"] + [f'  {{"{cookie}", "{token}"}},' for cookie, token in credentials] + ["}"]
    data += [f"first_idea = {idea_ids[0]}", f"idea_count = {len(idea_ids)}", f"pages = {pages}"]
    scripts = {"bare": 'request = function() return wrk.format("GET", "/") end'}
    for name, _label, pattern in PAGES:
        path = (pattern.replace("{slug}", SLUG).replace("{page}", '" .. math.random(pages) .. "')
                .replace("{idea}", '" .. (first_idea + math.random(idea_count) - 1) .. "'))
        target = f'"{path}"'
        scripts[f"{name}_anonymous"] = f"request = function() return wrk.format(\"GET\", {target}) end"
        scripts[f"{name}_resident"] = (
            "request = function()\n  local voter = voters[math.random(#voters)]\n"
            f'  return wrk.format("GET", {target}, {{["Cookie"] = "session=" .. voter[1]}})\nend'
        )
    scripts["vote"] = (ROOT / "bench" / "votes" / "vote.lua").read_text()
    written = {}
    for name, body in scripts.items():
        written[name] = folder / f"{name}.lua"
        written[name].write_text("\n".join(data) + "\n" + common + "\n" + body + "\n")
    return written


def worker_memory_mb(server: Server) -> list[float]:
    """Resident memory of each gunicorn worker (children of the master), in MB."""
    found = subprocess.run(["ps", "-o", "rss=", "--ppid", str(server.process.pid)], capture_output=True, text=True)
    return [round(int(line) / 1024, 1) for line in found.stdout.split()]


def measure_size(size: int, args, wrk: str, env: dict, work: Path) -> dict:
    from participation import create_app

    database = f"{args.database_prefix}_{size}"
    env = {**env, "DATABASE_URL": f"{args.server}/{database}"}
    os.environ.update(env)
    app = create_app("production", SQLALCHEMY_DATABASE_URI=env["DATABASE_URL"])
    if args.reuse and database_exists(args.server, database):
        print(f"== {size} ideas: reusing {database}", flush=True)
        world = seeded(app)
    else:
        print(f"== {size} ideas: creating {database} and loading …", flush=True)
        create_database(args.server, database)
        world = seed(app, size, args.voters, args.spent)
    credentials = voter_credentials(app, world["user_ids"][:500])
    scripts = write_scripts(work, credentials, world["idea_ids"], args.pages)
    servers = []
    results: dict = {"scenarios": {}}
    try:
        bare_port = free_port()
        bare = gunicorn("bench.pages.bare:app", bare_port, env, args, work / f"bare-{size}.log")
        servers.append(bare)
        drive(wrk, bare_port, scripts["bare"], args, 2)
        print("   bare page …", flush=True)
        results["scenarios"]["bare"] = drive(wrk, bare_port, scripts["bare"], args, args.duration)
        bare.stop()
        servers.remove(bare)

        port = free_port()
        served = gunicorn("participation:create_app()", port, env, args, work / f"app-{size}.log",
                          ready_path=f"/trajecten/{SLUG}")
        servers.append(served)
        for name in [n for n in scripts if n not in ("bare", "vote")] + ["vote"]:
            drive(wrk, port, scripts[name], args, 1)
            print(f"   {name} …", flush=True)
            results["scenarios"][name] = drive(wrk, port, scripts[name], args, args.duration)
        results["worker_memory_mb"] = worker_memory_mb(served)
        served.stop()
        servers.remove(served)
        results["integrity_after"] = integrity(app, SLUG)
    finally:
        for server in reversed(servers):
            server.stop()
    bare_rate = results["scenarios"]["bare"]["requests_per_s"] or 1
    for figures in results["scenarios"].values():
        figures["share_of_bare"] = round(figures["requests_per_s"] / bare_rate, 3)
    return results


def readme(results: dict) -> str:
    s = results["setup"]
    sizes = [str(size) for size in s["sizes"]]
    lines = [
        "# What each page costs as the city grows (bench/pages)",
        "",
        "`.venv/bin/python bench/pages/run.py [--sizes 1000,10000,100000] [--duration 10]"
        " [--database-prefix bench_pages] [--reuse]`",
        "seeds, per size, the PostgreSQL database `<prefix>_<size>` (`--reuse`: measures the one an earlier",
        "run seeded) with the city's demo plus one public process in its vote phase",
        f"with that many published ideas and {s['voters']:,} voters".replace(",", ".")
        + ", serves the app with gunicorn",
        f"({s['workers']} workers × {s['threads']} threads) and drives each page with wrk ({s['connections']} "
        "connections), as an anonymous visitor and as a signed-in resident, then the vote POST.",
        "The baseline is a bare Flask page rendering a 20-item Jinja list, served the same way in the same run.",
        "The app runs as in production: the anonymous page cache in a private Redis (`participation/page_cache.py`),",
        "so anonymous figures are mostly cache hits, except the idea page, whose ids are drawn at random among all",
        "ideas (at 100.000 ideas nearly every request renders). The seed stores each idea's similar ideas in bulk",
        "with the product's scoring (`store_similar_in_bulk`), as the product stores them when an idea is written.",
        "The seeding shared with `bench/votes` (process, voters, votes) is in `bench/seeding.py`.",
        "`bench/pages/one_request.py --database <prefix>_<size> [--statements] [--cprofile] [--profile]` times one",
        "request of each page in-process (CPU, statements, size; anonymous requests bypass the page cache) and",
        "shows where it goes (cProfile by package, or pyinstrument's call tree).",
        "",
        f"Last run: {results['finished_at']} on {s['cpus']} CPUs, {s['duration_s']} s per page "
        f"(PostgreSQL {s['postgresql']}). Shares are requests/s divided by the bare page's of the same size's run;",
        "absolute figures on a shared machine are noise, the shares and their flatness are the signal.",
        "",
        "| page | " + " | ".join(f"share at {size} | p50 ms | p99 ms" for size in sizes) + " |",
        "|---|" + "---:|---:|---:|" * len(sizes),
    ]
    names = ["bare"] + [f"{n}_{role}" for n, _l, _p in PAGES for role in ("anonymous", "resident")] + ["vote"]
    for name in names:
        cells = []
        for size in sizes:
            figures = results["sizes"][size]["scenarios"].get(name)
            cells.append(f"{figures['share_of_bare']} | {figures['latency_ms']['p50']} | {figures['latency_ms']['p99']}"
                         if figures else "– | – | –")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", "Requests/s of the bare page: " + ", ".join(
        f"{results['sizes'][size]['scenarios']['bare']['requests_per_s']} at {size}" for size in sizes) + "."]
    lines += ["Memory per worker after each size (MB): " + "; ".join(
        f"{size}: {results['sizes'][size]['worker_memory_mb']}" for size in sizes) + "."]
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        flat = []
        for name in names[1:]:
            a = results["sizes"][first]["scenarios"][name]["requests_per_s"]
            b = results["sizes"][last]["scenarios"][name]["requests_per_s"]
            flat.append(f"{name} {round(b / a, 2) if a else '–'}")
        lines += [f"Requests/s at {last} divided by at {first}: " + ", ".join(flat) + "."]
        shares = []
        for name in names[1:]:
            a = results["sizes"][first]["scenarios"][name]["share_of_bare"]
            b = results["sizes"][last]["scenarios"][name]["share_of_bare"]
            shares.append(f"{name} {round(b / a, 2) if a else '–'}")
        lines += ["The same with each size's share of its own bare page (less sensitive to the machine's load "
                  "changing between sizes): " + ", ".join(shares) + "."]
    findings = HERE / "findings.md"  # what the figures mean, written by hand after a run
    if findings.exists():
        lines += ["", findings.read_text().rstrip()]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--voters", type=int, default=2_000)
    parser.add_argument("--spent", type=int, default=5)
    parser.add_argument("--pages", type=int, default=25, help="list pages visited at random")
    parser.add_argument("--duration", type=int, default=10, help="seconds per page")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--server", default=os.environ.get("BENCH_PG", "postgresql+psycopg://root@127.0.0.1:5432"))
    parser.add_argument("--database-prefix", default="bench_pages",
                        help="databases are named <prefix>_<size> (dropped and created again)")
    parser.add_argument("--reuse", action="store_true",
                        help="measure a database seeded by an earlier run instead of seeding it again")
    parser.add_argument("--output", default=str(HERE / "results.json"))
    parser.add_argument("--readme-only", action="store_true", help="rewrite README.md from the results file")
    parser.add_argument("--seed-only", action="store_true", help="seed the databases and stop (to read EXPLAIN)")
    args = parser.parse_args()
    if args.readme_only:
        (HERE / "README.md").write_text(readme(json.loads(Path(args.output).read_text())))
        return 0
    if args.seed_only:
        from participation import create_app

        for size in [int(size) for size in args.sizes.split(",")]:
            database = f"{args.database_prefix}_{size}"
            os.environ.update({"PARTICIPATION_ENV": "production", "SECRET_KEY": SECRET, "PUBLIC_URL": "http://127.0.0.1",
                               "MAIL_BACKEND": "log", "DATABASE_URL": f"{args.server}/{database}"})
            create_database(args.server, database)
            app = create_app("production", SQLALCHEMY_DATABASE_URI=f"{args.server}/{database}")
            seed(app, size, args.voters, args.spent)
            print(f"seeded {database}", flush=True)
        return 0

    wrk = ensure_wrk()
    work = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    env = {**os.environ, "PARTICIPATION_ENV": "production", "SECRET_KEY": SECRET, "SESSION_COOKIE_SECURE": "false",
           "VOTE_RATE_LIMIT": "100000 per minute", "MAIL_BACKEND": "log", "PUBLIC_URL": "http://127.0.0.1",
           "TRUSTED_HOSTS": "127.0.0.1", "INSTANCE_PATH": str(work / "instance")}
    redis = None
    if shutil.which("redis-server"):
        redis_port = free_port()
        redis = Server([shutil.which("redis-server"), "--port", str(redis_port), "--save", "", "--appendonly", "no"],
                       env, redis_port, work / "redis.log")
        redis.wait_ready()
        env["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/0"
    sizes = [int(size) for size in args.sizes.split(",")]
    try:
        measured = {str(size): measure_size(size, args, wrk, env, work) for size in sizes}
    finally:
        if redis:
            redis.stop()
    import psycopg

    with psycopg.connect(f"{args.server.replace('+psycopg', '')}/postgres") as conn:
        postgresql = conn.execute("SHOW server_version").fetchone()[0]
    results = {
        "finished_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "setup": {"sizes": sizes, "voters": args.voters, "duration_s": args.duration,
                  "connections": args.connections, "workers": args.workers, "threads": args.threads,
                  "cpus": os.cpu_count(), "python": platform.python_version(), "postgresql": postgresql},
        "sizes": measured,
    }
    Path(args.output).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (HERE / "README.md").write_text(readme(results))
    print((HERE / "README.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
