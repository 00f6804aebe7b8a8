from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation import page_cache
from participation.access import ADMINISTRATOR, AUTHENTICATED, PUBLIC, access
from participation.extensions import db, limiter
from participation.numbers import parse_int
from participation.processes.queries import process_by_slug, shown_process_by_slug
from participation.processes.services import can_view
from participation.security import safe_next
from participation.votes import bp, queries, services
from participation.votes import ranking as rankings
from participation.votes.chart import bar_chart
from participation.votes.forms import VoteRuleForm
from participation.votes.models import APPROVAL
from participation.votes.results import freeze_result
from participation.votes.room import room_votes_of_process
from participation.votes.rules import CLOSED, NONE, OPEN, rule_for, vote_phase, vote_state
from participation.votes.texts import votes_left_text

WEB_CHART_WIDTH = 360  # SVG units: shown 328 px wide on a 360 px phone, at most 26rem on a desktop


def vote_limit() -> str:
    return current_app.config.get("VOTE_RATE_LIMIT", "60 per minute")


def voter_key() -> str:
    if current_user.is_authenticated:
        return f"voter:{current_user.id}"
    return f"address:{request.remote_addr}"


def wants_json() -> bool:
    return request.accept_mimetypes.best_match(["text/html", "application/json"]) == "application/json"


def visible_process_or_404(slug: str):
    """The process a page shows, kept (`shown_process_by_slug`): read it, never write through it."""
    process = shown_process_by_slug(slug)
    if process is None or not can_view(current_user, process):
        abort(404)
    return process


def vote_context_or_404(idea_id: int) -> services.VoteContext:
    context = services.vote_context(idea_id, current_user)
    if context is None:
        abort(404)
    return context


def back(context: services.VoteContext):
    target = safe_next(request.form.get("next") or request.args.get("next"), None)
    return redirect(target or url_for("votes.ranking", slug=context.process_slug))


def answer(context: services.VoteContext, result: services.VoteResult | None, message: str, status: int = 200,
           ok: bool = True):
    """The vote's answer: JSON for votes.js (the new totals, or for a refusal the person's votes as they
    stand), else a message on the page the person came from."""
    if wants_json():
        if result is None:  # refused after writing: read the votes as they stand now
            now = services.vote_context(context.idea_id, current_user)
            result = (now or context).result()
        has_left = result.remaining is None or result.remaining > 0
        body = {
            "message": message, "ok": ok, "idea_id": result.idea_id, "total": result.total, "mine": result.mine,
            "remaining": result.remaining, "remaining_text": votes_left_text(result.used, result.budget),
            "can_cast": has_left and result.mine < result.max_per_idea, "can_withdraw": result.mine > 0,
            "can_cast_more": has_left, "at_max": result.mine >= result.max_per_idea,
        }
        return jsonify(body), status
    flash(message, "success" if ok else "error")
    return back(context)


@bp.route("/stemmen/ideeen/<int:idea_id>", methods=["POST"])
@access(AUTHENTICATED)
@limiter.limit(vote_limit, key_func=voter_key)
def cast(idea_id: int):
    context = vote_context_or_404(idea_id)
    message = _("Your support is counted.") if context.rule.kind == APPROVAL else _("Your vote is counted.")
    try:
        result = services.cast(current_user, context)
    except services.VoteError as error:
        return answer(context, error.result, str(error), error.status, ok=False)
    return answer(context, result, message)


@bp.route("/stemmen/ideeen/<int:idea_id>/intrekken", methods=["POST"])
@access(AUTHENTICATED)
@limiter.limit(vote_limit, key_func=voter_key)
def withdraw(idea_id: int):
    context = vote_context_or_404(idea_id)
    message = _("Your vote is taken back.")  # before the commit, which expires the person asked for the language
    try:
        result = services.withdraw(current_user, context)
    except services.VoteError as error:
        return answer(context, error.result, str(error), error.status, ok=False)
    return answer(context, result, message)


