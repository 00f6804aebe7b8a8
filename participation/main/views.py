from flask import current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from participation.access import PUBLIC, access
from participation.extensions import db
from participation.main import bp
from participation.main.face import page_city
from participation.main.menu import staff_tools
from participation.processes.queries import visible_processes
from participation.security import safe_next


@bp.app_context_processor
def inject_city():
    return {"city": page_city(), "staff_tools": staff_tools(current_user)}


@bp.route("/")
@access(PUBLIC)
def home():
    return render_template("main/home.html", processes=visible_processes(current_user))


@bp.route("/taal/<code>")
@access(PUBLIC)
def language(code: str):
    """Remember the chosen language in the session, and on the account when logged in."""
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
        if current_user.is_authenticated:
            current_user.locale = code
            db.session.commit()
    return redirect(safe_next(request.args.get("next"), url_for("main.home")))


@bp.route("/toegankelijkheid")
@access(PUBLIC)
def accessibility():
    return render_template("main/accessibility.html")


@bp.route("/privacy")
@access(PUBLIC)
def privacy():
    return render_template("main/privacy.html")
