"""Every change of state in voting: cast, withdraw, set the rule, freeze the result, merge, unlink.

Concurrency: each change is one transaction of conditional UPDATEs, so the database decides, not
Python. The idea row is locked first (its counter goes up or down), then the ballot row (the budget
check `used < budget`); everything that touches both takes them in that order, so two requests
never wait on each other in a circle. A second request of the same person waits on the ballot row
and then sees the first one's result. On SQLite the whole database is written by one transaction
at a time, which gives the same guarantee.
"""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import delete, exists, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from participation import page_cache
from participation.database import utcnow
from participation.extensions import db
from participation.ideas.models import PUBLIC_STATUSES, Idea
from participation.processes.models import Process
from participation.processes.services import PhaseDates, ProcessError, can_view
from participation.security import keyed_hash
from participation.votes.models import APPROVAL, DOTS, Ballot, DepartedVoter, Vote, VoteRule
from participation.votes.rules import BEFORE, CLOSED, OPEN, rule_for, vote_phase, vote_state
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


def _check_can_vote(user, idea: Idea, moment: datetime) -> tuple[Process, VoteRule]:
    process = idea.process
    if not can_view(user, process):
        raise VoteError(_("You cannot vote in this process."), 403)
    state = vote_state(process, moment)
    if state == CLOSED:
        raise VoteError(_("The voting phase is closed. Your vote was not counted."))
    if state == BEFORE:
        raise VoteError(_("Voting has not started in this process yet."))
    if state != OPEN:
        raise VoteError(_("There is no voting in this process."))
    if idea.status not in PUBLIC_STATUSES:
        raise VoteError(_("This idea is not open for votes."), 404)
    return process, rule_for(process)


@dataclass(frozen=True)
class BallotState:
    """The person's ballot in a process and their votes on one idea, read without a lock: a vote that
    these figures refuse is refused before anything is written (a request that another one overtakes
    is then refused as if it came first); one they allow still passes the conditional updates."""

    ballot_id: int | None
    used: int
    mine: int

    def result(self, idea: Idea, rule: VoteRule) -> VoteResult:
        return VoteResult(idea.id, idea.vote_count or 0, self.mine, self.used, rule.budget, rule.max_per_idea)


def _ballot_state(process_id: int, user_id: int, idea_id: int) -> BallotState:
    row = db.session.execute(
        select(Ballot.id, Ballot.used, Vote.count)
        .outerjoin(Vote, (Vote.ballot_id == Ballot.id) & (Vote.idea_id == idea_id))
        .where(Ballot.process_id == process_id, Ballot.user_id == user_id)
    ).first()
    return BallotState(row[0], row[1], row[2] or 0) if row else BallotState(None, 0, 0)


def _ballot_id(process_id: int, user_id: int) -> int | None:
    return db.session.scalar(
        select(Ballot.id).where(Ballot.process_id == process_id, Ballot.user_id == user_id)
    )


def departed_voter_key(email: str) -> str:
    return keyed_hash("departed-voter", (email or "").strip().lower())


def departed_voter_clause(user, process_id: int):
    """SQL: the person's address held votes here with an account that was deleted since."""
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
    return _ballot_id(process_id, user_id)


def _close_transaction(process: Process, moment: datetime | None) -> None:
    """Commit only while the phase is still open: a vote a second too late is refused."""
    if vote_state(process, moment or utcnow()) != OPEN:
        db.session.rollback()
        raise VoteError(_("The voting phase is closed. Your vote was not counted."))
    page_cache.changed(db.session, page_cache.process_scope(process.id))  # the totals are shown at once
    db.session.commit()


def _max_refusal(rule: VoteRule) -> str:
    if rule.kind == APPROVAL:
        return _("You already support this idea.")
    return _("You can give at most %(n)d votes to one idea.", n=rule.max_per_idea)


