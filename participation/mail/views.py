"""The development mailbox: the mails the platform wrote, readable in the browser.

Someone trying the platform on their own machine has no mail server; here they open the
confirmation link and the other mails. Only a development app registers this blueprint
(DEVELOPMENT_MAILBOX, see config.py and participation/blueprints.py): never production or testing.
"""

from flask import render_template

from participation.access import PUBLIC, access
from participation.extensions import db
from participation.mail import bp
from participation.mail.models import OutboxMessage

SHOWN = 50


@bp.route("/ontwikkeling/mails")
@access(PUBLIC)
def outbox():
    messages = db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(SHOWN)).all()
    return render_template("mail/outbox.html", messages=messages, shown=SHOWN)
