"""What the load benchmarks seed alike (bench/votes, bench/pages): a process in its vote phase, voters,
and a first round of votes consistent in all three counts (ballots, vote rows, idea totals). Written in
bulk; each function flushes nothing it does not need and commits nothing."""

from __future__ import annotations

import random
from datetime import timedelta

RULE = {"kind": "dots", "budget": 10, "max_per_idea": 3}
VOTER_DOMAIN = "bench.example"
VOTER_PASSWORD = "Benchmark-2026"


def vote_process(slug: str, title: str = "Benchmark"):
    """A public process whose proposal phase ended ten days ago and whose vote phase runs for a month,
    with the dot-voting rule RULE."""
    from participation.database import utcnow
    from participation.extensions import db
    from participation.processes.models import Phase, Process
    from participation.votes.models import VoteRule

    now = utcnow()
    process = Process(slug=slug, title=title, summary="", description="", audience="public")
    process.phases = [
        Phase(kind="propose", position=0, starts_at=now - timedelta(days=30), ends_at=now - timedelta(days=10)),
        Phase(kind="vote", position=1, starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=30)),
    ]
    db.session.add(process)
    db.session.flush()
    db.session.add(VoteRule(process_id=process.id, **RULE))
    return process


def voters(count: int, name: str = "Inwoner") -> list[int]:
    """`count` confirmed residents voter<n>@bench.example (one password hash for all), their ids in order."""
    from sqlalchemy import insert, select
    from werkzeug.security import generate_password_hash

    from participation.accounts.models import User, UserRole
    from participation.database import utcnow
    from participation.extensions import db

    now = utcnow()
    password = generate_password_hash(VOTER_PASSWORD, method="scrypt")
    db.session.execute(insert(User), [
        {"email": f"voter{n}@{VOTER_DOMAIN}", "display_name": f"{name} {n}", "password_hash": password,
         "email_confirmed_at": now} for n in range(count)
    ])
    user_ids = list(db.session.scalars(select(User.id).where(User.email.like(f"%@{VOTER_DOMAIN}")).order_by(User.id)))
    db.session.execute(insert(UserRole), [{"user_id": uid, "role": "resident"} for uid in user_ids])
    return user_ids


def spend_votes(process_id: int, user_ids: list[int], idea_ids: list[int], spent: int, rng: random.Random) -> None:
    """Each voter spends `spent` votes on ideas drawn at random (at most RULE's maximum on one idea); the
    ballots, the vote rows and every idea's total then agree."""
    from sqlalchemy import func, insert, select, update

    from participation.extensions import db
    from participation.ideas.models import Idea
    from participation.votes.models import Ballot, Vote

    db.session.execute(insert(Ballot), [{"process_id": process_id, "user_id": uid, "used": spent}
                                        for uid in user_ids])
    ballots = dict(db.session.execute(select(Ballot.user_id, Ballot.id).where(Ballot.process_id == process_id)).all())
    rows = []
    for uid in user_ids:
        left, chosen = spent, {}
        while left:
            idea = rng.choice(idea_ids)
            if chosen.get(idea, 0) < RULE["max_per_idea"]:
                chosen[idea] = chosen.get(idea, 0) + 1
                left -= 1
        rows += [{"ballot_id": ballots[uid], "idea_id": i, "user_id": uid, "count": c} for i, c in chosen.items()]
    db.session.execute(insert(Vote), rows)
    totals = select(func.coalesce(func.sum(Vote.count), 0)).where(Vote.idea_id == Idea.id).scalar_subquery()
    db.session.execute(update(Idea).where(Idea.process_id == process_id).values(vote_count=totals))
