"""What council members (and, once published, everyone) see of a round: proposals, ballots, result, note."""

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.access import COUNCIL_MEMBER, PUBLIC, access
from participation.advisory import bp, queries, services
from participation.advisory.forms import EndorsementForm, ProposalForm, ballot_values, parse_ranks, rank_values
from participation.advisory.models import Council, CouncilRound, Proposal
from participation.core.queries import current_city
from participation.extensions import db


def visible_round(slug: str) -> CouncilRound:
    """A round is for the councils until it is published; then everyone may read it."""
    round_ = queries.round_by_slug(slug)
    if round_ is None or not services.can_view_round(current_user, round_):
        abort(404)
    return round_


def council_or_404(slug: str) -> Council:
    council = queries.council_by_slug(slug)
    if council is None:
        abort(404)
    return council


def refused(message: str, round_: CouncilRound | None = None):
    return render_template("advisory/refused.html", message=message, round=round_), 403


@bp.route("/adviesraden")
@access(PUBLIC)
def index():
    return render_template(
        "advisory/index.html", rounds=queries.rounds(published_only=not services.is_insider(current_user)),
        seats=queries.seats_of(current_user), can_administer=services.can_administer_councils(current_user),
    )


@bp.route("/adviesraden/rondes/<slug>")
@access(PUBLIC)
def round_overview(slug: str):
    from participation.meetings.queries import meetings_of_round
    from participation.meetings.services import can_manage_round_meetings

    round_ = visible_round(slug)
    return render_template(
        "advisory/round.html",
        round=round_,
        meetings=meetings_of_round(round_.id),
        can_record_meeting=can_manage_round_meetings(current_user),
        can_administer=services.can_administer_councils(current_user),
        seats=queries.seats_of(current_user),
        ballot_status=queries.ballot_status(round_),
        endorsements={e.council_id: e for e in queries.endorsements_of(round_)},
        councils=queries.all_councils(),
    )


@bp.route("/adviesraden/rondes/<slug>/voorstellen/<council_slug>", methods=["GET", "POST"])
@access(COUNCIL_MEMBER)
def proposals(slug: str, council_slug: str):
    round_ = visible_round(slug)
    council = council_or_404(council_slug)
    may_write = services.can_write_proposals(current_user, council) and round_.step in ("groups", "proposals")
    form = ProposalForm()
    if request.method == "POST":
        if not services.can_write_proposals(current_user, council):
            return refused(_("Only the secretary or the chair of the %(council)s enters its proposals.",
                             council=council.name), round_)
        if form.validate_on_submit():
            try:
                services.add_proposal(round_, council, current_user, form.title.data, form.elaboration.data or "")
            except services.AdvisoryError as error:
                form.form_errors.append(str(error))
            else:
                db.session.commit()
                flash(_("The proposal is added."), "success")
                return redirect(url_for("advisory.proposals", slug=slug, council_slug=council_slug))
    return render_template(
        "advisory/proposals.html", round=round_, council=council, form=form, may_write=may_write,
        proposals=queries.proposals_of(round_, council),
    )


@bp.route("/adviesraden/rondes/<slug>/voorstellen/<int:proposal_id>/verwijderen", methods=["POST"])
@access(COUNCIL_MEMBER)
def delete_proposal(slug: str, proposal_id: int):
    round_ = visible_round(slug)
    proposal = db.session.get(Proposal, proposal_id)
    if proposal is None or proposal.round_id != round_.id:
        abort(404)
    council_slug = proposal.council.slug
    try:
        services.delete_proposal(proposal, current_user)
    except services.AdvisoryError as error:
        return refused(str(error), round_)
    db.session.commit()
    flash(_("The proposal is removed."), "success")
    return redirect(url_for("advisory.proposals", slug=slug, council_slug=council_slug))


