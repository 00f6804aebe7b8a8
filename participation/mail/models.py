from datetime import datetime

from sqlalchemy import Index, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from participation.database import utcnow
from participation.extensions import db


class OutboxMessage(db.Model):
    """A mail waiting to be sent: written in the same transaction as what it tells about."""

    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_messages_recipient_kind", "recipient", "kind", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(255))
    body: Mapped[str] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(30))  # e.g. "reset": limits mails of a kind per address
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())
    sent_at: Mapped[datetime | None] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(Text)
