"""Pages of sessions: the page per session, recording and changing one, and entering ideas from the room."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from participation.access import ADMINISTRATOR, EMPLOYEE, MODERATOR, PUBLIC, access
from participation.advisory.queries import all_councils, ballot_sources, groups_of, round_by_slug
from participation.extensions import db
from participation.ideas.forms import ButtonForm, IdeaForm
from participation.ideas.services import IdeaError, IdeaText
from participation.meetings import bp, meeting_url, queries, services
from participation.meetings.forms import Line, MeetingForm, attendance_lines, parse_attendance
from participation.meetings.models import Meeting
from participation.numbers import parse_int
from participation.processes.queries import process_by_slug
from participation.processes.services import can_view


def process_meeting_or_404(slug: str, meeting_id: int) -> Meeting:
    meeting = queries.meeting_by_id(meeting_id)
    if meeting is None or meeting.process is None or meeting.process.slug != slug:
        abort(404)
    if not services.can_view_meeting(current_user, meeting):
        abort(404)
    return meeting


def round_meeting_or_404(slug: str, meeting_id: int) -> Meeting:
    meeting = queries.meeting_by_id(meeting_id)
    if meeting is None or meeting.round is None or meeting.round.slug != slug:
        abort(404)
    if not services.can_view_meeting(current_user, meeting):
        abort(404)
    return meeting


def meeting_page(meeting: Meeting) -> str:
    return meeting_url(meeting)


def render_meeting(meeting: Meeting):
    in_round = meeting.round is not None
    can_edit = (services.can_manage_round_meetings(current_user) if in_round
                else services.can_manage_process_meetings(current_user, meeting.process))
    can_enter_outputs = services.can_enter_round_outputs(current_user, meeting)
    may_rank = can_enter_outputs and meeting.round.is_ranking_open and meeting.round.ballot_mode == "secretary"
    return render_template(
        "meetings/show.html", meeting=meeting,
        ideas=queries.ideas_of_meeting(meeting, current_user) if not in_round else [],
        groups=queries.groups_of_meeting(meeting) if in_round else [],
        theme_totals=queries.theme_totals(meeting) if in_round else [],
        rankings=queries.rankings_of_meeting(meeting) if in_round else [],
        room_votes=queries.room_votes_of_meeting(meeting, current_user) if not in_round else [],
        can_enter_room_votes=services.can_enter_room_votes(current_user, meeting),
        round_groups=groups_of(meeting.round) if in_round and can_edit else [],
        ranking_councils=all_councils() if may_rank else [],
        ballot_sources=ballot_sources(meeting.round) if may_rank else {},
        can_edit=can_edit, can_enter_ideas=services.can_enter_room_ideas(current_user, meeting),
        can_enter_outputs=can_enter_outputs, button=ButtonForm(),
    )


@bp.route("/trajecten/<slug>/sessies/<int:meeting_id>")
@access(PUBLIC)
def process_meeting(slug: str, meeting_id: int):
    return render_meeting(process_meeting_or_404(slug, meeting_id))


@bp.route("/adviesraden/rondes/<slug>/sessies/<int:meeting_id>")
@access(PUBLIC)
def round_meeting(slug: str, meeting_id: int):
    return render_meeting(round_meeting_or_404(slug, meeting_id))


@bp.route("/beheer/adviesrondes/<slug>/sessies/<int:meeting_id>/groepen", methods=["POST"])
@access(ADMINISTRATOR)
def round_meeting_groups(slug: str, meeting_id: int):
    meeting = round_meeting_or_404(slug, meeting_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        group_ids = [parse_int(value) for value in request.form.getlist("group")]
        groups = services.set_meeting_groups(meeting, group_ids, current_user)
    except ValueError:
        abort(400)
    except services.MeetingError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(ngettext("%(num)d mixed group met in this session.", "%(num)d mixed groups met in this session.",
                       len(groups)), "success")
    return redirect(meeting_page(meeting))


def meeting_data(form: MeetingForm, rows) -> services.MeetingData:
    return services.MeetingData(
        kind=form.kind.data, title=form.title.data, held_on=form.held_on.data, day_known=not form.month_only.data,
        place=form.place.data or "", facilitator=form.facilitator.data or "", report=form.report.data or "",
        attendance=rows,
    )


def meeting_form(meeting: Meeting | None, save, back: str, context: dict):
    """The form to record or change a session; `save(data)` records it and returns the session."""
    form = MeetingForm(obj=meeting)
    stored = list(meeting.attendance) if meeting is not None else []
    rows = [services.Attendance(row.group, row.count) for row in stored]
    lines = [Line(row.group, str(row.count)) for row in stored]
    row_errors: dict[str, str] = {}
    if meeting is not None and not form.is_submitted():
        form.month_only.data = not meeting.day_known
    if request.method == "POST":
        sent, sent_lines, row_errors = parse_attendance(request.form)
        if sent is not None:
            rows, lines = sent, sent_lines
    if form.validate_on_submit() and not row_errors:
        try:
            saved = save(meeting_data(form, rows))
        except services.MeetingError as error:
            db.session.rollback()
            target = getattr(form, error.field, None) if error.field else None
            if target is not None:
                target.errors = [*target.errors, str(error)]
            elif error.field:
                row_errors[error.field] = str(error)
            else:
                form.form_errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The session “%(title)s” is saved.", title=saved.heading), "success")
            return redirect(meeting_page(saved))
    return render_template("meetings/form.html", form=form, meeting=meeting, rows=attendance_lines(lines),
                           row_errors=row_errors, back=back, **context)


@bp.route("/trajecten/<slug>/sessies/nieuw", methods=["GET", "POST"])
@access(MODERATOR)
def new_for_process(slug: str):
    process = process_by_slug(slug)
    if process is None or not can_view(current_user, process):
        abort(404)
    return meeting_form(None, lambda data: services.record_for_process(process, data, current_user),
                        url_for("processes.show", slug=slug), {"process": process, "round": None})


@bp.route("/beheer/adviesrondes/<slug>/sessies/nieuw", methods=["GET", "POST"])
@access(ADMINISTRATOR)
def new_for_round(slug: str):
    round_ = round_by_slug(slug)
    if round_ is None:
        abort(404)
    return meeting_form(None, lambda data: services.record_for_round(round_, data, current_user),
                        url_for("advisory.round_overview", slug=slug),
                        {"process": None, "round": round_, "councils": all_councils()})


@bp.route("/sessies/<int:meeting_id>/bewerken", methods=["GET", "POST"])
@access(MODERATOR)
def edit(meeting_id: int):
    meeting = queries.meeting_by_id(meeting_id)
    if meeting is None:
        abort(404)
    if meeting.process is not None:
        if not can_view(current_user, meeting.process):
            abort(404)
        if not services.can_manage_process_meetings(current_user, meeting.process):
            abort(403)
    elif not services.can_manage_round_meetings(current_user):
        abort(403)
    return meeting_form(meeting, lambda data: services.update_meeting(meeting, data, current_user),
                        meeting_page(meeting), {"process": meeting.process, "round": meeting.round,
                                                "councils": all_councils() if meeting.round else []})


@bp.route("/trajecten/<slug>/sessies/<int:meeting_id>/ideeen/nieuw", methods=["GET", "POST"])
@access(EMPLOYEE, MODERATOR)
def room_idea(slug: str, meeting_id: int):
    meeting = process_meeting_or_404(slug, meeting_id)
    if not services.can_enter_room_ideas(current_user, meeting):
        abort(403)
    form = IdeaForm()
    if form.validate_on_submit():
        text = IdeaText(title=form.title.data, body=form.body.data, theme=form.theme.data,
                        district_id=form.district_id.data, neighbourhood_id=form.neighbourhood_id.data)
        try:
            idea = services.enter_room_idea(meeting, current_user, text)
        except IdeaError as error:
            db.session.rollback()
            target = getattr(form, error.field, None) if error.field else None
            if target is not None:
                target.errors = [*target.errors, str(error)]
            else:
                form.form_errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The idea “%(title)s” is entered %(source)s. A moderator reads it soon.", title=idea.title,
                    source=services.source_label(meeting)), "success")
            if request.form.get("action") == "another":
                return redirect(url_for("meetings.room_idea", slug=slug, meeting_id=meeting.id))
            return redirect(meeting_page(meeting))
    return render_template("meetings/room_idea.html", meeting=meeting, process=meeting.process, form=form)
