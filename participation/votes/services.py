"""Every change of state in voting: cast, withdraw, set the rule, freeze the result, merge, unlink.

Concurrency: each change is one transaction of conditional UPDATEs, so the database decides, not
Python. The idea row is locked first (its counter goes up or down), then the ballot row (the budget
check `used < budget`); everything that touches both takes them in that order, so two requests
never wait on each other in a circle. A second request of the same person waits on the ballot row
and then sees the first one's result. On SQLite the whole database is written by one transaction
at a time, which gives the same guarantee.

A vote POST reads what it checks in one statement (`vote_context`) and refuses from that read without
writing; on PostgreSQL its three conditional writes are then one statement (`casting.py`), then the commit.
"""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import bindparam, delete, exists, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from participation import page_cache
from participation.database import utcnow
from participation.extensions import db
from participation.ideas.models import PUBLIC_STATUSES, Idea
from participation.processes.models import Phase, Process
from participation.processes.services import PhaseDates, ProcessError, can_view
from participation.security import keyed_hash
from participation.votes import casting
from participation.votes.models import APPROVAL, DOTS, Ballot, DepartedVoter, Vote, VoteRule
from participation.votes.rules import (
    BEFORE,
    CLOSED,
    OPEN,
    RuleSummary,
    default_rule,
    phase_state,
    rule_for,
    vote_phase,
    vote_state,
)
from participation.votes.texts import departed_text


class VoteError(Exception):
    """A vote that is refused, with the sentence the person reads and, when refused before anything
    was written, the person's votes as they stand (`result`)."""

    def __init__(self, message: str, status: int = 409, result: "VoteResult | None" = None):
        super().__init__(message)
        self.status = status
        self.result = result


@dataclass(frozen=True)
class VoteResult:
    idea_id: int
    total: int
    mine: int
    used: int
    budget: int | None
    max_per_idea: int

    @property
    def remaining(self) -> int | None:
        return None if self.budget is None else self.budget - self.used


def _insert_ignoring_conflict(table, values: dict, conflict: list[str]):
    dialect = db.session.get_bind().dialect.name
    builder = pg_insert if dialect == "postgresql" else sqlite_insert
    return builder(table).values(**values).on_conflict_do_nothing(index_elements=conflict)


@dataclass(frozen=True)
class VoteContext:
    """What a vote needs before it writes, read in one statement (`vote_context`): the idea, its process's
    vote phase and rule, and the person's ballot there with their votes on the idea. Read without a lock:
    a vote these figures refuse is refused before anything is written (a request that another one
    overtakes is then refused as if it came first); one they allow still passes the conditional writes."""

    idea_id: int
    process_id: int
    process_slug: str
    status: str
    total: int
    starts_at: datetime | None  # the vote phase; None: the process has none
    ends_at: datetime | None
    rule: RuleSummary
    ballot_id: int | None
    used: int
    mine: int
    voted_before: bool  # with an account since deleted (matters only while there is no ballot)

    def state(self, moment: datetime | None = None) -> str:
        return phase_state(self.starts_at, self.ends_at, moment)

    def result(self) -> VoteResult:
        return VoteResult(self.idea_id, self.total, self.mine, self.used, self.rule.budget, self.rule.max_per_idea)


def _context_statement():
    """The read of `vote_context`, built once: the idea, its process, its first vote phase (as
    `rules.vote_phase`), its rule, the person's ballot and votes on the idea, whether their address voted
    with a deleted account."""
    ideas, processes, phases = Idea.__table__, Process.__table__, Phase.__table__
    rules, ballots, votes, departed = VoteRule.__table__, Ballot.__table__, Vote.__table__, DepartedVoter.__table__
    return (
        select(ideas.c.id, ideas.c.process_id, processes.c.slug, processes.c.audience, ideas.c.status,
               ideas.c.vote_count, phases.c.starts_at, phases.c.ends_at, rules.c.kind, rules.c.budget,
               rules.c.max_per_idea, ballots.c.id, ballots.c.used, votes.c.count,
               exists().where(departed.c.process_id == ideas.c.process_id,
                              departed.c.address_hash == bindparam("address_hash")))
        .select_from(ideas)
        .join(processes, processes.c.id == ideas.c.process_id)
        .outerjoin(phases, (phases.c.process_id == ideas.c.process_id) & (phases.c.kind == "vote"))
        .outerjoin(rules, rules.c.process_id == ideas.c.process_id)
        .outerjoin(ballots, (ballots.c.process_id == ideas.c.process_id) & (ballots.c.user_id == bindparam("user_id")))
        .outerjoin(votes, (votes.c.ballot_id == ballots.c.id) & (votes.c.idea_id == ideas.c.id))
        .where(ideas.c.id == bindparam("idea_id"))
        .order_by(phases.c.position)
        .limit(1)
    )


