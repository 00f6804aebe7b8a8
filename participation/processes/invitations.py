"""Invitations of partners to a process: making, revoking and accepting the link, and who takes part
through one. The rules read elsewhere (`processes.services.can_view`, `ideas.queries.idea_visibility`,
the label on ideas and comments) come from `invited_process_ids` and `speaks_for`.

A process with the audience "invited" is open only to the people of invited partners (and to city staff,
moderators and administrators); any other process may invite partners too, whose people then speak
on behalf of their organisation there. An invitation ends when it expires or is revoked: its link
no longer opens, its people no longer see an invited process nor propose or comment on behalf of the
partner; what they wrote stays, with the partner's name.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import joinedload

from participation.clock import brussels_today, end_of_day, utcnow
from participation.extensions import db
from participation.processes.models import InvitationMember, Process, ProcessInvitation

SELECTOR_LENGTH = 16
LONGEST_VALIDITY = timedelta(days=366)
DEFAULT_DAYS = 30


class InvitationError(Exception):
    """A refusal a person should read (translated)."""


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def invitation_by_token(token: str) -> ProcessInvitation | None:
    """The invitation a link holds, whatever its state; None when the link is not one.

    The selector finds the row; the secret is compared with its hash in constant time.
    """
    token = token or ""
    if len(token) <= SELECTOR_LENGTH or len(token) > 200:
        return None
    selector, secret = token[:SELECTOR_LENGTH], token[SELECTOR_LENGTH:]
    invitation = db.session.scalar(
        select(ProcessInvitation).where(ProcessInvitation.selector == selector)
        .options(joinedload(ProcessInvitation.process), joinedload(ProcessInvitation.partner))
    )
    if invitation is None or not hmac.compare_digest(invitation.secret_hash, _hash(secret)):
        return None
    return invitation


def _active(moment: datetime):
    return ProcessInvitation.revoked_at.is_(None) & (ProcessInvitation.expires_at > moment)


def invited_process_ids(user) -> Select:
    """The processes `user` takes part in through an invitation that still holds (a subquery)."""
    return (
        select(InvitationMember.process_id)
        .join(ProcessInvitation, ProcessInvitation.id == InvitationMember.invitation_id)
        .where(InvitationMember.user_id == user.id, _active(utcnow()))
    )


def is_invited(user, process: Process) -> bool:
    if not getattr(user, "is_authenticated", False) or process.id is None:
        return False
    return db.session.scalar(invited_process_ids(user).where(InvitationMember.process_id == process.id)
                             .limit(1)) is not None


def speaks_for(user, process: Process):
    """The partner `user` speaks for in this process now (a `Partner`), or None: what their new ideas
    and comments there are labelled with."""
    if not getattr(user, "is_authenticated", False) or process.id is None:
        return None
    invitation = db.session.scalar(
        select(ProcessInvitation)
        .join(InvitationMember, InvitationMember.invitation_id == ProcessInvitation.id)
        .where(InvitationMember.user_id == user.id, InvitationMember.process_id == process.id,
               _active(utcnow()))
        .options(joinedload(ProcessInvitation.partner))
        .limit(1)
    )
    return invitation.partner if invitation is not None else None


def partner_for(user, process: Process) -> int | None:
    """The id of the partner `user` speaks for in this process now (see `speaks_for`)."""
    partner = speaks_for(user, process)
    return partner.id if partner is not None else None


def membership_of(user, process: Process) -> InvitationMember | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return db.session.scalar(
        select(InvitationMember).where(InvitationMember.user_id == user.id, InvitationMember.process_id == process.id)
        .options(joinedload(InvitationMember.invitation).joinedload(ProcessInvitation.partner))
    )


@dataclass
class InvitationRow:
    invitation: ProcessInvitation
    state: str
    people: int


def invitations_of(process: Process) -> list[InvitationRow]:
    """The invitations of a process, newest first, each with its state and how many people used it."""
    people = (
        select(InvitationMember.invitation_id, func.count().label("people"))
        .group_by(InvitationMember.invitation_id).subquery()
    )
    rows = db.session.execute(
        select(ProcessInvitation, func.coalesce(people.c.people, 0))
        .outerjoin(people, people.c.invitation_id == ProcessInvitation.id)
        .where(ProcessInvitation.process_id == process.id)
        .options(joinedload(ProcessInvitation.partner), joinedload(ProcessInvitation.created_by))
        .order_by(ProcessInvitation.created_at.desc(), ProcessInvitation.id.desc())
    )
    now = utcnow()
    return [InvitationRow(invitation, invitation.state_at(now), count) for invitation, count in rows]


def default_last_day() -> date:
    return brussels_today() + timedelta(days=DEFAULT_DAYS)


def create_invitation(process: Process, partner, last: date, actor) -> tuple[ProcessInvitation, str]:
    """A new link for `partner` in `process`, valid until the end of the day `last` (Brussels).

    Returns the invitation and its link's token: the only time the token exists in full.
    One link per partner and process holds at a time: revoke the old one first.
    """
    today = brussels_today()
    if last is None or last < today:
        raise InvitationError(_("Choose a last day from today on."))
    if end_of_day(last) - utcnow() > LONGEST_VALIDITY:
        raise InvitationError(_("An invitation holds for a year at most."))
    holding = db.session.scalar(
        select(ProcessInvitation.id).where(ProcessInvitation.process_id == process.id,
                                           ProcessInvitation.partner_id == partner.id, _active(utcnow()))
    )
    if holding is not None:
        raise InvitationError(_("%(partner)s already has a link for this process that holds. Revoke it first.",
                                partner=partner.name))
    selector, secret = secrets.token_hex(SELECTOR_LENGTH // 2), secrets.token_urlsafe(32)
    invitation = ProcessInvitation(
        process_id=process.id, partner_id=partner.id, selector=selector, secret_hash=_hash(secret),
        expires_at=end_of_day(last), created_by_id=getattr(actor, "id", None),
    )
    db.session.add(invitation)
    db.session.flush()
    return invitation, selector + secret


def revoke_invitation(invitation: ProcessInvitation, actor) -> bool:
    """End an invitation now; False when it was already revoked."""
    if invitation.revoked_at is not None:
        return False
    invitation.revoked_at = utcnow()
    invitation.revoked_by_id = getattr(actor, "id", None)
    db.session.flush()
    return True


def accept_invitation(invitation: ProcessInvitation, user) -> InvitationMember:
    """Tie `user` to the invitation's partner in its process. A person speaks for one partner per
    process: a link of another partner that still holds is refused; an ended one gives way."""
    if not invitation.is_active:
        raise InvitationError(_("This invitation no longer holds."))
    member = membership_of(user, invitation.process)
    if member is not None:
        if member.invitation_id != invitation.id and member.invitation.is_active \
                and member.invitation.partner_id != invitation.partner_id:
            raise InvitationError(_("You already take part in this process on behalf of %(partner)s.",
                                    partner=member.invitation.partner.name))
        member.invitation_id = invitation.id
    else:
        member = InvitationMember(invitation_id=invitation.id, process_id=invitation.process_id, user_id=user.id)
        db.session.add(member)
    db.session.flush()
    return member


def all_partners() -> list:
    """The partners an invitation can go to, in the city's order."""
    from participation.partners.models import Partner  # partners list processes: import when asked

    return list(db.session.scalars(select(Partner).order_by(Partner.position, Partner.name)))


