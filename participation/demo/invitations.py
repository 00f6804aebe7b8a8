"""Demo invitations of partners to a process (invitations.json): Leiedal, whose Scopernia trajectory helped
prepare the Inspiratienota 2040, invited to the staff's idea process for it until its last phase ends.

Made through the same service as the moderator's form, so the link is a real one: it is printed this once,
as the demo passwords are. Loaded once: a partner that already has a link for the process is left alone,
and a link whose last day has passed (or lies more than a year ahead) is not made.
"""

from datetime import date
from pathlib import Path

from participation.accounts.services import find_user
from participation.demo.files import read_json
from participation.extensions import db
from participation.partners.models import Partner
from participation.processes import invitations
from participation.processes.models import ProcessInvitation
from participation.processes.queries import process_by_slug


def load_invitations(folder: Path, lines: list[str]) -> None:
    items = read_json(folder, "invitations.json")
    if items is None:
        return
    added = 0
    for item in items:
        process = process_by_slug(item["process"])
        partner = db.session.scalar(db.select(Partner).where(Partner.slug == item["partner"]))
        if process is None or partner is None or db.session.scalar(
                db.select(ProcessInvitation.id).where(ProcessInvitation.process_id == process.id,
                                                      ProcessInvitation.partner_id == partner.id).limit(1)):
            continue
        try:
            _invitation, token = invitations.create_invitation(
                process, partner, date.fromisoformat(item["last_day"]), find_user(item["by"]))
        except invitations.InvitationError as error:
            lines.append(f"No invitation of {partner.name} to {process.title}: {error}")
            continue
        added += 1
        lines.append(f"Invitation link of {partner.name} to {process.title} (shown this once): /uitnodiging/{token}")
    lines.append(f"{added} demo invitations of partners")
