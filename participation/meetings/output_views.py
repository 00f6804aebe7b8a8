"""Pages where a facilitator enters what a session produced, each with the session as its source: for a
joint council session the theme votes of its mixed groups and the rankings the councils made in the room;
for a session of a process in its vote phase the votes counted in the room per idea."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from participation.access import MODERATOR, access
from participation.advisory.forms import ballot_values, parse_ranks, rank_values
from participation.advisory.models import THEMES
from participation.advisory.queries import council_ballot, council_by_slug, proposals_of
from participation.extensions import db
from participation.meetings import bp, meeting_url, queries, services
from participation.meetings.views import process_meeting_or_404, round_meeting_or_404
from participation.numbers import parse_int

VOTES_MAX = 9_999


def round_outputs_meeting(slug: str, meeting_id: int):
    meeting = round_meeting_or_404(slug, meeting_id)
    if not services.can_enter_round_outputs(current_user, meeting):
        abort(403)
    return meeting


@bp.route("/adviesraden/rondes/<slug>/sessies/<int:meeting_id>/rangschikking/<council_slug>",
          methods=["GET", "POST"])
@access(MODERATOR)
def session_ballot(slug: str, meeting_id: int, council_slug: str):
    meeting = round_outputs_meeting(slug, meeting_id)
    council = council_by_slug(council_slug)
    if council is None:
        abort(404)
    round_ = meeting.round
    existing = council_ballot(round_, council)
    errors: list[str] = []
    field_errors: dict[str, str] = {}
    values: dict[str, str] = {}
    if request.method == "POST":
        entries, field_errors = parse_ranks(request.form)
        values = rank_values(request.form)
        if not field_errors:
            try:
                services.enter_session_ballot(meeting, council, current_user, entries)
            except services.MeetingError as error:
                db.session.rollback()
                errors.append(str(error))
            else:
                db.session.commit()
                flash(_("The ranking of the %(council)s is saved %(source)s.", council=council.name,
                        source=services.source_label(meeting)), "success")
                return redirect(meeting_url(meeting) + "#rankings-title")
    elif existing is not None:
        values = ballot_values(existing)
    return render_template(
        "meetings/ballot.html", meeting=meeting, round=round_, council=council, existing=existing,
        proposals=proposals_of(round_), errors=errors, field_errors=field_errors, values=values,
    )


def parse_theme_votes(form_data, group_ids: list[int]) -> tuple[dict[int, dict[str, int]], dict[str, str]]:
    """The fields `votes-<group id>-<theme>`: empty is 0; anything but a whole number is an error on its field."""
    votes: dict[int, dict[str, int]] = {}
    errors: dict[str, str] = {}
    for group_id in group_ids:
        counts = votes.setdefault(group_id, {})
        for theme in THEMES:
            name = f"votes-{group_id}-{theme}"
            value = (form_data.get(name) or "").strip()
            try:
                counts[theme] = parse_int(value) if value else 0
            except ValueError:
                counts[theme] = 0
                errors[name] = str(_l("Fill in a whole number of 0 or more."))
            else:
                if counts[theme] > VOTES_MAX:
                    errors[name] = str(_l("Fill in a whole number of 0 or more."))
    return votes, errors


@bp.route("/adviesraden/rondes/<slug>/sessies/<int:meeting_id>/themastemmen", methods=["GET", "POST"])
@access(MODERATOR)
def session_theme_votes(slug: str, meeting_id: int):
    meeting = round_outputs_meeting(slug, meeting_id)
    groups = queries.groups_of_meeting(meeting)
    values = {f"votes-{group.id}-{vote.theme}": str(vote.votes) for group in groups for vote in group.theme_votes}
    errors: list[str] = []
    field_errors: dict[str, str] = {}
    if request.method == "POST" and groups:
        votes, field_errors = parse_theme_votes(request.form, [group.id for group in groups])
        values = {key: request.form.get(key, "") for key in request.form if key.startswith("votes-")}
        if not field_errors:
            try:
                services.enter_theme_votes(meeting, votes, current_user)
            except services.MeetingError as error:
                db.session.rollback()
                errors.append(str(error))
            else:
                db.session.commit()
                flash(_("The theme votes of the mixed groups are saved %(source)s.",
                        source=services.source_label(meeting)), "success")
                return redirect(meeting_url(meeting) + "#groups-title")
    return render_template("meetings/theme_votes.html", meeting=meeting, round=meeting.round, groups=groups,
                           values=values, errors=errors, field_errors=field_errors,
                           back=url_for("meetings.round_meeting", slug=slug, meeting_id=meeting.id))


@bp.route("/trajecten/<slug>/sessies/<int:meeting_id>/stemmen", methods=["GET", "POST"])
@access(MODERATOR)
def room_votes(slug: str, meeting_id: int):
    """The votes counted in the room per idea, entered by the session's facilitator during the vote phase."""
    from participation.votes.room import tallies_of_meeting, votable_ideas

    meeting = process_meeting_or_404(slug, meeting_id)
    if not services.can_manage_process_meetings(current_user, meeting.process):
        abort(403)
    may_enter = services.can_enter_room_votes(current_user, meeting)
    ideas = votable_ideas(meeting.process) if may_enter else []
    values = {f"votes-{idea_id}": str(votes) for idea_id, votes in tallies_of_meeting(meeting.id).items()}
    errors: list[str] = []
    field_errors: dict[str, str] = {}
    if request.method == "POST" and may_enter:
        tallies: dict[int, int] = {}
        for idea in ideas:
            name = f"votes-{idea.id}"
            value = (request.form.get(name) or "").strip()
            try:
                tallies[idea.id] = parse_int(value) if value else 0
            except ValueError:
                field_errors[name] = str(_l("Fill in a whole number of 0 or more."))
        values = {key: request.form.get(key, "") for key in request.form if key.startswith("votes-")}
        if not field_errors:
            try:
                total = services.enter_room_votes(meeting, tallies, current_user)
            except services.MeetingError as error:
                db.session.rollback()
                if error.field:
                    field_errors[error.field] = str(error)
                else:
                    errors.append(str(error))
            else:
                db.session.commit()
                flash(ngettext("%(num)d vote from the room is saved.", "%(num)d votes from the room are saved.",
                               total), "success")
                return redirect(meeting_url(meeting) + "#room-votes-title")
    return render_template("meetings/room_votes.html", meeting=meeting, process=meeting.process, ideas=ideas,
                           may_enter=may_enter, values=values, errors=errors, field_errors=field_errors)
