"""The resident's side of ideas: the list on a process page, submitting, the idea page, following."""

import random

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.access import AUTHENTICATED, EMPLOYEE, MODERATOR, PUBLIC, access
from participation.core.chapters import chapters
from participation.core.notes import note_of_process
from participation.core.queries import district_choices, neighbourhood_choices
from participation.extensions import db, limiter
from participation.ideas import bp, forms, keeps, queries, rules, services
from participation.ideas.models import Idea
from participation.ideas.sections import card_facts, idea_sections
from participation.ideas.similar import similar_ideas, similar_to_idea
from participation.numbers import parse_int
from participation.processes.models import Process
from participation.processes.queries import process_by_slug
from participation.processes.services import can_view, is_shareable


def submit_limit() -> str:
    return current_app.config["SUBMIT_RATE_LIMIT"]


def visible_process_or_404(slug: str) -> Process:
    process = process_by_slug(slug)
    if process is None or not can_view(current_user, process):
        abort(404)
    return process


def visible_idea_or_404(idea_id: int) -> Idea:
    idea = queries.idea_by_id(idea_id)
    if idea is None or not queries.is_idea_visible(idea, current_user):
        abort(404)
    return idea


def shuffle_seed() -> int:
    """A random order that stays the same for one visitor while they page through it."""
    if "shuffle_seed" not in session:
        session["shuffle_seed"] = random.randint(1, queries.SHUFFLE_MODULUS - 1)
    return session["shuffle_seed"]


def render_process_page(process: Process):
    """The process page: what it is about, its phases, and its ideas with filters and pages."""
    filters = queries.IdeaFilters.from_args(request.args)
    page = queries.process_ideas(
        process, filters, current_user, request.args.get("page", 1, type=parse_int), current_app.config["PER_PAGE"],
        seed=shuffle_seed() if filters.sort == "random" else 1,
    )
    return render_template(
        "ideas/process.html", process=process, page=page, filters=filters, chapters=chapters(),
        districts=district_choices(), neighbourhoods=neighbourhood_choices(),
        can_propose=rules.can_propose(current_user, process),
        can_enter_for_resident=rules.can_enter_for_resident(current_user, process),
        propose_open=rules.is_propose_open(process), shareable=is_shareable(process),
        card_facts=card_facts(page.items),
        note=note_of_process(process.id),
    )


def apply_error(form, error: services.IdeaError) -> None:
    field = getattr(form, error.field, None) if error.field else None
    if field is not None:
        field.errors = [*field.errors, str(error)]
    else:
        form.form_errors.append(str(error))


def idea_text(form) -> services.IdeaText:
    return services.IdeaText(title=form.title.data, body=form.body.data, theme=form.theme.data,
                             district_id=form.district_id.data, neighbourhood_id=form.neighbourhood_id.data)


def closed(process: Process):
    return render_template("ideas/closed.html", process=process), 403


def wants_similar() -> bool:
    return request.form.get("action") == "similar"


def wants_preview() -> bool:
    """The Preview button: show the text as it will look, save nothing."""
    return request.method == "POST" and request.form.get("action") == "preview"


@bp.route("/trajecten/<slug>/ideeen/nieuw", methods=["GET", "POST"])
@access(AUTHENTICATED)
@limiter.limit(submit_limit, methods=["POST"])
def new(slug: str):
    process = visible_process_or_404(slug)
    if not rules.can_propose(current_user, process):
        return closed(process)
    form = forms.IdeaForm()
    similar = []
    if request.method == "POST" and form.title.data:
        similar = similar_ideas(process.id, form.title.data, form.body.data or "")
    if not wants_preview() and form.validate_on_submit() and not wants_similar():
        try:
            idea = services.submit_idea(process, current_user, idea_text(form))
        except services.IdeaError as error:
            db.session.rollback()
            apply_error(form, error)
        else:
            db.session.commit()
            flash(_("Thank you! Your idea is submitted. A moderator reads it soon and then publishes it."),
                  "success")
            return redirect(url_for("ideas.show", idea_id=idea.id))
    return render_template("ideas/new.html", process=process, form=form, similar=similar,
                           checked=wants_similar(), preview=wants_preview())


