"""Votes: the rule per process, one ballot per account, the votes on it, and the frozen result.

The invariants live in the schema: one ballot per account and process (unique), one vote row per
ballot and idea (unique), counts that can never go below zero or one (checks). The budget of a
ballot is enforced by conditional UPDATEs in services.py, which also serialise one person's
concurrent requests on the ballot row.
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.database import utcnow
from participation.extensions import db

APPROVAL = "approval"
DOTS = "dots"
RULE_KINDS = (APPROVAL, DOTS)


class VoteRule(db.Model):
    """How votes are spent in a process: one support per idea (approval, optionally at most `budget`
    ideas), or `budget` votes to spread with at most `max_per_idea` on one idea (dots)."""

    __tablename__ = "vote_rules"
    __table_args__ = (
        CheckConstraint("kind IN ('approval', 'dots')", name="known_kind"),
        CheckConstraint("budget IS NULL OR budget >= 1", name="budget_positive"),
        CheckConstraint("max_per_idea >= 1", name="max_positive"),
        CheckConstraint("kind <> 'approval' OR max_per_idea = 1", name="approval_one_per_idea"),
        CheckConstraint(
            "kind <> 'dots' OR (budget IS NOT NULL AND max_per_idea <= budget)", name="dots_within_budget"
        ),
    )

    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), default=APPROVAL)
    budget: Mapped[int | None]
    max_per_idea: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )

    process = relationship("Process")


class Ballot(db.Model):
    """One account's ballot in one process; `used` is the number of votes spent on it.

    `user_id` becomes empty when the person takes their data out: the votes stay counted,
    but no longer point to anyone.
    """

    __tablename__ = "ballots"
    __table_args__ = (
        UniqueConstraint("process_id", "user_id", name="uq_ballots_process_user"),
        CheckConstraint("used >= 0", name="used_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    used: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())


class DepartedVoter(db.Model):
    """An address whose account held votes in this process and was deleted, as a keyed hash.

    The deleted account's votes stay counted; an account registered again with the same address gets
    no second ballot in this process. Only an HMAC of the address is kept (with the secret key), so the
    table names nobody: it answers "has this address voted here?" only for someone who types it in.
    """

    __tablename__ = "departed_voters"

    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), primary_key=True)
    address_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())


class Vote(db.Model):
    """The votes one ballot gives one idea (1 for approval, up to the rule's maximum for dots)."""

    __tablename__ = "votes"
    __table_args__ = (
        UniqueConstraint("ballot_id", "idea_id", name="uq_votes_ballot_idea"),
        CheckConstraint("count >= 1", name="count_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballots.id", ondelete="CASCADE"))
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    count: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )


class ResultSnapshot(db.Model):
    """The ranking of a process, frozen once when its vote phase has closed (one per process)."""

    __tablename__ = "result_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), unique=True)
    closed_at: Mapped[datetime]
    frozen_at: Mapped[datetime] = mapped_column(default=utcnow)
    rule_kind: Mapped[str] = mapped_column(String(10))
    budget: Mapped[int | None]
    max_per_idea: Mapped[int] = mapped_column(default=1)
    voters: Mapped[int] = mapped_column(default=0)
    votes: Mapped[int] = mapped_column(default=0)
    ideas: Mapped[int] = mapped_column(default=0)

    rows: Mapped[list["ResultRow"]] = relationship(
        back_populates="snapshot", order_by="ResultRow.position", cascade="all, delete-orphan", lazy="raise"
    )


class ResultRow(db.Model):
    """One idea in a frozen ranking, with its title as it was when the result was frozen."""

    __tablename__ = "result_rows"
    __table_args__ = (
        UniqueConstraint("snapshot_id", "position", name="uq_result_rows_snapshot_position"),
        Index("ix_result_rows_snapshot_rank", "snapshot_id", "rank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("result_snapshots.id", ondelete="CASCADE"))
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(150))
    votes: Mapped[int]
    rank: Mapped[int]
    shared: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int]

    snapshot: Mapped[ResultSnapshot] = relationship(back_populates="rows")


class RoomTally(db.Model):
    """The votes one idea got in the room at one session (stickers on a wall, hands counted), entered by its
    facilitator: a count, no ballot and no account behind it.

    Kept apart from the online votes: never part of anyone's ballot, never added to `Idea.vote_count`, and
    not counted in the ranking, which counts each account once under the process's vote rule (see
    docs/sessions.md). Pages and the process report show both, apart and together.
    """

    __tablename__ = "room_tallies"
    __table_args__ = (
        UniqueConstraint("meeting_id", "idea_id", name="uq_room_tallies_meeting_idea"),
        CheckConstraint("votes >= 1", name="votes_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    votes: Mapped[int]
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime] = mapped_column(
        default=utcnow, onupdate=utcnow, server_default=func.current_timestamp()
    )

    meeting = relationship("Meeting")
