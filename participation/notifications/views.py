"""The notifications page, the mail preference, and stopping the mails from a link without logging in."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.access import AUTHENTICATED, PUBLIC, access
from participation.accounts.services import set_mail_preference
from participation.extensions import db
from participation.notifications import bp, forms, queries, services
from participation.numbers import parse_int


@bp.route("/account/meldingen")
@access(AUTHENTICATED)
def index():
    user = current_user._get_current_object()
    page = queries.notifications_of(user, request.args.get("page", 1, type=parse_int), current_app.config["PER_PAGE"])
    unread_ids = {n.id for n in page.items if n.read_at is None}
    services.mark_all_read(user)
    db.session.commit()
    form = forms.MailPreferenceForm(mail_preference=user.mail_preference, formdata=None)
    return render_template("notifications/index.html", page=page, unread_ids=unread_ids, form=form)


@bp.route("/account/meldingen/mails", methods=["POST"])
@access(AUTHENTICATED)
def mail_preference():
    form = forms.MailPreferenceForm()
    if form.validate_on_submit():
        set_mail_preference(current_user, form.mail_preference.data)
        db.session.commit()
        flash(_("Saved: %(choice)s.", choice=forms.MAIL_PREFERENCE_LABELS[form.mail_preference.data]), "success")
    else:
        flash(_("Choose how you want to hear about changes."), "error")
    if request.form.get("back") == "settings":
        return redirect(url_for("accounts.settings"))
    return redirect(url_for("notifications.index"))


@bp.route("/mail/uitschrijven/<token>", methods=["GET", "POST"])
@access(PUBLIC)
def unsubscribe(token: str):
    """A GET only asks (mail programs open links to check them); the button stops the mails."""
    user = services.user_of_unsubscribe_token(token)
    if user is None:
        return render_template("notifications/unsubscribe.html", user=None, form=None), 404
    form = forms.UnsubscribeForm()
    if form.validate_on_submit():
        set_mail_preference(user, "none")
        db.session.commit()
        return render_template("notifications/unsubscribe.html", user=user, form=None, done=True)
    return render_template("notifications/unsubscribe.html", user=user, form=form, done=False)
