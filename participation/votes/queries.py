"""Read side of voting: one person's votes (read by the view that shows them), the frozen rows and totals, paginated
(the ranking itself is computed in ranking.py)."""

from dataclasses import dataclass, field

from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy import and_, func, literal, select

from participation import page_cache
from participation.extensions import db
from participation.ideas.models import Idea
from participation.processes.models import Process
from participation.processes.services import can_view
from participation.votes.models import Ballot, ResultRow, ResultSnapshot, Vote
from participation.votes.rules import NONE, OPEN, RuleSummary, rule_for, vote_state
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
    rule: RuleSummary | None
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


def shown_rule(process: Process) -> RuleSummary:
    """The process's vote rule as the pages show it, kept in the worker while the city-wide generation of
    the page cache stands (a change of the rule bumps it). A vote reads the rule itself (`rule_for`)."""
    return page_cache.city_wide(f"vote_rule:{process.id}", lambda: RuleSummary.of(rule_for(process)),
                                keep_in_request=False)


def load_my_votes(process: Process | None, user) -> MyVotes:
    if process is None:
        return MyVotes(process=None, rule=None)
    view = MyVotes(process=process, rule=shown_rule(process), state=vote_state(process))
    view.signed_in = bool(getattr(user, "is_authenticated", False))
    view.may_vote = view.signed_in and can_view(user, process)
    if view.signed_in and view.state != NONE:
        # One statement: the ballot with the person's votes on it, and whether the address voted before.
        one = select(literal(1).label("one")).subquery()
        mine = and_(Ballot.process_id == process.id, Ballot.user_id == user.id)
        rows = db.session.execute(
            select(Ballot.id, Ballot.used, Vote.idea_id, Vote.count,
                   departed_voter_clause(user, process.id).label("departed"))
            .select_from(one).outerjoin(Ballot, mine).outerjoin(Vote, Vote.ballot_id == Ballot.id)
        ).all()
        if rows[0].id is not None:
            view.used = rows[0].used
            view.counts = {row.idea_id: row.count for row in rows if row.idea_id is not None}
        elif rows[0].departed and view.may_vote and view.state == OPEN:
            view.voted_before, view.may_vote = True, False
    return view


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
