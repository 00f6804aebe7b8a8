"""Comments: writing and answering on an idea's page, reporting, and the moderators' queue."""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from participation.access import AUTHENTICATED, MODERATOR, access
from participation.comments import bp, forms, queries, rules, services
from participation.comments.models import Comment
from participation.extensions import db, limiter
from participation.ideas import queries as idea_queries
from participation.ideas.models import Idea
from participation.mail.services import flush_log_backend
from participation.numbers import parse_int


def submit_limit() -> str:
    return current_app.config["SUBMIT_RATE_LIMIT"]


def readable_idea_or_404(idea_id: int) -> Idea:
    idea = idea_queries.idea_by_id(idea_id)
    if idea is None or not rules.can_read_comments(current_user, idea):
        abort(404)
    return idea


def readable_comment_or_404(comment_id: int) -> Comment:
    comment = queries.comment_by_id(comment_id)
    if comment is None or not rules.can_read_comments(current_user, comment.idea):
        abort(404)
    return comment


def back_to(comment: Comment):
    return redirect(url_for("ideas.show", idea_id=comment.idea_id, _anchor=f"reactie-{comment.id}"))


@bp.route("/ideeen/<int:idea_id>/reacties", methods=["POST"])
@access(AUTHENTICATED)
@limiter.limit(submit_limit, methods=["POST"])
def post(idea_id: int):
    idea = readable_idea_or_404(idea_id)
    if not rules.can_comment(current_user, idea):
        abort(403)
    form = forms.CommentForm()
    parent = None
    if form.parent_id.data:
        try:
            parent = db.session.get(Comment, parse_int(form.parent_id.data))
        except ValueError:
            parent = None
        if parent is None:
            abort(404)
    if form.validate_on_submit():
        try:
            comment = services.post_comment(idea, current_user, form.body.data, parent=parent,
                                            official=bool(form.official.data))
        except services.CommentError as error:
            db.session.rollback()
            form.body.errors = [*form.body.errors, str(error)]
        else:
            db.session.commit()
            flush_log_backend()
            flash(_("Your answer is placed.") if parent else _("Your comment is placed."), "success")
            return back_to(comment)
    return render_template("comments/write.html", idea=idea, form=form, parent=parent,
                           can_answer_for_the_city=rules.can_answer_for_the_city(current_user)), 422


@bp.route("/reacties/<int:comment_id>/melden", methods=["GET", "POST"])
@access(AUTHENTICATED)
@limiter.limit(submit_limit, methods=["POST"])
def report(comment_id: int):
    comment = readable_comment_or_404(comment_id)
    if not rules.can_report(current_user, comment):
        abort(403)
    form = forms.ReportForm()
    if form.validate_on_submit():
        services.report_comment(comment, current_user, form.reason.data)
        db.session.commit()
        flash(_("Thank you. A moderator will look at this comment."), "success")
        return back_to(comment)
    return render_template("comments/report.html", comment=comment, idea=comment.idea, form=form)


@bp.route("/moderatie/reacties")
@access(MODERATOR)
def queue():
    page = queries.reported_comments(current_user, request.args.get("page", 1, type=parse_int),
                                     current_app.config["PER_PAGE"])
    reports = queries.open_reports([comment.id for comment in page.items])
    return render_template("comments/queue.html", page=page, reports=reports, hide_form=forms.HideForm(formdata=None),
                           keep_form=forms.KeepForm(formdata=None))


def moderated_comment_or_404(comment_id: int) -> Comment:
    comment = queries.comment_by_id(comment_id)
    if comment is None or not idea_queries.is_idea_visible(comment.idea, current_user):
        abort(404)
    return comment


@bp.route("/moderatie/reacties/<int:comment_id>/verbergen", methods=["POST"])
@access(MODERATOR)
def hide(comment_id: int):
    comment = moderated_comment_or_404(comment_id)
    form = forms.HideForm()
    if form.validate_on_submit():
        try:
            services.hide_comment(comment, current_user, form.reason.data)
        except services.CommentError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flush_log_backend()
            flash(_("The comment is hidden. Its author gets a mail with the reason."), "success")
    else:
        flash(_("Say why the comment is hidden: the author and the readers see it."), "error")
    if request.form.get("back") == "queue":
        return redirect(url_for("comments.queue"))
    return back_to(comment)


@bp.route("/moderatie/reacties/<int:comment_id>/behouden", methods=["POST"])
@access(MODERATOR)
def keep(comment_id: int):
    comment = moderated_comment_or_404(comment_id)
    if not forms.KeepForm().validate_on_submit():
        abort(400)
    services.keep_comment(comment)
    db.session.commit()
    flash(_("The comment stays. Its reports are handled."), "success")
    return redirect(url_for("comments.queue"))
