from flask import current_app, flash, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from participation.access import ADMINISTRATOR, AUTHENTICATED, PUBLIC, access
from participation.accounts import bp, forms, services, sessions
from participation.accounts.models import User
from participation.accounts.personal_data import collect_personal_data
from participation.accounts.personal_data import delete_account as remove_account
from participation.accounts.queries import search_users
from participation.clock import brussels_today
from participation.extensions import db, limiter
from participation.mail.services import flush_log_backend, mailbox_url
from participation.numbers import parse_int
from participation.security import is_safe_next, safe_next

# Where a confirmed address leads: the page the person registered from (an invitation link), kept in
# this browser's session, never in the confirmation mail, which the outbox keeps.
AFTER_CONFIRM = "after_confirm"


def login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def mail_interval_text() -> str:
    minutes = current_app.config["ACCOUNT_MAIL_MINUTES"]
    return ngettext(
        "We send at most one such mail per minute to the same address.",
        "We send at most one such mail per %(num)d minutes to the same address.",
        minutes,
    )


@bp.route("/account/registreren", methods=["GET", "POST"])
@access(PUBLIC)
@limiter.limit(login_limit, methods=["POST"])
def register():
    next_url = request.args.get("next")
    if current_user.is_authenticated:
        return redirect(safe_next(next_url, url_for("main.home")))
    form = forms.RegisterForm()
    if form.validate_on_submit():
        if is_safe_next(next_url):
            session[AFTER_CONFIRM] = next_url
        # The same page whether the address is new or has an account (its owner gets a mail).
        services.register_user(form.email.data, form.password.data, form.display_name.data)
        db.session.commit()
        flush_log_backend()
        return render_template("accounts/check_mail.html", email=services.normalise_email(form.email.data),
                               mailbox_url=mailbox_url())
    return render_template("accounts/register.html", form=form, next_url=safe_next(next_url, None))


@bp.route("/account/bevestigen/<token>")
@access(PUBLIC)
def confirm(token: str):
    try:
        user, first_time = services.confirm_email(token)
    except services.AccountError as error:
        flash(str(error), "error")
        return redirect(url_for("accounts.resend_confirmation"))
    next_url = safe_next(session.pop(AFTER_CONFIRM, None), None)
    logs_in = first_time and not current_user.is_authenticated
    if logs_in:
        sessions.log_in(user)
    db.session.commit()
    if logs_in:
        flash(_("Your e-mail address is confirmed and you are logged in. Welcome!"), "success")
        return redirect(next_url or url_for("main.home"))
    if current_user.is_authenticated:
        flash(_("Your e-mail address is confirmed."), "success")
        return redirect(next_url or url_for("main.home"))
    flash(_("Your e-mail address is confirmed. You can log in now."), "success")
    return redirect(url_for("accounts.login", next=next_url))


