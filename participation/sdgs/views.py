"""The SDG pages: the coloured overview, a page per goal, the city's sentence, and linking ideas."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from participation.access import ADMINISTRATOR, MODERATOR, PUBLIC, access
from participation.core.chapters import chapter_of_goal, chapters
from participation.extensions import db
from participation.ideas.models import Idea
from participation.ideas.queries import listing_audience
from participation.ideas.rules import STATUS_LABELS
from participation.indicators.services import can_manage_indicators, goal_figures
from participation.numbers import parse_int
from participation.page_parts import render_shared
from participation.sdgs import bp, queries, rules
from participation.sdgs.forms import LinkTargetForm, RefuseSuggestionForm, StatementForm
from participation.sdgs.sections import goal_sections
from participation.sdgs.services import (
    SdgError,
    link_idea,
    refuse_suggestion,
    set_city_statement,
    suggestions_for_idea,
    unlink_idea,
)
from participation.security import safe_next


def _language() -> str:
    return str(get_locale() or "nl")


def _goal_or_404(number: int):
    goal = queries.goal_by_number(number)
    if goal is None:
        abort(404)
    return goal


def _idea_or_404(idea_id: int | str | None) -> Idea:
    try:
        idea = db.session.get(Idea, int(idea_id or 0))
    except (TypeError, ValueError):
        idea = None
    if idea is None:
        abort(404)
    return idea


def _back(default: str) -> str:
    return safe_next(request.form.get("next") or request.args.get("next"), default)


@bp.route("/sdgs")
@access(PUBLIC)
def index():
    goals = {goal.number: goal for goal in queries.all_goals()}
    grouped = {number for chapter in chapters() for number in chapter.goals}
    return render_template(
        "sdgs/index.html",
        chapters=chapters(),
        other_goals=[number for number in sorted(goals) if number not in grouped],
        goals=goals,
        statements=queries.statements_by_goal(),
        idea_counts=queries.idea_counts_by_goal(current_user),
        language=_language(),
    )


@bp.route("/sdgs/<int:number>")
@access(PUBLIC)
def goal(number: int):
    """The same for every viewer who sees the same ideas in lists, unless they edit the page (staff):
    its content is then kept for them together (`page_parts.render_shared`)."""
    staff = {
        "can_edit_statement": rules.can_edit_statement(current_user),
        "can_link_ideas": rules.can_link_ideas(current_user),
        "can_manage_indicators": can_manage_indicators(current_user),
    }
    viewer_key = None if any(staff.values()) else listing_audience(current_user)
    return render_shared("sdgs/goal.html", viewer_key, lambda: _goal_page(number, staff))


def _goal_page(number: int, staff: dict[str, bool]) -> dict:
    goal = queries.page_goal(number)
    if goal is None:
        abort(404)
    page = request.args.get("page", 1, type=parse_int)
    ideas, codes = queries.ideas_for_goal(number, current_user, page, current_app.config["PER_PAGE"])
    return dict(
        goal=goal,
        chapter=chapter_of_goal(number),
        statement=queries.page_statements().get(number),
        ideas=ideas,
        idea_codes=codes,
        target_counts=queries.idea_counts_by_target(number, current_user),
        indicators=goal_figures(number),
        goal_sections=goal_sections(number),
        status_labels=STATUS_LABELS,
        language=_language(),
        **staff,
    )


@bp.route("/sdgs/<int:number>/zin", methods=["GET", "POST"])
@access(ADMINISTRATOR)
def statement(number: int):
    goal = _goal_or_404(number)
    current = queries.statements_by_goal().get(number)
    form = StatementForm(data={"sentence": current.sentence if current else ""})
    if form.validate_on_submit():
        try:
            saved = set_city_statement(goal, form.sentence.data, current_user)
        except SdgError as error:
            form.sentence.errors.append(str(error))
        else:
            flash(_("The city's sentence is saved.") if saved else _("The city's sentence is removed."), "success")
            return redirect(url_for("sdgs.goal", number=number))
    return render_template("sdgs/statement.html", goal=goal, form=form, language=_language())


@bp.route("/sdgs/koppelen")
@access(MODERATOR)
def link_page():
    if "idea" not in request.args:
        return _choose_idea()
    idea = _idea_or_404(request.args.get("idea"))
    form = LinkTargetForm(data={"next": _back(url_for("sdgs.link_page", idea=idea.id))})
    return _render_link_page(idea, form)


def _choose_idea():
    search = (request.args.get("q") or "").strip()[:100]
    unlinked = request.args.get("zonder") == "1"
    ideas, counts = queries.ideas_for_linking(
        search, unlinked, request.args.get("page", 1, type=parse_int), current_app.config["PER_PAGE"]
    )
    return render_template(
        "sdgs/choose.html", ideas=ideas, counts=counts, search=search, unlinked=unlinked,
        status_labels=STATUS_LABELS,
    )


def _render_link_page(idea: Idea, form: LinkTargetForm, status: int = 200):
    return render_template(
        "sdgs/link.html", idea=idea, form=form, status_labels=STATUS_LABELS, language=_language(),
        sdg_suggestions=suggestions_for_idea(idea), sdg_links=queries.links_of_idea(idea.id),
        sdg_can_link=rules.can_link_ideas(current_user),
    ), status


@bp.route("/sdgs/ideeen/<int:idea_id>/koppelen", methods=["POST"])
@access(MODERATOR)
def link(idea_id: int):
    idea = _idea_or_404(idea_id)
    form = LinkTargetForm()
    back = _back(url_for("sdgs.link_page", idea=idea.id))
    if form.validate_on_submit():
        try:
            created = link_idea(idea, form.code.data, current_user, suggested=form.suggested.data == "1")
        except SdgError as error:
            form.code.errors.append(str(error))
        else:
            flash(_("The idea is linked to target %(code)s.", code=created.target_code), "success")
            return redirect(back)
    form.next.data = back
    return _render_link_page(idea, form, 400)


@bp.route("/sdgs/ideeen/<int:idea_id>/ontkoppelen/<code>", methods=["POST"])
@access(MODERATOR)
def unlink(idea_id: int, code: str):
    idea = _idea_or_404(idea_id)
    if unlink_idea(idea, code):
        flash(_("The link with target %(code)s is removed.", code=code), "success")
    else:
        flash(_("This idea was not linked to target %(code)s.", code=code), "error")
    return redirect(_back(url_for("sdgs.link_page", idea=idea.id)))


@bp.route("/sdgs/ideeen/<int:idea_id>/suggesties/weigeren", methods=["POST"])
@access(MODERATOR)
def refuse(idea_id: int):
    idea = _idea_or_404(idea_id)
    form = RefuseSuggestionForm()
    back = _back(url_for("sdgs.link_page", idea=idea.id))
    if not form.validate_on_submit():
        abort(400)
    try:
        choice = refuse_suggestion(idea, form.goal.data, form.code.data, current_user)
    except SdgError as error:
        flash(str(error), "error")
    else:
        if choice.target_code:
            flash(_("Target %(code)s is no longer suggested for this idea.", code=choice.target_code), "success")
        else:
            flash(_("Goal %(number)s is no longer suggested for this idea.", number=choice.goal_number), "success")
    return redirect(back)