def cast_vote(user, idea: Idea, *, moment: datetime | None = None, now: datetime | None = None) -> VoteResult:
    """Spend one vote of `user` on `idea`. Raises VoteError (and changes nothing) when refused.

    `moment` is when the request came in; `now`, for tests, replaces the clock at commit.
    """
    moment = moment or utcnow()
    process, rule = _check_can_vote(user, idea, moment)
    state = _ballot_state(process.id, user.id, idea.id)
    if state.ballot_id is not None and rule.budget is not None and state.used >= rule.budget:
        raise VoteError(_("You have no votes left. Take a vote back first to give it to another idea."),
                        result=state.result(idea, rule))
    if state.mine >= rule.max_per_idea:
        raise VoteError(_max_refusal(rule), result=state.result(idea, rule))
    try:
        ballot_id = state.ballot_id
        if ballot_id is None:
            if voted_with_a_deleted_account(user, process.id):
                raise VoteError(departed_text())
            ballot_id = _ensure_ballot(process.id, user.id)
        total = db.session.execute(
            update(Idea)
            .where(Idea.id == idea.id, Idea.process_id == process.id, Idea.status.in_(PUBLIC_STATUSES))
            .values(vote_count=Idea.vote_count + 1)
            .returning(Idea.vote_count)
            .execution_options(synchronize_session=False)
        ).scalar()
        if total is None:
            raise VoteError(_("This idea is not open for votes."), 404)
        within_budget = update(Ballot).where(Ballot.id == ballot_id)
        if rule.budget is not None:
            within_budget = within_budget.where(Ballot.used < rule.budget)
        used = db.session.execute(
            within_budget.values(used=Ballot.used + 1).returning(Ballot.used)
            .execution_options(synchronize_session=False)
        ).scalar()
        if used is None:
            raise VoteError(_("You have no votes left. Take a vote back first to give it to another idea."))
        mine = None
        if state.mine:  # one more on the person's vote row, within the maximum
            mine = db.session.execute(
                update(Vote)
                .where(Vote.ballot_id == ballot_id, Vote.idea_id == idea.id, Vote.count < rule.max_per_idea)
                .values(count=Vote.count + 1, updated_at=utcnow())
                .returning(Vote.count)
                .execution_options(synchronize_session=False)
            ).scalar()
        if mine is None:
            if state.mine and db.session.scalar(
                select(Vote.id).where(Vote.ballot_id == ballot_id, Vote.idea_id == idea.id)
            ) is not None:
                raise VoteError(_max_refusal(rule))
            db.session.execute(  # the first vote on this idea; a parallel first vote fails on the unique pair
                insert(Vote).values(ballot_id=ballot_id, idea_id=idea.id, user_id=user.id, count=1)
            )
            mine = 1
    except VoteError:
        db.session.rollback()
        raise
    except IntegrityError:
        db.session.rollback()
        raise VoteError(_("Your vote was sent twice at the same moment; it was counted once.")) from None
    result = VoteResult(idea.id, total, mine, used, rule.budget, rule.max_per_idea)  # before the commit expires idea
    _close_transaction(process, now)
    return result


def _one_vote_less(ballot_id: int, idea_id: int) -> int | None:
    """One vote less on a vote row that holds more than one; the votes left, or None."""
    return db.session.execute(
        update(Vote)
        .where(Vote.ballot_id == ballot_id, Vote.idea_id == idea_id, Vote.count > 1)
        .values(count=Vote.count - 1, updated_at=utcnow())
        .returning(Vote.count)
        .execution_options(synchronize_session=False)
    ).scalar()


def _remove_last_vote(ballot_id: int, idea_id: int) -> bool:
    """Remove a vote row that holds one vote; whether there was one."""
    return bool(db.session.execute(
        delete(Vote).where(Vote.ballot_id == ballot_id, Vote.idea_id == idea_id, Vote.count == 1)
        .execution_options(synchronize_session=False)
    ).rowcount)


def withdraw_vote(user, idea: Idea, *, moment: datetime | None = None, now: datetime | None = None) -> VoteResult:
    """Take one vote of `user` back from `idea`."""
    moment = moment or utcnow()
    process, rule = _check_can_vote(user, idea, moment)
    state = _ballot_state(process.id, user.id, idea.id)
    if state.ballot_id is None or state.mine == 0:
        raise VoteError(_("You have no vote on this idea to take back."), result=state.result(idea, rule))
    ballot_id = state.ballot_id
    try:
        total = db.session.execute(
            update(Idea)
            .where(Idea.id == idea.id, Idea.vote_count > 0)
            .values(vote_count=Idea.vote_count - 1)
            .returning(Idea.vote_count)
            .execution_options(synchronize_session=False)
        ).scalar()
        used = db.session.execute(
            update(Ballot).where(Ballot.id == ballot_id, Ballot.used > 0).values(used=Ballot.used - 1)
            .returning(Ballot.used)
            .execution_options(synchronize_session=False)
        ).scalar()
        # the row as read decides which statement comes first; the other one covers a parallel change
        mine = _one_vote_less(ballot_id, idea.id) if state.mine > 1 else None
        removed = mine is not None or _remove_last_vote(ballot_id, idea.id)
        if not removed and state.mine <= 1:
            mine = _one_vote_less(ballot_id, idea.id)
            removed = mine is not None
        if not removed:
            raise VoteError(_("You have no vote on this idea to take back."))
    except VoteError:
        db.session.rollback()
        raise
    result = VoteResult(idea.id, total or 0, mine or 0, used or 0, rule.budget, rule.max_per_idea)
    _close_transaction(process, now)
    return result


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