CONTEXT = _context_statement()


def vote_context(idea_id: int, user) -> VoteContext | None:
    """The idea `user` votes on with everything the vote checks, in one statement; None when it is not open
    for votes to them: its status is not public, or its process is not open to them (`can_view`).

    For an idea with a public status that is the rule of `ideas.queries.idea_visibility`, asked here of the
    process alone, so the statement is the same for everyone and built once."""
    row = db.session.execute(CONTEXT, {
        "idea_id": idea_id, "user_id": user.id, "address_hash": departed_voter_key(user.email),
    }).first()
    if row is None:
        return None
    (idea_id, process_id, slug, audience, status, total, starts_at, ends_at, kind, budget, max_per_idea,
     ballot_id, used, mine, departed) = row
    if status not in PUBLIC_STATUSES or not can_view(user, Process(id=process_id, audience=audience)):
        return None
    rule = RuleSummary(kind, budget, max_per_idea) if kind else RuleSummary.of(default_rule(process_id))
    return VoteContext(idea_id, process_id, slug, status, total or 0, starts_at, ends_at, rule, ballot_id,
                       used or 0, mine or 0, bool(departed))


def _context_of(user, idea: Idea) -> VoteContext:
    context = vote_context(idea.id, user)
    if context is None:
        raise VoteError(_("This idea is not open for votes."), 404)
    return context


def _check_can_vote(context: VoteContext, moment: datetime) -> None:
    state = context.state(moment)
    if state == CLOSED:
        raise VoteError(_("The voting phase is closed. Your vote was not counted."))
    if state == BEFORE:
        raise VoteError(_("Voting has not started in this process yet."))
    if state != OPEN:
        raise VoteError(_("There is no voting in this process."))


def departed_voter_key(email: str) -> str:
    return keyed_hash("departed-voter", (email or "").strip().lower())


def departed_voter_clause(user, process_id):
    """SQL: the person's address held votes here with an account that was deleted since (`process_id` a
    number or a column)."""
    return exists().where(
        DepartedVoter.process_id == process_id, DepartedVoter.address_hash == departed_voter_key(user.email)
    )


def voted_with_a_deleted_account(user, process_id: int) -> bool:
    return bool(db.session.scalar(select(departed_voter_clause(user, process_id))))


def _ensure_ballot(process_id: int, user_id: int) -> int:
    """The person's ballot, created on the first vote; the unique constraint makes a double
    creation by two parallel requests impossible."""
    db.session.execute(
        _insert_ignoring_conflict(
            Ballot.__table__, {"process_id": process_id, "user_id": user_id, "used": 0},
            ["process_id", "user_id"],
        )
    )
    return db.session.scalar(select(Ballot.id).where(Ballot.process_id == process_id, Ballot.user_id == user_id))


def _close_transaction(context: VoteContext, moment: datetime | None) -> None:
    """Commit only while the phase is still open: a vote a second too late is refused."""
    if context.state(moment or utcnow()) != OPEN:
        db.session.rollback()
        raise VoteError(_("The voting phase is closed. Your vote was not counted."))
    page_cache.changed(db.session, page_cache.process_scope(context.process_id))  # the totals are shown at once
    db.session.commit()


def _max_refusal(rule: RuleSummary) -> str:
    if rule.kind == APPROVAL:
        return _("You already support this idea.")
    return _("You can give at most %(n)d votes to one idea.", n=rule.max_per_idea)


def _no_votes_left() -> str:
    return _("You have no votes left. Take a vote back first to give it to another idea.")


def cast_vote(user, idea: Idea, *, moment: datetime | None = None, now: datetime | None = None) -> VoteResult:
    """Spend one vote of `user` on `idea` (see `cast`)."""
    return cast(user, _context_of(user, idea), moment=moment, now=now)


