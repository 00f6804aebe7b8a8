from datetime import datetime, timedelta

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.clock import last_day, utcnow
from participation.extensions import db

AUDIENCES = ("public", "staff", "councils")
PHASE_KINDS = ("propose", "vote", "result")


class Process(db.Model):
    """A participation process (traject) with an audience and ordered, dated phases."""

    __tablename__ = "processes"
    __table_args__ = (CheckConstraint("audience IN ('public', 'staff', 'councils')", name="known_audience"),)

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
