"""What the load test needs: residents with a known password (bewoner0..N-1@bench.example.org),
a process in its ideas phase, and a process in its voting phase with published ideas to vote on."""

import os
import sys
from datetime import timedelta

from participation import create_app
from participation.access import RESIDENT
from participation.accounts.services import create_user
from participation.database import utcnow
from participation.extensions import db
from participation.ideas.models import Idea
from participation.processes.models import Phase, Process
from participation.votes.models import APPROVAL, VoteRule

VOTE_IDEAS = 60


def process(slug: str, title: str, phases: list[tuple[str, int, int]]) -> Process:
    now = utcnow()
    made = Process(slug=slug, title=title, summary="Voor de belastingtest.", description="<p>Belastingtest</p>",
                   audience="public")
    for position, (kind, start, end) in enumerate(phases):
        made.phases.append(Phase(kind=kind, position=position, starts_at=now + timedelta(days=start),
                                 ends_at=now + timedelta(days=end)))
    db.session.add(made)
    db.session.flush()
    return made


def main(count: int, password: str) -> None:
    app = create_app()
    with app.app_context():
        for n in range(count):
            create_user(f"bewoner{n}@bench.example.org", password, f"Bewoner {n}", [RESIDENT])
        process("bench-ideeen", "Belastingtest: ideeën", [("propose", -1, 30)])
        voting = process("bench-stemmen", "Belastingtest: stemmen", [("propose", -30, -1), ("vote", -1, 30)])
        db.session.add(VoteRule(process_id=voting.id, kind=APPROVAL, budget=None, max_per_idea=1))
        for n in range(VOTE_IDEAS):
            db.session.add(Idea(process_id=voting.id, title=f"Stemidee {n}", body="<p>Een idee om op te stemmen.</p>",
                                theme="planet", status="published"))
        db.session.commit()
    print(f"{count} residents, an ideas process and a voting process with {VOTE_IDEAS} ideas ready")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40, os.environ.get("BENCH_PASSWORD", "Bench-wachtwoord-1"))
