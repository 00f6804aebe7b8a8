"""The moderator's side: the screening queue and the screening page with its actions."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.access import MODERATOR, access
from participation.core.chapters import chapter_label
from participation.core.notes import note_of_process
from participation.extensions import db
from participation.ideas import bp, forms, keeps, queries, rules, services
from participation.ideas.models import Idea
from participation.ideas.similar import similar_ideas
from participation.mail.services import flush_log_backend
from participation.numbers import parse_int
from participation.processes.services import audiences_visible_to

QUEUE_STATUSES = ("submitted", "hidden", "published")


def screened_idea_or_404(idea_id: int) -> Idea:
    idea = queries.idea_by_id(idea_id)
    if idea is None or not queries.is_idea_visible(idea, current_user):
        abort(404)
    return idea


def render_screen(idea: Idea, status_form=None, merge_form=None, correction_form=None, keep_form=None) -> str:
    from participation.sdgs.services import suggestions_for_idea

    keep = keeps.keep_of(idea)
    if keep_form is None:
        keep_form = forms.KeepForm(formdata=None, chapter=keep.chapter.key if keep else "",
                                   note=keep.note if keep else "")
    return render_template(
        "ideas/screen.html", idea=idea, process=idea.process,
        status_form=status_form or forms.StatusForm(statuses=rules.next_statuses(idea), formdata=None),
        merge_form=merge_form or forms.MergeForm(formdata=None),
        correction_form=correction_form or forms.CorrectionForm(obj=idea, formdata=None),
        road=keeps.idea_road(idea, queries.idea_history(idea)), edits=queries.idea_edits(idea),
        keep=keep, keep_form=keep_form, keep_refusal=keeps.keep_refusal(idea),
        has_note=note_of_process(idea.process_id) is not None, button=forms.ButtonForm(),
        similar=similar_ideas(idea.process_id, idea.title, idea.body, exclude_id=idea.id),
        sdg_suggestions=suggestions_for_idea(idea),
    )


@bp.route("/moderatie/ideeen")
@access(MODERATOR)
def queue():
    status = request.args.get("status", "submitted")
    if status not in QUEUE_STATUSES:
        status = "submitted"
    page = queries.screening_queue(audiences_visible_to(current_user), status,
                                   request.args.get("page", 1, type=parse_int), current_app.config["PER_PAGE"])
    return render_template("ideas/queue.html", page=page, status=status, statuses=QUEUE_STATUSES)


@bp.route("/moderatie/ideeen/<int:idea_id>")
@access(MODERATOR)
def screen(idea_id: int):
    return render_screen(screened_idea_or_404(idea_id))


@bp.route("/moderatie/ideeen/<int:idea_id>/status", methods=["POST"])
@access(MODERATOR)
def change_status(idea_id: int):
    idea = screened_idea_or_404(idea_id)
    form = forms.StatusForm(statuses=rules.next_statuses(idea))
    if form.validate_on_submit():
        try:
            services.set_status(idea, form.status.data, current_user, form.explanation.data)
        except services.IdeaError as error:
            db.session.rollback()
            form.explanation.errors = [*form.explanation.errors, str(error)]
        else:
            db.session.commit()
            flush_log_backend()
            flash(_("The idea is now: %(status)s.", status=rules.STATUS_LABELS[idea.status]), "success")
            return redirect(url_for("ideas.screen", idea_id=idea.id))
    return render_screen(idea, status_form=form)


@bp.route("/moderatie/ideeen/<int:idea_id>/samenvoegen", methods=["POST"])
@access(MODERATOR)
def merge(idea_id: int):
    duplicate = screened_idea_or_404(idea_id)
    form = forms.MergeForm()
    if form.validate_on_submit():
        target = db.session.get(Idea, form.target.data)
        try:
            if target is None:
                raise services.IdeaError(_("There is no idea with this number."), "target")
            services.merge_ideas(duplicate, target, current_user, form.explanation.data)
        except services.IdeaError as error:
            db.session.rollback()
            form.target.errors = [*form.target.errors, str(error)]
        else:
            db.session.commit()
            flash(_("The idea is merged into “%(title)s”. Its followers and votes moved along.",
                    title=target.title), "success")
            return redirect(url_for("ideas.screen", idea_id=target.id))
    return render_screen(duplicate, merge_form=form)


@bp.route("/moderatie/ideeen/<int:idea_id>/corrigeren", methods=["POST"])
@access(MODERATOR)
def correct(idea_id: int):
    idea = screened_idea_or_404(idea_id)
    form = forms.CorrectionForm()
    if form.validate_on_submit():
        try:
            services.correct_idea(idea, current_user, form.title.data, form.body.data, form.reason.data)
        except services.IdeaError as error:
            db.session.rollback()
            field = getattr(form, error.field or "reason")
            field.errors = [*field.errors, str(error)]
        else:
            db.session.commit()
            flash(_("The correction is saved and shown on the idea."), "success")
            return redirect(url_for("ideas.screen", idea_id=idea.id))
    return render_screen(idea, correction_form=form)


@bp.route("/moderatie/ideeen/<int:idea_id>/hoofdstuk", methods=["POST"])
@access(MODERATOR)
def keep_for_chapter(idea_id: int):
    idea = screened_idea_or_404(idea_id)
    form = forms.KeepForm()
    if form.validate_on_submit():
        try:
            keeps.keep_for_chapter(idea, form.chapter.data, form.note.data, current_user)
        except services.IdeaError as error:
            db.session.rollback()
            field = getattr(form, error.field or "note")
            field.errors = [*field.errors, str(error)]
        else:
            db.session.commit()
            flash(_("The idea is kept for the chapter %(chapter)s.", chapter=chapter_label(form.chapter.data)),
                  "success")
            return redirect(url_for("ideas.screen", idea_id=idea.id))
    return render_screen(idea, keep_form=form)


@bp.route("/moderatie/ideeen/<int:idea_id>/hoofdstuk/intrekken", methods=["POST"])
@access(MODERATOR)
def withdraw_keep(idea_id: int):
    idea = screened_idea_or_404(idea_id)
    if forms.ButtonForm().validate_on_submit():
        try:
            keeps.withdraw_keep(idea, current_user)
        except services.IdeaError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("The idea is no longer kept for a chapter."), "success")
    return redirect(url_for("ideas.screen", idea_id=idea.id))
