import pytest

from participation.extensions import db as _db
from participation.ideas.models import Idea
from participation.votes.models import VoteRule
from tests.conftest import idea

OPEN = (("propose", -20, -10), ("vote", -1, 5))
CLOSED = (("propose", -20, -10), ("vote", -9, -1))
LATER = (("propose", -1, 5), ("vote", 5, 10))


@pytest.fixture
def make_idea(db):
    counter = {"n": 0}

    def make(process, title: str | None = None, status: str = "published", votes: int = 0) -> Idea:
        """Ideas numbered in the order they are made (Idee 1, Idee 2 …), straight to the database."""
        counter["n"] += 1
        return idea(process, title=title or f"Idee {counter['n']}", status=status, votes=votes,
                    body="<p>Tekst</p>")

    return make


@pytest.fixture
def voting(make_process, make_idea):
    """voting(kind="dots", budget=3, max_per_idea=2, phases=OPEN, ideas=3) -> (process, [ideas])"""

    def make(kind: str = "approval", budget: int | None = None, max_per_idea: int = 1, phases=OPEN,
             ideas: int = 3, audience: str = "public"):
        process = make_process(audience, phases=phases)
        _db.session.add(VoteRule(process_id=process.id, kind=kind, budget=budget, max_per_idea=max_per_idea))
        _db.session.commit()
        return process, [make_idea(process) for _ in range(ideas)]

    return make
