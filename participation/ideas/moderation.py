"""The moderator's side: the screening queue and the screening page with its actions."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from participation.access import MODERATOR, access
from participation.core.chapters import chapter_label
from participation.core.notes import note_of_process
from participation.extensions import db
from participation.ideas import bp, forms, images, keeps, queries, rules, services
from participation.ideas.models import Idea
from participation.ideas.similar import similar_ideas
from participation.mail.services import flush_log_backend
from participation.numbers import parse_int
from participation.processes.services import audiences_visible_to

QUEUE_STATUSES = ("submitted", "hidden", "published")
PUBLISHABLE_TABS = ("submitted", "hidden")


def screened_idea_or_404(idea_id: int) -> Idea:
    idea = queries.idea_by_id(idea_id)
    if idea is None or not queries.is_idea_visible(idea, current_user):
        abort(404)
    return idea


def render_screen(idea: Idea, status_form=None, merge_form=None, correction_form=None, keep_form=None,
                  publish_form=None) -> str:
    from participation.sdgs.services import suggestions_for_idea

    keep = keeps.keep_of(idea)
    if keep_form is None:
        keep_form = forms.KeepForm(formdata=None, chapter=keep.chapter.key if keep else "",
                                   note=keep.note if keep else "")
    return render_template(
        "ideas/screen.html", idea=idea, process=idea.process,
        status_form=status_form or forms.StatusForm(statuses=rules.next_statuses(idea), formdata=None),
        publish_form=(publish_form or forms.PublishForm(formdata=None)) if rules.can_publish(idea) else None,
        merge_form=merge_form or forms.MergeForm(formdata=None),
        correction_form=correction_form or forms.CorrectionForm(obj=idea, formdata=None),
        road=keeps.idea_road(idea, queries.idea_history(idea, current_user)), edits=queries.idea_edits(idea),
        keep=keep, keep_form=keep_form, keep_refusal=keeps.keep_refusal(idea),
        has_note=note_of_process(idea.process_id) is not None, button=forms.ButtonForm(),
        similar=similar_ideas(idea.process_id, idea.title, idea.body, exclude_id=idea.id),
        sdg_suggestions=suggestions_for_idea(idea), photos=images.images_of(idea),
    )


@bp.route("/moderatie/ideeen")
@access(MODERATOR)
def queue():
    status = request.args.get("status", "submitted")
    if status not in QUEUE_STATUSES:
        status = "submitted"
    return render_queue(status, request.args.get("page", 1, type=parse_int))


def render_queue(status: str, page_number: int, publish_form=None):
    page = queries.screening_queue(audiences_visible_to(current_user), status, page_number,
                                   current_app.config["PER_PAGE"])
    if publish_form is None and status in PUBLISHABLE_TABS:
        publish_form = forms.BulkPublishForm(formdata=None)
    return render_template("ideas/queue.html", page=page, status=status, statuses=QUEUE_STATUSES,
                           publish_form=publish_form if status in PUBLISHABLE_TABS else None)


@bp.route("/moderatie/ideeen/publiceren", methods=["POST"])
@access(MODERATOR)
def publish_many():
    """Publish the ideas ticked in the queue, with one explanation (the usual one is filled in)."""
    status = request.form.get("status", "submitted")
    if status not in PUBLISHABLE_TABS:
        status = "submitted"
    form = forms.BulkPublishForm()
    if form.validate_on_submit():
        ideas = queries.ideas_by_ids(form.ideas.data)
        visible = [idea for idea in ideas if queries.is_idea_visible(idea, current_user)]
        try:
            if len(visible) != len(set(form.ideas.data)):
                raise services.IdeaError(_("There is no idea with this number."), "ideas")
            count = services.publish_ideas(visible, current_user, form.explanation.data)
        except services.IdeaError as error:
            db.session.rollback()
            field = getattr(form, error.field or "ideas")
            field.errors = [*field.errors, str(error)]
        else:
            db.session.commit()
            flush_log_backend()
            flash(ngettext("%(num)d idea is published.", "%(num)d ideas are published.", count), "success")
            return redirect(url_for("ideas.queue", status=status))
    return render_queue(status, request.form.get("page", 1, type=parse_int), publish_form=form)


@bp.route("/moderatie/ideeen/<int:idea_id>")
@access(MODERATOR)
def screen(idea_id: int):
    return render_screen(screened_idea_or_404(idea_id))


@bp.route("/moderatie/ideeen/<int:idea_id>/status", methods=["POST"])
@access(MODERATOR)
def change_status(idea_id: int):
    idea = screened_idea_or_404(idea_id)
    form = forms.StatusForm(statuses=rules.next_statuses(idea))
    publishing = request.form.get("form") == "publish"  # the publish panel, with the usual explanation
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
    if publishing:
        publish_form = forms.PublishForm()
        publish_form.validate()
        publish_form.explanation.errors = [*publish_form.explanation.errors,
                                           *[e for e in form.explanation.errors
                                             if e not in publish_form.explanation.errors]]
        return render_screen(idea, publish_form=publish_form)
    return render_screen(idea, status_form=form)


@bp.route("/moderatie/ideeen/<int:idea_id>/samenvoegen", methods=["POST"])
@access(MODERATOR)
def merge(idea_id: int):
    """Merging asks first: the page says what will happen (which idea stays, how many followers and
    votes move, who gets a mail) and merges only when the moderator confirms there."""
    duplicate = screened_idea_or_404(idea_id)
    form = forms.MergeForm()
    if form.validate_on_submit():
        target = db.session.get(Idea, form.target.data)
        if target is not None and not queries.is_idea_visible(target, current_user):
            target = None
        try:
            services.check_merge(duplicate, target, form.explanation.data)
            if form.confirmed.data != "yes":
                return render_template(
                    "ideas/merge_confirm.html", idea=duplicate, target=target, form=form, process=duplicate.process,
                    followers=queries.follower_count(duplicate), mailed=len(services.merge_recipients(duplicate)),
                )
            services.merge_ideas(duplicate, target, current_user, form.explanation.data)
        except services.IdeaError as error:
            db.session.rollback()
            field = getattr(form, error.field or "target")
            field.errors = [*field.errors, str(error)]
        else:
            db.session.commit()
            flush_log_backend()
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


@bp.route("/moderatie/ideeen/<int:idea_id>/fotos/<int:image_id>/verwijderen", methods=["POST"])
@access(MODERATOR)
def remove_photo(idea_id: int, image_id: int):
    """A photo that may not stay (someone shown without consent, an address, anything the text would not
    be allowed to say) goes; the idea stays."""
    idea = screened_idea_or_404(idea_id)
    photo = images.image_of(idea, image_id)
    if photo is None or not forms.ButtonForm().validate_on_submit():
        abort(404 if photo is None else 400)
    images.remove_image(photo)
    db.session.commit()
    flash(_("The photo is removed."), "success")
    return redirect(url_for("ideas.screen", idea_id=idea.id))