@bp.route("/account/bevestiging-opnieuw", methods=["GET", "POST"])
@access(PUBLIC)
@limiter.limit(login_limit, methods=["POST"])
def resend_confirmation():
    form = forms.ResendConfirmationForm()
    if form.validate_on_submit():
        user = services.find_user(form.email.data)
        if user is not None and not user.is_confirmed:
            services.send_confirmation(user)
            db.session.commit()
            flush_log_backend()
        flash(_("If an unconfirmed account uses this address, we sent a new link to it."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/resend.html", form=form, mail_interval_text=mail_interval_text())


@bp.route("/account/aanmelden", methods=["GET", "POST"])
@access(PUBLIC)
@limiter.limit(login_limit, methods=["POST"])
def login():
    next_url = request.args.get("next")
    if current_user.is_authenticated:
        return redirect(safe_next(next_url, url_for("main.home")))
    form = forms.LoginForm()
    if form.validate_on_submit():
        result = services.authenticate(form.email.data, form.password.data, request.remote_addr)
        if isinstance(result, User):
            sessions.log_in(result, remember=form.remember.data)
            db.session.commit()
            flash(_("You are logged in."), "success")
            return redirect(safe_next(next_url, url_for("main.home")))
        db.session.commit()
        messages = {
            services.LoginRefusal.WRONG: _("This e-mail address and password do not match."),
            services.LoginRefusal.UNCONFIRMED: _(
                "Confirm your e-mail address first: open the link in the mail we sent you."
            ),
            services.LoginRefusal.WAIT: _(
                "Too many failed attempts from this connection. Wait %(minutes)d minutes, or choose a new "
                "password with “Forgot your password?”.",
                minutes=current_app.config["LOCKOUT_MINUTES"],
            ),
        }
        form.form_errors.append(messages[result])
        return render_template(
            "accounts/login.html", form=form, unconfirmed=result is services.LoginRefusal.UNCONFIRMED,
            next_url=safe_next(next_url, None),
        ), 200
    return render_template("accounts/login.html", form=form, unconfirmed=False, next_url=safe_next(next_url, None))


@bp.route("/account/afmelden", methods=["POST"])
@access(AUTHENTICATED)
def logout():
    sessions.log_out(current_user._get_current_object())
    db.session.commit()
    flash(_("You are logged out."), "success")
    return redirect(url_for("main.home"))


@bp.route("/account/wachtwoord-vergeten", methods=["GET", "POST"])
@access(PUBLIC)
@limiter.limit(login_limit, methods=["POST"])
def forgot_password():
    form = forms.ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        flush_log_backend()
        flash(_("If an account uses this address, we sent it a link to choose a new password."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot.html", form=form, mail_interval_text=mail_interval_text())


@bp.route("/account/nieuw-wachtwoord/<token>", methods=["GET", "POST"])
@access(PUBLIC)
def reset_password(token: str):
    form = forms.ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(token, form.password.data)
        except services.AccountError as error:
            flash(str(error), "error")
            return redirect(url_for("accounts.forgot_password"))
        db.session.commit()
        flash(_("Your password is changed. You can log in now."), "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset.html", form=form)


@bp.route("/account")
@access(AUTHENTICATED)
def profile():
    return render_template("accounts/profile.html")


@bp.route("/account/wachtwoord-wijzigen", methods=["GET", "POST"])
@access(AUTHENTICATED)
@limiter.limit(login_limit, methods=["POST"])
def change_password():
    form = forms.ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        if not services.password_matches(user, form.current_password.data):
            form.current_password.errors.append(_("This password is not right."))
        else:
            remember = sessions.is_remembered()
            services.change_password(user, form.password.data)
            sessions.log_in(user, remember=remember)  # this device stays logged in, the others not
            db.session.commit()
            flash(_("Your password is changed. You are logged out on your other devices."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/change_password.html", form=form)


@bp.route("/beheer/gebruikers")
@access(ADMINISTRATOR)
def users():
    query = request.args.get("q", "").strip()
    page = search_users(query, request.args.get("page", 1, type=parse_int), current_app.config["PER_PAGE"])
    return render_template("accounts/users.html", page=page, query=query)


@bp.route("/beheer/gebruikers/<int:user_id>", methods=["GET", "POST"])
@access(ADMINISTRATOR)
def user_roles(user_id: int):
    user = db.get_or_404(User, user_id)
    form = forms.RolesForm(roles=sorted(user.role_names))
    if form.validate_on_submit():
        services.set_roles(user, form.roles.data)
        db.session.commit()
        flash(_("The roles of %(name)s are saved.", name=user.display_name), "success")
        return redirect(url_for("accounts.users"))
    return render_template("accounts/user_roles.html", user=user, form=form)


@bp.route("/account/mijn-gegevens")
@access(AUTHENTICATED)
def my_data():
    data = collect_personal_data(current_user)
    response = jsonify(data)
    stamp = brussels_today().isoformat()
    response.headers["Content-Disposition"] = f'attachment; filename="mijn-gegevens-{stamp}.json"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/account/verwijderen", methods=["GET", "POST"])
@access(AUTHENTICATED)
def delete_account():
    form = forms.DeleteAccountForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.password.data):
            form.password.errors.append(_("This password is not right."))
        else:
            user = current_user._get_current_object()
            remove_account(user, erase_words=bool(form.erase_comments.data))
            sessions.log_out(user)
            db.session.commit()
            flash(_("Your account is deleted. Your ideas stay, without your name. Thank you for taking part."),
                  "success")
            return redirect(url_for("main.home"))
    return render_template("accounts/delete.html", form=form)


def render_settings(profile_form=None, email_form=None):
    user = current_user._get_current_object()
    return render_template(
        "accounts/settings.html",
        profile_form=profile_form or forms.ProfileForm(display_name=user.display_name, locale=user.locale or "nl",
                                                       formdata=None),
        email_form=email_form or forms.ChangeEmailForm(formdata=None),
        form=forms.MailPreferenceForm(mail_preference=user.mail_preference, formdata=None),
    )


@bp.route("/account/instellingen", methods=["GET", "POST"])
@access(AUTHENTICATED)
def settings():
    form = forms.ProfileForm()
    if request.method == "POST" and form.validate_on_submit():
        try:
            services.update_profile(current_user, form.display_name.data, form.locale.data)
        except services.AccountError as error:
            form.display_name.errors.append(str(error))
        else:
            session["lang"] = current_user.locale
            db.session.commit()
            flash(_("Your settings are saved."), "success")
            return redirect(url_for("accounts.settings"))
    return render_settings(profile_form=form if request.method == "POST" else None)


@bp.route("/account/e-mailadres", methods=["POST"])
@access(AUTHENTICATED)
@limiter.limit(login_limit, methods=["POST"])
def change_email():
    form = forms.ChangeEmailForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        if not services.password_matches(user, form.current_password.data):
            form.current_password.errors.append(_("This password is not right."))
        else:
            try:
                services.request_email_change(user, form.email.data)
            except services.AccountError as error:
                form.email.errors.append(str(error))
            else:
                db.session.commit()
                flush_log_backend()
                flash(_("We sent a link to %(email)s. Open it to use that address; until then nothing changes.",
                        email=services.normalise_email(form.email.data)), "success")
                return redirect(url_for("accounts.settings"))
    return render_settings(email_form=form), 422


@bp.route("/account/e-mailadres-bevestigen/<token>")
@access(PUBLIC)
def confirm_email_change(token: str):
    try:
        services.confirm_email_change(token)
    except services.AccountError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("accounts.settings" if current_user.is_authenticated else "accounts.login"))
    db.session.commit()
    flush_log_backend()
    flash(_("Your new e-mail address is confirmed. Mails now go there."), "success")
    return redirect(url_for("accounts.settings" if current_user.is_authenticated else "accounts.login"))
