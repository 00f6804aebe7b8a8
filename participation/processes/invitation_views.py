"""Pages of partners' invitations: making and revoking the links of a process, and opening one."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.access import AUTHENTICATED, MODERATOR, PUBLIC, access
from participation.extensions import db, limiter
from participation.processes import bp, invitations
from participation.processes.forms import ButtonForm, InvitationForm
from participation.processes.models import Process, ProcessInvitation
from participation.serving import public_url


def token_limit() -> str:
    """An invitation link is a key: its routes are limited like logging in, against guessing."""
    return current_app.config["LOGIN_RATE_LIMIT"]


def invitation_form() -> InvitationForm:
    form = InvitationForm()
    form.partner_id.choices = [(partner.id, partner.name) for partner in invitations.all_partners()]
    if not form.is_submitted():
        form.last_day.data = invitations.default_last_day()
    return form


def render_invitations(process: Process, form: InvitationForm, new_link: str | None = None,
                       new_partner=None, status: int = 200):
    return render_template(
        "processes/invitations.html", process=process, form=form, rows=invitations.invitations_of(process),
        new_link=new_link, new_partner=new_partner, button_form=ButtonForm(formdata=None),
    ), status


@bp.route("/beheer/trajecten/<int:process_id>/uitnodigingen", methods=["GET", "POST"])
@access(MODERATOR)
def invitations_page(process_id: int):
    process = db.get_or_404(Process, process_id)
    form = invitation_form()
    if form.validate_on_submit():
        partner = next(p for p in invitations.all_partners() if p.id == form.partner_id.data)
        try:
            invitation, token = invitations.create_invitation(process, partner, form.last_day.data, current_user)
        except invitations.InvitationError as error:
            db.session.rollback()
            form.last_day.errors = [*form.last_day.errors, str(error)]
        else:
            db.session.commit()
            # Shown once, here: only a hash of the link is kept.
            return render_invitations(process, invitation_form(),
                                      new_link=public_url("processes.open_invitation", token=token),
                                      new_partner=invitation.partner)
    return render_invitations(process, form, status=422 if form.errors else 200)


@bp.route("/beheer/trajecten/<int:process_id>/uitnodigingen/<int:invitation_id>/intrekken", methods=["POST"])
@access(MODERATOR)
def revoke_invitation(process_id: int, invitation_id: int):
    invitation = db.get_or_404(ProcessInvitation, invitation_id)
    if invitation.process_id != process_id:
        abort(404)
    if ButtonForm().validate_on_submit() and invitations.revoke_invitation(invitation, current_user):
        db.session.commit()
        flash(_("The link of %(partner)s is revoked: it no longer opens, and its people no longer take part "
                "through it.", partner=invitation.partner.name), "success")
    return redirect(url_for("processes.invitations_page", process_id=process_id))


def found_invitation_or_404(token: str) -> ProcessInvitation:
    invitation = invitations.invitation_by_token(token)
    if invitation is None:
        abort(404)
    return invitation


def gone(invitation: ProcessInvitation, state: str):
    """An ended link says why, as a 410: the address was right, but what it opened is gone."""
    return render_template("processes/invitation_gone.html", invitation=invitation, state=state), 410


@bp.route("/uitnodiging/<token>")
@access(PUBLIC)
@limiter.limit(token_limit)
def open_invitation(token: str):
    invitation = found_invitation_or_404(token)
    state = invitation.state
    if state != "active":
        return gone(invitation, state)
    member = invitations.membership_of(current_user, invitation.process)
    return render_template(
        "processes/invitation.html", invitation=invitation, token=token, form=ButtonForm(formdata=None),
        is_member=member is not None and member.invitation_id == invitation.id,
        other_partner=invitations.speaks_for(current_user, invitation.process),
        login_url=url_for("accounts.login", next=request.path),
    )


@bp.route("/uitnodiging/<token>/aanvaarden", methods=["POST"])
@access(AUTHENTICATED)
@limiter.limit(token_limit)
def accept_invitation(token: str):
    invitation = found_invitation_or_404(token)
    state = invitation.state
    if state != "active":
        return gone(invitation, state)
    if not ButtonForm().validate_on_submit():
        return redirect(url_for("processes.open_invitation", token=token))
    try:
        invitations.accept_invitation(invitation, current_user)
    except invitations.InvitationError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("processes.open_invitation", token=token))
    db.session.commit()
    flash(_("You now take part in “%(process)s” on behalf of %(partner)s.", process=invitation.process.title,
            partner=invitation.partner.name), "success")
    return redirect(url_for("processes.show", slug=invitation.process.slug))
