from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.access import ADMINISTRATOR, PUBLIC, access
from participation.extensions import db
from participation.processes import bp, services
from participation.processes.forms import ProcessForm
from participation.processes.invitations import speaks_for
from participation.processes.models import PHASE_KINDS, Process
from participation.processes.queries import all_processes, shown_process_by_slug, visible_processes
from participation.processes.services import can_view


@bp.route("/trajecten")
@access(PUBLIC)
def index():
    return render_template("processes/index.html", processes=visible_processes(current_user))


@bp.route("/trajecten/<slug>")
@access(PUBLIC)
def show(slug: str):
    from participation.ideas.pages import render_process_page
    from participation.meetings.queries import meetings_of_process
    from participation.meetings.services import can_manage_process_meetings
    from participation.votes.queries import load_my_votes

    process = shown_process_by_slug(slug)
    if process is None or not can_view(current_user, process):
        abort(404)
    return render_process_page(process, meetings=meetings_of_process(process.id),
                               can_record_meeting=can_manage_process_meetings(current_user, process),
                               can_invite=services.can_invite(current_user),
                               can_manage=services.can_manage(current_user),
                               speaking_for=speaks_for(current_user, process),
                               mv=load_my_votes(process, current_user))


def form_data(form: ProcessForm) -> services.ProcessData:
    return services.ProcessData(
        title=form.title.data, slug=form.slug.data, summary=form.summary.data or "",
        description=form.description.data or "", audience=form.audience.data,
        phases=[
            services.PhaseDates(kind, getattr(form, f"{kind}_starts").data, getattr(form, f"{kind}_ends").data)
            for kind in PHASE_KINDS
        ],
    )


def fill_phase_fields(form: ProcessForm, process: Process) -> None:
    for phase in process.phases:
        dates = services.PhaseDates.of(phase)
        getattr(form, f"{phase.kind}_starts").data = dates.starts
        getattr(form, f"{phase.kind}_ends").data = dates.ends


def save(form: ProcessForm, process: Process | None):
    try:
        saved = services.save_process(process, form_data(form))
    except services.ProcessError as error:
        db.session.rollback()
        field = getattr(form, error.field or "title")
        field.errors = [*field.errors, str(error)]
        return None
    db.session.commit()
    flash(_("The process “%(title)s” is saved.", title=saved.title), "success")
    return redirect(url_for("processes.admin_index"))


@bp.route("/beheer/trajecten")
@access(ADMINISTRATOR)
def admin_index():
    return render_template("processes/admin_index.html", processes=all_processes())


@bp.route("/beheer/trajecten/nieuw", methods=["GET", "POST"])
@access(ADMINISTRATOR)
def create():
    form = ProcessForm()
    if form.validate_on_submit():
        response = save(form, None)
        if response is not None:
            return response
    return render_template("processes/form.html", form=form, process=None)


@bp.route("/beheer/trajecten/<int:process_id>", methods=["GET", "POST"])
@access(ADMINISTRATOR)
def edit(process_id: int):
    process = db.get_or_404(Process, process_id)
    form = ProcessForm(obj=process)
    if not form.is_submitted():
        fill_phase_fields(form, process)
    if form.validate_on_submit():
        response = save(form, process)
        if response is not None:
            return response
    return render_template("processes/form.html", form=form, process=process)