def ranking_page(slug: str):
    """The process (kept, `shown_process_by_slug`), its vote state, the frozen result (after the close) and
    the page of the ranking that the request asks for: the same for the HTML page and its JSON."""
    process = visible_process_or_404(slug)
    state = vote_state(process)
    if state == NONE:
        abort(404)
    search = request.args.get("q", "").strip()[:100]
    page_number = request.args.get("page", 1, type=parse_int)
    per_page = current_app.config["PER_PAGE"]
    snapshot = freeze_result(process) if state == CLOSED else None
    page = None
    if snapshot is not None:
        page = queries.snapshot_rows(snapshot, search, page_number, per_page)
    elif state != "before":
        page = rankings.live_ranking(process.id, search, page_number, per_page)
    return process, state, snapshot, page, search


@bp.route("/trajecten/<slug>/rangschikking")
@access(PUBLIC)
def ranking(slug: str):
    """During the vote phase the live totals, with the vote buttons; after it, the frozen result.

    Totals are shown live rather than hidden until the close: the city wants every step to be
    checkable, the idea pages show each idea's total anyway, and hiding them would only move the
    counting out of sight. The official result is the snapshot frozen at the close."""
    process, state, snapshot, page, search = ranking_page(slug)
    chart = None
    if snapshot is not None and not search and page.page == 1 and page.items:
        chart = bar_chart(page.items, width=WEB_CHART_WIDTH, font_size=13)  # the frozen result's first places
    return render_template(
        "votes/ranking.html", process=process, state=state, phase=vote_phase(process), rule=queries.shown_rule(process),
        snapshot=snapshot, page=page, search=search, chart=chart, room_votes=kept_room_votes(process.id),
        mv=queries.load_my_votes(process, current_user) if state == OPEN else None,
    )


def kept_room_votes(process_id: int) -> int:
    """The votes counted in the room on the process's ideas, kept while the city-wide generation stands (a
    tally entered in the room bumps it)."""
    return page_cache.city_wide(f"room_votes:{process_id}", lambda: room_votes_of_process(process_id),
                                keep_in_request=False)


@bp.route("/trajecten/<slug>/rangschikking.json")
@access(PUBLIC)
def ranking_data(slug: str):
    """The page of the ranking as JSON (same `q` and `page`): what votes.js reads after each vote to
    show the places, shared places and totals that a reload would show."""
    from participation.i18n import belgian_number  # i18n imports features that import this module

    process, state, _snapshot, page, _search = ranking_page(slug)
    rows = page.items if page is not None else []
    return jsonify({
        "process": process.slug, "state": state,
        "page": page.page if page is not None else 1, "pages": page.pages if page is not None else 0,
        "ideas": [
            {"id": row.idea_id, "title": row.title, "votes": row.votes, "votes_text": belgian_number(row.votes),
             "place": row.rank, "shared": row.shared}
            for row in rows
        ],
    })


@bp.route("/beheer/trajecten/<slug>/stemregel", methods=["GET", "POST"])
@access(ADMINISTRATOR)
def rule(slug: str):
    process = process_by_slug(slug) or abort(404)
    if vote_phase(process) is None:
        abort(404)
    current = rule_for(process)
    form = VoteRuleForm(obj=current)
    locked = services.rule_refusal(process)
    if form.validate_on_submit():
        try:
            services.set_rule(process, form.kind.data, form.budget.data, form.max_per_idea.data)
        except services.VoteError as error:
            db.session.rollback()
            form.form_errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The vote rule of %(title)s is saved.", title=process.title), "success")
            return redirect(url_for("votes.totals", slug=process.slug))
    return render_template("votes/rule.html", process=process, form=form, locked=locked, current=current)


@bp.route("/beheer/trajecten/<slug>/stemmen")
@access(ADMINISTRATOR)
def totals(slug: str):
    process = process_by_slug(slug) or abort(404)
    if vote_phase(process) is None:
        abort(404)
    search = request.args.get("q", "").strip()[:100]
    page = rankings.live_ranking(
        process.id, search, request.args.get("page", 1, type=parse_int), current_app.config["PER_PAGE"]
    )
    return render_template(
        "votes/totals.html", process=process, state=vote_state(process), rule=rule_for(process),
        totals=queries.process_totals(process.id), page=page, search=search,
        can_change=services.can_change_rule(process),
    )