@bp.route("/trajecten/<slug>/ideeen/loket", methods=["GET", "POST"])
@access(EMPLOYEE, MODERATOR)
def desk(slug: str):
    process = visible_process_or_404(slug)
    if not rules.can_enter_for_resident(current_user, process):
        return closed(process)
    form = forms.DeskIdeaForm()
    similar = []
    if request.method == "POST" and form.title.data:
        similar = similar_ideas(process.id, form.title.data, form.body.data or "")
    if not wants_preview() and form.validate_on_submit() and not wants_similar():
        resident = services.OnBehalf(name=form.resident_name.data, contact=form.resident_contact.data,
                                     consent=form.consent.data)
        try:
            idea = services.enter_for_resident(process, current_user, idea_text(form), resident)
        except services.IdeaError as error:
            db.session.rollback()
            apply_error(form, error)
        else:
            db.session.commit()
            flash(_("The idea of %(name)s is entered. A moderator reads it soon.", name=idea.on_behalf_name),
                  "success")
            return redirect(url_for("ideas.show", idea_id=idea.id))
    return render_template("ideas/desk.html", process=process, form=form, similar=similar,
                           checked=wants_similar(), preview=wants_preview())


@bp.route("/trajecten/<slug>/ideeen/gelijkaardig")
@access(PUBLIC)
def similar(slug: str):
    """The similar ideas as a piece of HTML, for the form that shows them while someone types."""
    process = visible_process_or_404(slug)
    found = similar_ideas(process.id, request.args.get("titel", "")[:200], request.args.get("tekst", "")[:2000])
    return render_template("ideas/_similar_live.html", similar=found)


@bp.route("/ideeen/<int:idea_id>")
@access(PUBLIC)
def show(idea_id: int):
    idea = visible_idea_or_404(idea_id)
    if (idea.status == "merged" and not rules.is_moderator(current_user)
            and queries.is_idea_visible(idea.merged_into, current_user)):
        flash(_("This idea was merged with a similar one. You find it here."), "info")
        return redirect(url_for("ideas.show", idea_id=idea.merged_into_id))
    return render_template(
        "ideas/show.html", idea=idea, process=idea.process,
        road=keeps.idea_road(idea, queries.idea_history(idea)), edits=queries.idea_edits(idea),
        merged=queries.merged_into_this(idea, current_user), followers=queries.follower_count(idea),
        is_following=services.is_following(current_user, idea),
        can_follow=rules.can_follow(current_user, idea), can_edit=rules.can_edit_own(current_user, idea),
        is_moderator=rules.is_moderator(current_user), is_own=rules.is_own(current_user, idea),
        shareable=rules.is_shareable(idea),
        similar=similar_to_idea(idea) if idea.is_public else [],
        button=forms.ButtonForm(), sections=idea_sections(idea, current_user),
    )


@bp.route("/ideeen/<int:idea_id>/bewerken", methods=["GET", "POST"])
@access(AUTHENTICATED)
def edit(idea_id: int):
    idea = visible_idea_or_404(idea_id)
    if not rules.can_edit_own(current_user, idea):
        abort(403)
    form = forms.IdeaForm(obj=idea)
    if not wants_preview() and form.validate_on_submit():
        try:
            services.edit_own_idea(idea, current_user, idea_text(form))
        except services.IdeaError as error:
            db.session.rollback()
            apply_error(form, error)
        else:
            db.session.commit()
            flash(_("Your changes are saved."), "success")
            return redirect(url_for("ideas.show", idea_id=idea.id))
    return render_template("ideas/edit.html", idea=idea, process=idea.process, form=form, preview=wants_preview())


@bp.route("/ideeen/<int:idea_id>/volgen", methods=["POST"])
@access(AUTHENTICATED)
def follow(idea_id: int):
    idea = visible_idea_or_404(idea_id)
    if not forms.ButtonForm().validate_on_submit():
        abort(400)
    try:
        services.follow(current_user, idea)
    except services.IdeaError:
        abort(403)
    db.session.commit()
    flash(_("You follow this idea. We send you a mail when its status changes."), "success")
    return redirect(url_for("ideas.show", idea_id=idea.id))


@bp.route("/ideeen/<int:idea_id>/niet-meer-volgen", methods=["POST"])
@access(AUTHENTICATED)
def unfollow(idea_id: int):
    idea = visible_idea_or_404(idea_id)
    if not forms.ButtonForm().validate_on_submit():
        abort(400)
    services.unfollow(current_user, idea)
    db.session.commit()
    flash(_("You no longer follow this idea."), "success")
    return redirect(url_for("ideas.show", idea_id=idea.id))


@bp.route("/account/ideeen")
@access(AUTHENTICATED)
def mine():
    page = queries.my_ideas(current_user, request.args.get("page", 1, type=parse_int), current_app.config["PER_PAGE"])
    return render_template("ideas/mine.html", page=page, card_facts=card_facts(page.items))


@bp.route("/account/gevolgde-ideeen")
@access(AUTHENTICATED)
def followed():
    page = queries.followed_ideas(current_user, request.args.get("page", 1, type=parse_int),
                                  current_app.config["PER_PAGE"])
    return render_template("ideas/followed.html", page=page, card_facts=card_facts(page.items))
