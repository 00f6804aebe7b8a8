"""Factories for councils, seats and rounds with proposals."""

import pytest

from participation.advisory.models import Council, CouncilMembership, CouncilRound, Proposal
from participation.extensions import db as _db


@pytest.fixture
def make_council(db):
    counter = {"n": 0}

    def make(name: str | None = None, slug: str | None = None) -> Council:
        counter["n"] += 1
        name = name or f"Raad {counter['n']}"
        council = Council(name=name, slug=slug or name.lower().replace(" ", "-"), position=counter["n"])
        _db.session.add(council)
        _db.session.commit()
        return council

    return make


@pytest.fixture
def seat(db, make_user):
    """seat(council, role="secretary", email=...) -> a council member with that role on the council."""

    def make(council: Council, role: str = "secretary", user=None, **kwargs):
        user = user or make_user("council_member", **kwargs)
        _db.session.add(CouncilMembership(council_id=council.id, user_id=user.id, role=role))
        _db.session.commit()
        return user

    return make


@pytest.fixture
def make_round(db):
    """make_round(step="ranking", proposals={council: ["title", ...]}) -> a round with proposals."""
    counter = {"n": 0}

    def make(step: str = "ranking", proposals: dict | None = None, **settings) -> CouncilRound:
        counter["n"] += 1
        round_ = CouncilRound(
            slug=settings.pop("slug", f"ronde-{counter['n']}"), title=settings.pop("title", f"Ronde {counter['n']}"),
            step=step, **settings,
        )
        _db.session.add(round_)
        for council, titles in (proposals or {}).items():
            for title in titles:
                round_.proposals.append(
                    Proposal(council_id=council.id, title=title, elaboration=f"Uitwerking: {title}")
                )
        _db.session.commit()
        return round_

    return make


def proposal_ids(round_: CouncilRound) -> dict[str, int]:
    return {proposal.title: proposal.id for proposal in round_.proposals}
