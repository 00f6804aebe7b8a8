from datetime import timedelta

from participation.clock import brussels_today, utcnow
from participation.extensions import db
from participation.partners.models import Partner
from participation.processes import invitations
from tests.security.table import MODERATOR, Check, everyone, only, signed_in


def build(world, make_user, make_process) -> None:
    w13 = Partner(slug="w13", name="W13", full_name="Intergemeentelijke vereniging W13")
    leiedal = Partner(slug="leiedal", name="Leiedal", position=1)
    db.session.add_all([w13, leiedal])
    world.invited_process = make_process("invited", slug="uitgenodigd")
    moderator = make_user("moderator")
    last = brussels_today() + timedelta(days=10)
    world.invitation, world.invitation_token = invitations.create_invitation(world.invited_process, w13, last,
                                                                               moderator)
    revoked, world.revoked_token = invitations.create_invitation(world.invited_process, leiedal, last, moderator)
    invitations.revoke_invitation(revoked, moderator)
    other = make_process("public", slug="met-partners")
    expired, world.expired_token = invitations.create_invitation(other, w13, last, moderator)
    expired.expires_at = utcnow() - timedelta(days=1)
    world.partner = w13
    db.session.commit()


ROUTES = {
    "processes.invitations_page": [
        Check(lambda w: f"/beheer/trajecten/{w.invited_process.id}/uitnodigingen", only(MODERATOR)),
        Check(lambda w: f"/beheer/trajecten/{w.invited_process.id}/uitnodigingen", only(MODERATOR, code=422),
              method="POST", data=lambda w: {}, note="no partner chosen: the form comes back with its errors"),
        Check(lambda w: "/beheer/trajecten/999999/uitnodigingen", only(MODERATOR, code=404)),
    ],
    "processes.revoke_invitation": [
        Check(lambda w: f"/beheer/trajecten/{w.invited_process.id}/uitnodigingen/{w.invitation.id}/intrekken",
              only(MODERATOR, code=302), method="POST", data=lambda w: {}),
        Check(lambda w: f"/beheer/trajecten/999999/uitnodigingen/{w.invitation.id}/intrekken",
              only(MODERATOR, code=404), method="POST", data=lambda w: {},
              note="an invitation is found under its own process only"),
    ],
    "processes.open_invitation": [
        Check(lambda w: f"/uitnodiging/{w.invitation_token}", everyone()),
        Check(lambda w: f"/uitnodiging/{w.revoked_token}", everyone(410)),
        Check(lambda w: f"/uitnodiging/{w.expired_token}", everyone(410)),
        Check(lambda w: f"/uitnodiging/{w.invitation_token[:16]}verkeerd-geheim", everyone(404)),
        Check(lambda w: "/uitnodiging/bestaat-niet", everyone(404)),
    ],
    "processes.accept_invitation": [
        Check(lambda w: f"/uitnodiging/{w.invitation_token}/aanvaarden", signed_in(302), method="POST",
              data=lambda w: {}),
        Check(lambda w: f"/uitnodiging/{w.revoked_token}/aanvaarden", signed_in(410),
              method="POST", data=lambda w: {}),
        Check(lambda w: "/uitnodiging/bestaat-niet/aanvaarden", signed_in(404), method="POST", data=lambda w: {}),
    ],
}

RATE_LIMITED = {"processes.accept_invitation": "LOGIN_RATE_LIMIT"}
