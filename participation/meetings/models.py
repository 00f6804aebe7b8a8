from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.database import utcnow
from participation.extensions import db

KINDS = ("workshop", "game", "joint_session", "info_evening", "stakeholder_round")


class Meeting(db.Model):
    """A session in the room (sessie): people met, on a day, at a place, led by a facilitator.

    It belongs to a process or to a council round, never both. Who came is kept as counts per group
    (`MeetingAttendance`), never as accounts. `day_known` is false when the sources give only the
    month ("in de eerste helft van januari"): the day of `held_on` is then not shown.
    """

    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint("kind IN ({})".format(", ".join(f"'{k}'" for k in KINDS)), name="known_kind"),
        CheckConstraint("(process_id IS NULL) <> (round_id IS NULL)", name="process_or_round"),
        Index("ix_meetings_process_held", "process_id", "held_on"),
        Index("ix_meetings_round_held", "round_id", "held_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    process_id: Mapped[int | None] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"))
    round_id: Mapped[int | None] = mapped_column(ForeignKey("council_rounds.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date] = mapped_column(Date)
    day_known: Mapped[bool] = mapped_column(default=True, server_default="1")
    place: Mapped[str] = mapped_column(String(200), default="")
    facilitator: Mapped[str] = mapped_column(String(200), default="")
    report: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())

    process = relationship("Process")
    round = relationship("CouncilRound")
    attendance: Mapped[list["MeetingAttendance"]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="MeetingAttendance.position",
        lazy="selectin",
    )

    @property
    def heading(self) -> str:
        """The title as a heading: "Het SDG-spel" for "het SDG-spel"."""
        return self.title[:1].upper() + self.title[1:]

    @property
    def attendance_total(self) -> int:
        return sum(row.count for row in self.attendance)

    def __repr__(self) -> str:
        return f"<Meeting {self.id} {self.kind}>"


class MeetingAttendance(db.Model):
    """How many people of one group came to a session ("Medewerkers" 80, or one council): a count only."""

    __tablename__ = "meeting_attendance"
    __table_args__ = (CheckConstraint("count >= 0", name="count_not_negative"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    group: Mapped[str] = mapped_column(String(120))
    count: Mapped[int]

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