@bp.route("/adviesraden/rondes/<slug>/stembiljet/<council_slug>", methods=["GET", "POST"])
@access(COUNCIL_MEMBER)
def ballot(slug: str, council_slug: str):
    round_ = visible_round(slug)
    council = council_or_404(council_slug)
    if round_.ballot_mode == "secretary" and not services.is_secretary(current_user, council):
        return refused(_("Only the secretary of the %(council)s may submit its ballot.", council=council.name), round_)
    if round_.ballot_mode == "members" and services.membership(current_user, council) is None:
        return refused(_("Only members of the %(council)s rank for it.", council=council.name), round_)
    proposals = queries.proposals_of(round_)
    existing = (
        queries.council_ballot(round_, council) if round_.ballot_mode == "secretary"
        else queries.member_ballot(round_, council, current_user)
    )
    errors: list[str] = []
    field_errors: dict[str, str] = {}
    values: dict[str, str] = {}
    if request.method == "POST":
        entries, field_errors = parse_ranks(request.form)
        values = rank_values(request.form)
        if not field_errors:
            try:
                if round_.ballot_mode == "secretary":
                    services.submit_ballot(round_, council, current_user, entries)
                else:
                    services.submit_member_ballot(round_, council, current_user, entries)
            except services.AdvisoryError as error:
                db.session.rollback()
                errors.append(str(error))
            else:
                db.session.commit()
                flash(_("The ballot of the %(council)s is saved. You can change it until the ranking closes.",
                        council=council.name), "success")
                return redirect(url_for("advisory.round_overview", slug=slug))
    elif existing is not None:
        values = ballot_values(existing)
    return render_template(
        "advisory/ballot.html", round=round_, council=council, proposals=proposals, errors=errors,
        field_errors=field_errors, values=values, source_meeting=getattr(existing, "meeting", None),
    )


@bp.route("/adviesraden/rondes/<slug>/rangschikking")
@access(PUBLIC)
def result(slug: str):
    round_ = visible_round(slug)
    outcome = queries.ranking_result(round_) if round_.has_reached("bundling") else None
    proposals = {proposal.id: proposal for proposal in queries.proposals_of(round_)}
    return render_template(
        "advisory/result.html", round=round_, result=outcome, proposals=proposals,
        ballots=queries.counted_ballots(round_) if outcome else [],
        numbers={candidate: index for index, candidate in enumerate(outcome.candidates, start=1)} if outcome else {},
    )


@bp.route("/adviesraden/rondes/<slug>/onderschrijven/<council_slug>", methods=["GET", "POST"])
@access(COUNCIL_MEMBER)
def endorse(slug: str, council_slug: str):
    round_ = visible_round(slug)
    council = council_or_404(council_slug)
    if not services.is_secretary(current_user, council):
        return refused(_("Only the secretary of the %(council)s answers for it.", council=council.name), round_)
    form = EndorsementForm()
    if form.validate_on_submit():
        try:
            services.decide_endorsement(
                round_, council, current_user, form.decision.data == "endorse", form.reservation.data
            )
        except services.AdvisoryError as error:
            form.form_errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The answer of the %(council)s is saved.", council=council.name), "success")
            return redirect(url_for("advisory.round_overview", slug=slug))
    return render_template("advisory/endorse.html", round=round_, council=council, form=form)


def note_context(round_: CouncilRound) -> dict:
    """What the note itself holds, for its page and its PDF: only the councils' words and who signed."""
    if not round_.has_reached("bundling"):
        abort(404)
    paragraphs = [part.strip() for part in round_.introduction.split("\n\n") if part.strip()]
    endorsements = queries.endorsements_of(round_)
    points = queries.note_points(round_)
    return {
        "round": round_,
        "city": current_city(),
        "collaborating": queries.collaborating_councils(round_),
        "introduction": paragraphs,
        "points": points,
        "conclusion": [point for point in points if point.conclusion],
        "endorsing": [e.council for e in endorsements if e.endorses],
        "reservations": [e for e in endorsements if not e.endorses],
    }


@bp.route("/adviesraden/rondes/<slug>/ambitienota")
@access(PUBLIC)
def note(slug: str):
    context = note_context(visible_round(slug))
    points = context["points"]
    return render_template(
        "advisory/note.html", city_targets=queries.city_targets(points),
        followups=queries.followups(points) if context["round"].is_published else {},
        bundled=[point for point in points if point.proposals], **context,
    )


@bp.route("/adviesraden/rondes/<slug>/ambitienota.pdf")
@access(PUBLIC)
def note_pdf(slug: str):
    from participation.advisory.pdf import render_note_pdf

    round_ = visible_round(slug)
    response = make_response(render_note_pdf(note_context(round_)))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="ambitienota-{round_.slug}.pdf"'
    return response
