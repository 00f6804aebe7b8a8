from flask import abort, render_template
from flask_login import current_user

from participation.access import PUBLIC, access
from participation.processes import bp
from participation.processes.queries import process_by_slug, visible_processes
from participation.processes.services import can_view


@bp.route("/trajecten")
@access(PUBLIC)
def index():
    return render_template("processes/index.html", processes=visible_processes(current_user))


@bp.route("/trajecten/<slug>")
@access(PUBLIC)
def show(slug: str):
    process = process_by_slug(slug)
    if process is None or not can_view(current_user, process):
        abort(404)
    return render_template("processes/show.html", process=process)