def cast(user, context: VoteContext, *, moment: datetime | None = None, now: datetime | None = None) -> VoteResult:
    """Spend one vote of `user` on the idea of `context`. Raises VoteError (and changes nothing) when refused.

    `moment` is when the request came in; `now`, for tests, replaces the clock at commit.
    """
    _check_can_vote(context, moment or utcnow())
    rule = context.rule
    if context.ballot_id is not None and rule.budget is not None and context.used >= rule.budget:
        raise VoteError(_no_votes_left(), result=context.result())
    if context.mine >= rule.max_per_idea:
        raise VoteError(_max_refusal(rule), result=context.result())
    try:
        ballot_id = context.ballot_id
        if ballot_id is None:
            if context.voted_before:
                raise VoteError(departed_text())
            ballot_id = _ensure_ballot(context.process_id, user.id)
        total, used, mine = casting.one_vote_more(db.session, context, ballot_id, user.id)
        if total is None:
            raise VoteError(_("This idea is not open for votes."), 404)
        if used is None:
            raise VoteError(_no_votes_left())
        if mine is None:
            raise VoteError(_max_refusal(rule))
    except VoteError:
        db.session.rollback()
        raise
    except IntegrityError:
        db.session.rollback()
        raise VoteError(_("Your vote was sent twice at the same moment; it was counted once.")) from None
    _close_transaction(context, now)
    return VoteResult(context.idea_id, total, mine, used, rule.budget, rule.max_per_idea)


def withdraw_vote(user, idea: Idea, *, moment: datetime | None = None, now: datetime | None = None) -> VoteResult:
    """Take one vote of `user` back from `idea` (see `withdraw`)."""
    return withdraw(user, _context_of(user, idea), moment=moment, now=now)


def withdraw(user, context: VoteContext, *, moment: datetime | None = None,
             now: datetime | None = None) -> VoteResult:
    """Take one vote of `user` back from the idea of `context`."""
    _check_can_vote(context, moment or utcnow())
    if context.ballot_id is None or context.mine == 0:
        raise VoteError(_("You have no vote on this idea to take back."), result=context.result())
    for _attempt in casting.ATTEMPTS:
        total, used, mine = casting.one_vote_less(db.session, context)
        if mine is not None:
            break
        db.session.rollback()
    else:
        raise VoteError(_("You have no vote on this idea to take back."))
    _close_transaction(context, now)
    rule = context.rule
    return VoteResult(context.idea_id, total or 0, mine, used or 0, rule.budget, rule.max_per_idea)


def has_ballots(process: Process) -> bool:
    return db.session.scalar(select(Ballot.id).where(Ballot.process_id == process.id).limit(1)) is not None


def rule_refusal(process: Process, moment: datetime | None = None) -> str | None:
    """Why the vote rule may no longer change, or None while it may: only before the vote phase opens
    and before anyone voted (a vote phase moved to later does not free the rule once ballots exist)."""
    if has_ballots(process):
        return _("People have voted in this process: the vote rule can no longer change.")
    phase = vote_phase(process)
    if phase is not None and (moment or utcnow()) >= phase.starts_at:
        return _("The voting phase has opened: the vote rule can no longer change.")
    return None


def can_change_rule(process: Process, moment: datetime | None = None) -> bool:
    return rule_refusal(process, moment) is None


def set_rule(process: Process, kind: str, budget: int | None, max_per_idea: int | None) -> VoteRule:
    """Set the vote rule; refused once the vote phase has opened or anyone voted, so nobody's votes
    change meaning."""
    refusal = rule_refusal(process)
    if refusal:
        raise VoteError(refusal)
    rule = db.session.get(VoteRule, process.id) or VoteRule(process_id=process.id)
    rule.kind = kind
    if kind == DOTS:
        rule.budget, rule.max_per_idea = budget, max_per_idea
    else:
        rule.budget, rule.max_per_idea = budget, 1
    db.session.add(rule)
    db.session.flush()
    return rule


def personal_votes(user) -> list[dict]:
    """What a person's account holds about their votes, for their data download."""
    rows = db.session.execute(
        select(Process.title, Process.slug, Idea.id, Idea.title, Vote.count)
        .join(Ballot, Ballot.id == Vote.ballot_id)
        .join(Idea, Idea.id == Vote.idea_id)
        .join(Process, Process.id == Ballot.process_id)
        .where(Ballot.user_id == user.id)
        .order_by(Process.title, Idea.title)
    )
    return [
        {"process": title, "process_slug": slug, "idea_id": idea_id, "idea_title": idea_title, "count": count}
        for title, slug, idea_id, idea_title, count in rows
    ]


def unlink_votes(user) -> int:
    """The person's votes stay counted but no longer point to them. Returns the ballots unlinked.

    Every process where the ballot still holds votes keeps a keyed hash of the address, so that an
    account registered again with it gets no second budget there (see DepartedVoter).
    Does not commit: the account deletion that calls it commits once."""
    voted_in = db.session.scalars(select(Ballot.process_id).where(Ballot.user_id == user.id, Ballot.used > 0)).all()
    key = departed_voter_key(user.email)
    for process_id in voted_in:
        db.session.execute(_insert_ignoring_conflict(
            DepartedVoter.__table__, {"process_id": process_id, "address_hash": key}, ["process_id", "address_hash"]
        ))
    db.session.execute(
        update(Vote).where(Vote.user_id == user.id).values(user_id=None).execution_options(synchronize_session=False)
    )
    return db.session.execute(
        update(Ballot).where(Ballot.user_id == user.id).values(user_id=None)
        .execution_options(synchronize_session=False)
    ).rowcount