def processes_of_partner(partner, **_) -> list[Process]:
    """The processes a partner was invited to by a link nobody revoked (held or expired): listed on the
    partner's page (`partners.signals`), to whoever may see them."""
    return list(db.session.scalars(
        select(Process).where(Process.id.in_(
            select(ProcessInvitation.process_id).where(ProcessInvitation.partner_id == partner.id,
                                                       ProcessInvitation.revoked_at.is_(None))
        ))
    ))


def process_counts(_sender, viewer=None, **_) -> dict[int, int]:
    """{partner id: the number of processes it was invited to by a link nobody revoked, among those the
    viewer may see}, in one query: the index counts what the partner's page lists."""
    from participation.processes.services import process_visibility  # services reads this module

    rows = db.session.execute(
        select(ProcessInvitation.partner_id, func.count(func.distinct(ProcessInvitation.process_id)))
        .join(Process, Process.id == ProcessInvitation.process_id)
        .where(ProcessInvitation.revoked_at.is_(None), process_visibility(viewer))
        .group_by(ProcessInvitation.partner_id)
    )
    return dict(rows.all())


def personal_invitations(user) -> list[dict]:
    """For a person's download: the processes they take part in on a partner's behalf."""
    from participation.clock import iso_brussels

    members = db.session.scalars(
        select(InvitationMember).where(InvitationMember.user_id == user.id)
        .options(joinedload(InvitationMember.invitation).joinedload(ProcessInvitation.partner),
                 joinedload(InvitationMember.invitation).joinedload(ProcessInvitation.process))
        .order_by(InvitationMember.joined_at, InvitationMember.id)
    )
    return [{"process": m.invitation.process.title, "partner": m.invitation.partner.name,
             "joined_at": iso_brussels(m.joined_at), "state": m.invitation.state} for m in members]


def forget_invitations(user) -> None:
    """A leaving person no longer takes part for anyone; what they wrote keeps the partner's name."""
    db.session.execute(delete(InvitationMember).where(InvitationMember.user_id == user.id))
