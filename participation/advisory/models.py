from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from participation.database import utcnow
from participation.extensions import db

COUNCIL_ROLES = ("member", "chair", "secretary")


class Council(db.Model):
    """An advisory council (adviesraad) of the city."""

    __tablename__ = "councils"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)

    memberships: Mapped[list["CouncilMembership"]] = relationship(
        back_populates="council", cascade="all, delete-orphan"
    )


class CouncilMembership(db.Model):
    """A person's seat on a council; a person may sit on several, as member, chair or secretary."""

    __tablename__ = "council_memberships"
    __table_args__ = (CheckConstraint("role IN ('member', 'chair', 'secretary')", name="known_role"),)

    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    role: Mapped[str] = mapped_column(String(10), default="member")
    joined_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())

    council: Mapped[Council] = relationship(back_populates="memberships")
    user = relationship("User")
