from datetime import datetime, timedelta

from sqlalchemy import CheckConstraint, ForeignKey, ForeignKeyConstraint, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.clock import last_day, utcnow
from participation.extensions import db

AUDIENCES = ("public", "staff", "councils", "invited")
PHASE_KINDS = ("propose", "vote", "result")


class Process(db.Model):
    """A participation process (traject) with an audience and ordered, dated phases."""

    __tablename__ = "processes"
    __table_args__ = (CheckConstraint("audience IN ('public', 'staff', 'councils', 'invited')", name="known_audience"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    audience: Mapped[str] = mapped_column(String(10), default="public")
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())

    phases: Mapped[list["Phase"]] = relationship(
        back_populates="process", order_by="Phase.position", cascade="all, delete-orphan", lazy="selectin"
    )

    def phase_at(self, moment: datetime) -> "Phase | None":
        return next((phase for phase in self.phases if phase.is_open_at(moment)), None)

    @property
    def current_phase(self) -> "Phase | None":
        return self.phase_at(utcnow())

    def __repr__(self) -> str:
        return f"<Process {self.slug}>"


class Phase(db.Model):
    """A phase opens at starts_at and closes at ends_at (never, when ends_at is empty), by the clock.

    An administrator gives the last day a phase is open; ends_at is the moment that day is over in
    Brussels (the next local midnight), so "tot en met 20/12/2026" is open until 23:59 on the 20th.
    """

    __tablename__ = "phases"
    __table_args__ = (
        CheckConstraint("kind IN ('propose', 'vote', 'result')", name="known_kind"),
        CheckConstraint("ends_at IS NULL OR ends_at > starts_at", name="ends_after_start"),
        UniqueConstraint("process_id", "position", name="uq_phases_process_position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(default=0)
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]

    process: Mapped[Process] = relationship(back_populates="phases")

    def is_open_at(self, moment: datetime) -> bool:
        return self.starts_at <= moment and (self.ends_at is None or moment < self.ends_at)

    @property
    def is_open(self) -> bool:
        return self.is_open_at(utcnow())

    @property
    def last_day(self):
        """The last Brussels day the phase is open; None when it never closes."""
        return last_day(self.ends_at)

    @property
    def last_minute(self) -> datetime | None:
        """The last minute the phase is open (23:59 on its last day), naive UTC."""
        return None if self.ends_at is None else self.ends_at - timedelta(minutes=1)

    @property
    def is_past(self) -> bool:
        return self.ends_at is not None and self.ends_at <= utcnow()


INVITATION_STATES = ("active", "expired", "revoked")


class ProcessInvitation(db.Model):
    """A link that lets the people of one partner organisation take part in a process on its behalf.

    The link is `selector` followed by a secret; only a hash of the secret is kept, so the link is
    shown once, when it is made. It holds until `expires_at` or until someone revokes it, whichever
    comes first: from then on the link no longer opens and its people no longer take part through it.
    """

    __tablename__ = "process_invitations"
    __table_args__ = (UniqueConstraint("id", "process_id", name="uq_process_invitations_id_process"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("partners.id", ondelete="CASCADE"), index=True)
    selector: Mapped[str] = mapped_column(String(16), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())

    process: Mapped[Process] = relationship()
    partner = relationship("Partner")
    created_by = relationship("User", foreign_keys=[created_by_id])

    def state_at(self, moment: datetime) -> str:
        if self.revoked_at is not None:
            return "revoked"
        return "active" if moment < self.expires_at else "expired"

    @property
    def state(self) -> str:
        return self.state_at(utcnow())

    @property
    def is_active(self) -> bool:
        return self.state == "active"

    @property
    def last_day(self):
        return last_day(self.expires_at)


class InvitationMember(db.Model):
    """A person who came in through an invitation: they take part in its process on behalf of its partner.

    One partner per person per process (`process_id` repeats the invitation's, which the composite
    key keeps true). The row stays when the invitation ends, so what they wrote keeps its label.
    """

    __tablename__ = "invitation_members"
    __table_args__ = (
        UniqueConstraint("process_id", "user_id", name="uq_invitation_members_process_user"),
        ForeignKeyConstraint(["invitation_id", "process_id"],
                             ["process_invitations.id", "process_invitations.process_id"],
                             name="fk_invitation_members_invitation", ondelete="CASCADE"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invitation_id: Mapped[int] = mapped_column(index=True)
    process_id: Mapped[int]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())

    invitation: Mapped[ProcessInvitation] = relationship()
    user = relationship("User")
