"""The outbox: mails are queued with the change they report and sent later, so nothing is lost."""

import logging
import smtplib
from datetime import timedelta
from email.message import EmailMessage

from flask import current_app, url_for
from sqlalchemy import select

from participation.database import utcnow
from participation.extensions import db
from participation.mail.models import OutboxMessage

log = logging.getLogger("participation.mail")


def queue_mail(recipient: str, subject: str, body: str, kind: str | None = None) -> OutboxMessage:
    message = OutboxMessage(recipient=recipient, subject=str(subject), body=str(body), kind=kind)
    db.session.add(message)
    return message


def recently_mailed(recipient: str, kind: str, minutes: int) -> bool:
    """Whether a mail of this kind went to this address in the last `minutes` (sent or still queued)."""
    since = utcnow() - timedelta(minutes=minutes)
    return db.session.scalar(
        select(OutboxMessage.id)
        .where(OutboxMessage.recipient == recipient, OutboxMessage.kind == kind, OutboxMessage.created_at > since)
        .limit(1)
    ) is not None


def _deliver(message: OutboxMessage) -> None:
    backend = current_app.config["MAIL_BACKEND"]
    if backend == "smtp":
        mail = EmailMessage()
        mail["From"] = current_app.config["MAIL_SENDER"]
        mail["To"] = message.recipient
        mail["Subject"] = message.subject
        mail.set_content(message.body)
        with smtplib.SMTP(current_app.config["MAIL_SERVER"], current_app.config["MAIL_PORT"], timeout=10) as s:
            s.send_message(mail)
    else:
        log.warning("Mail to %s: %s\n%s", message.recipient, message.subject, message.body)


def send_pending(limit: int = 500) -> tuple[int, int]:
    """Send what waits in the outbox; a failure stays queued with its error. Returns (sent, failed)."""
    pending = db.session.scalars(
        db.select(OutboxMessage).where(OutboxMessage.sent_at.is_(None)).order_by(OutboxMessage.id).limit(limit)
    ).all()
    sent = failed = 0
    for message in pending:
        message.attempts += 1
        try:
            _deliver(message)
        except (OSError, smtplib.SMTPException) as error:
            message.last_error = str(error)[:1000]
            failed += 1
        else:
            message.sent_at = utcnow()
            message.last_error = None
            sent += 1
        db.session.commit()
    return sent, failed


def flush_log_backend() -> None:
    """In development (MAIL_BACKEND=log) mails are written to the log as soon as they are committed."""
    if current_app.config["MAIL_BACKEND"] == "log":
        send_pending()


def mailbox_url() -> str | None:
    """The page where a development app shows its mails; None where there is none (production, tests)."""
    if "mail.outbox" not in current_app.view_functions:
        return None
    return url_for("mail.outbox")