def move_votes_on_merge(duplicate: Idea, target: Idea) -> int:
    """Give the duplicate's votes to the kept idea, inside the merge transaction.

    A voter who voted on both keeps one vote row, with at most the rule's maximum per idea; votes
    above it go back to their ballot, so nobody is counted twice. Both counters are recomputed from
    the vote rows. Returns the number of votes that moved.
    """
    first, second = sorted((duplicate.id, target.id))
    for idea_id in (first, second):  # lock both idea rows, always in the same order
        db.session.execute(
            update(Idea).where(Idea.id == idea_id).values(vote_count=Idea.vote_count)
            .execution_options(synchronize_session=False)
        )
    rule = rule_for(target.process)
    moved = 0
    duplicate_votes = db.session.execute(
        select(Vote.id, Vote.ballot_id, Vote.count).where(Vote.idea_id == duplicate.id).order_by(Vote.ballot_id)
    ).all()
    for vote_id, ballot_id, count in duplicate_votes:
        kept = db.session.execute(
            select(Vote.id, Vote.count).where(Vote.ballot_id == ballot_id, Vote.idea_id == target.id)
        ).first()
        if kept is None:
            db.session.execute(
                update(Vote).where(Vote.id == vote_id).values(idea_id=target.id)
                .execution_options(synchronize_session=False)
            )
            moved += count
            continue
        together = min(kept.count + count, rule.max_per_idea)
        returned = kept.count + count - together
        db.session.execute(
            update(Vote).where(Vote.id == kept.id).values(count=together).execution_options(synchronize_session=False)
        )
        db.session.execute(delete(Vote).where(Vote.id == vote_id).execution_options(synchronize_session=False))
        if returned:
            db.session.execute(
                update(Ballot).where(Ballot.id == ballot_id).values(used=Ballot.used - returned)
                .execution_options(synchronize_session=False)
            )
        moved += count - returned
    for idea_id in (duplicate.id, target.id):
        recount_idea(idea_id)
    return moved


def recount_idea(idea_id: int) -> None:
    total = select(func.coalesce(func.sum(Vote.count), 0)).where(Vote.idea_id == idea_id).scalar_subquery()
    db.session.execute(
        update(Idea).where(Idea.id == idea_id).values(vote_count=total).execution_options(synchronize_session=False)
    )


def on_idea_merged(duplicate: Idea, target: Idea | None = None, actor=None, **extra) -> None:
    if target is not None:
        from participation.votes.room import move_room_tallies_on_merge

        move_votes_on_merge(duplicate, target)
        move_room_tallies_on_merge(duplicate, target)
        db.session.expire(duplicate, ["vote_count"])
        db.session.expire(target, ["vote_count"])


def check_vote_phase_change(process: Process, phases: list, moment: datetime | None = None) -> None:
    """Listener of `processes.signals.phases_changing`: once someone voted, the vote phase keeps its
    opening date and can only be extended; once it has closed (and its result is frozen) it stays as it
    is, so the frozen result and the live totals never disagree."""
    current = vote_phase(process)
    if current is None or not has_ballots(process):
        return
    wanted = next((phase for phase in phases if phase.kind == "vote"), None)
    if wanted is None:
        raise ProcessError(_("People have voted in this process: the voting phase cannot be removed."),
                           "vote_starts")
    now = PhaseDates.of(current)  # the days the form shows: the first day and the last day (inclusive)
    if vote_state(process, moment) == CLOSED:
        if (wanted.starts, wanted.ends) != (now.starts, now.ends):
            raise ProcessError(_("The voting phase is closed and its result frozen: it cannot be reopened "
                                 "or moved."), "vote_ends")
        return
    if wanted.starts != now.starts:
        raise ProcessError(_("People have voted in this process: the voting phase keeps its opening date."),
                           "vote_starts")
    if now.ends is not None and wanted.ends is not None and wanted.ends < now.ends:
        raise ProcessError(_("People have voted in this process: the voting phase can only be extended, "
                             "not shortened."), "vote_ends")


def on_phases_changing(process: Process, phases: list) -> None:
    check_vote_phase_change(process, phases)
