"""Read side of voting: one person's votes per request, the frozen rows and totals, paginated
(the ranking itself is computed in ranking.py)."""

from dataclasses import dataclass, field

from flask import g
from flask_login import current_user
from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy import func, select

from participation.extensions import db
from participation.ideas.models import Idea
from participation.processes.models import Process
from participation.processes.services import can_view
from participation.votes.models import Ballot, ResultRow, ResultSnapshot, Vote, VoteRule
from participation.votes.rules import NONE, OPEN, rule_for, vote_state
from participation.votes.services import departed_voter_clause


class RowPagination(SelectPagination):
    """Pagination over rows of several columns (db.paginate keeps only the first column)."""

    def _query_items(self) -> list:
        statement = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(statement).all())

    def _query_count(self) -> int:
        if self._query_args.get("total") is not None:
            return self._query_args["total"]
        counter = self._query_args.get("counter")
        if counter is not None:
            return self._query_args["session"].scalar(counter) or 0
        return super()._query_count()


@dataclass
class MyVotes:
    """The current person's votes in one process, loaded once per request."""

    process: Process | None
    rule: VoteRule | None
    state: str = NONE
    signed_in: bool = False
    may_vote: bool = False
    voted_before: bool = False  # with an account since deleted: no second ballot here
    used: int = 0
    counts: dict[int, int] = field(default_factory=dict)

    @property
    def is_open(self) -> bool:
        return self.state == OPEN

    @property
    def budget(self) -> int | None:
        return self.rule.budget if self.rule else None

    @property
    def remaining(self) -> int | None:
        return None if self.budget is None else self.budget - self.used

    def on(self, idea_id: int) -> int:
        return self.counts.get(idea_id, 0)

    def can_cast(self, idea_id: int) -> bool:
        if not (self.may_vote and self.is_open and self.rule):
            return False
        if self.remaining is not None and self.remaining <= 0:
            return False
        return self.on(idea_id) < self.rule.max_per_idea

    def can_withdraw(self, idea_id: int) -> bool:
        return self.may_vote and self.is_open and self.on(idea_id) > 0


def load_my_votes(process: Process | None, user) -> MyVotes:
    if process is None:
        return MyVotes(process=None, rule=None)
    view = MyVotes(process=process, rule=rule_for(process), state=vote_state(process))
    view.signed_in = bool(getattr(user, "is_authenticated", False))
    view.may_vote = view.signed_in and can_view(user, process)
    if view.signed_in and view.state != NONE:
        mine = (Ballot.process_id == process.id, Ballot.user_id == user.id)
        ballot = db.session.execute(select(  # one query: the ballot, and whether the address voted before
            select(Ballot.id).where(*mine).scalar_subquery().label("id"),
            select(Ballot.used).where(*mine).scalar_subquery().label("used"),
            departed_voter_clause(user, process.id).label("departed"),
        )).one()
        if ballot.id is not None:
            view.used = ballot.used
            rows = db.session.execute(select(Vote.idea_id, Vote.count).where(Vote.ballot_id == ballot.id))
            view.counts = {idea_id: count for idea_id, count in rows}
        elif ballot.departed and view.may_vote and view.state == OPEN:
            view.voted_before, view.may_vote = True, False
    return view


def my_votes(process_id: int) -> MyVotes:
    """Template global: the current person's votes in a process, cached on `g` for the request."""
    cache = g.setdefault("my_votes", {})
    if process_id not in cache:
        cache[process_id] = load_my_votes(db.session.get(Process, process_id), current_user)
    return cache[process_id]


def snapshot_rows(snapshot: ResultSnapshot, search: str, page: int, per_page: int):
    statement = select(ResultRow).where(ResultRow.snapshot_id == snapshot.id).order_by(ResultRow.position)
    if search:
        statement = statement.where(ResultRow.title.ilike(f"%{search}%"))
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)


@dataclass(frozen=True)
class Totals:
    voters: int
    votes_spent: int
    votes_on_ideas: int
    counters: int

    @property
    def consistent(self) -> bool:
        return self.votes_spent == self.votes_on_ideas == self.counters


def process_totals(process_id: int) -> Totals:
    """Totals for administrators, and a check that the three ways of counting agree.

    One statement, so the three counts come from the same snapshot even while votes come in."""
    ballots = select(Ballot.used).where(Ballot.process_id == process_id).subquery()
    voters = select(func.count()).select_from(ballots).where(ballots.c.used > 0).scalar_subquery()
    spent = select(func.coalesce(func.sum(ballots.c.used), 0)).scalar_subquery()
    on_ideas = (
        select(func.coalesce(func.sum(Vote.count), 0))
        .join(Ballot, Ballot.id == Vote.ballot_id)
        .where(Ballot.process_id == process_id)
        .scalar_subquery()
    )
    counters = (
        select(func.coalesce(func.sum(Idea.vote_count), 0)).where(Idea.process_id == process_id).scalar_subquery()
    )
    row = db.session.execute(select(voters, spent, on_ideas, counters)).one()
    return Totals(*(int(value or 0) for value in row))
