from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from participation.database import utcnow
from participation.extensions import db

KINDS = ("status", "answer", "plan_update", "comment", "vote_result", "point_update", "moderation")


class Notification(db.Model):
    """One change told to one person: what it is about, what changed, where to see it.

    Written in the person's language when it happens. `read_at` empty means unread (the menu counts
    these through the (user_id, read_at) index); `mailed_at` says a mail told it already, so the
    weekly digest leaves it out.
    """

    __tablename__ = "notifications"
    __table_args__ = (
        CheckConstraint("kind IN ({})".format(", ".join(f"'{k}'" for k in KINDS)), name="known_kind"),
        Index("ix_notifications_user_read", "user_id", "read_at"),
        Index("ix_notifications_user_created", "user_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    about: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())
    read_at: Mapped[datetime | None]
    mailed_at: Mapped[datetime | None]
